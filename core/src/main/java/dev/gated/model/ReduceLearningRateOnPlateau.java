package dev.gated.model;

import dev.gated.layer.Checks;

/**
 * Multiplies the learning rate by {@code factor} when the monitored loss (validation if present, else training)
 * has not improved for {@code patience} epochs, never below {@code minimumRate} (Keras's ReduceLROnPlateau).
 * The reduced rate then holds for later epochs (it overrides the model's schedule).
 */
public final class ReduceLearningRateOnPlateau implements TrainingListener {

    private final double factor;
    private final int patience;
    private final double minimumRate;
    private double best = Double.POSITIVE_INFINITY;
    private int wait;
    private double reducedRate = Double.NaN;

    public ReduceLearningRateOnPlateau(double factor, int patience, double minimumRate) {
        if (!(factor > 0 && factor < 1)) {
            throw new IllegalArgumentException("ReduceLearningRateOnPlateau factor: expected a value in (0, 1) but found " + factor);
        }
        if (patience < 0) {
            throw new IllegalArgumentException("ReduceLearningRateOnPlateau patience: expected ≥ 0 but found " + patience);
        }
        this.factor = factor;
        this.patience = patience;
        this.minimumRate = Checks.nonNegative("ReduceLearningRateOnPlateau minimumRate", minimumRate);
    }

    @Override
    public void onEpochBegin(Model model, int epoch) {
        if (!Double.isNaN(reducedRate)) {
            model.optimizer().setLearningRate(reducedRate);
        }
    }

    @Override
    public void onEpochEnd(Model model, EpochRecord record) {
        double monitored = record.hasValidation() ? record.validationLoss() : record.loss();
        if (monitored < best) {
            best = monitored;
            wait = 0;
        } else if (++wait >= patience) {
            double rate = Math.max(minimumRate, model.optimizer().learningRate() * factor);
            if (rate > 0) {
                reducedRate = rate;
                model.optimizer().setLearningRate(rate);
            }
            wait = 0;
        }
    }

    /** The current reduced rate, NaN until the first reduction. */
    public double reducedRate() {
        return reducedRate;
    }
}
