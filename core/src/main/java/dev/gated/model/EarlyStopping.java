package dev.gated.model;

import dev.gated.layer.Checks;
import dev.gated.layer.Parameter;
import dev.gated.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Stops training when the monitored loss (validation loss if there is validation data, else training loss)
 * has not improved by more than {@code minDelta} for {@code patience} epochs (as Keras counts: with patience 2
 * the run stops two epochs after the best one; patience 0 and 1 both stop at the first epoch without improvement,
 * as in Keras); optionally restores the
 * weights of the best epoch when training ends (Keras's {@code restore_best_weights}).
 */
public final class EarlyStopping implements TrainingListener {

    private final int patience;
    private final double minDelta;
    private final boolean restoreBestWeights;
    private double best = Double.POSITIVE_INFINITY;
    private int bestEpoch = -1;
    private int wait;
    private List<Tensor> bestWeights;
    private int stoppedEpoch = -1;

    public EarlyStopping(int patience, double minDelta, boolean restoreBestWeights) {
        if (patience < 0) {
            throw new IllegalArgumentException("EarlyStopping patience: expected ≥ 0 but found " + patience);
        }
        this.patience = patience;
        this.minDelta = Checks.nonNegative("EarlyStopping minDelta", minDelta);
        this.restoreBestWeights = restoreBestWeights;
    }

    public EarlyStopping(int patience) {
        this(patience, 0, true);
    }

    @Override
    public void onEpochEnd(Model model, EpochRecord record) {
        double monitored = record.hasValidation() ? record.validationLoss() : record.loss();
        if (monitored < best - minDelta) {
            best = monitored;
            bestEpoch = record.epoch();
            wait = 0;
            if (restoreBestWeights) {
                bestWeights = snapshot(model);
            }
        } else if (++wait >= Math.max(patience, 1)) {
            stoppedEpoch = record.epoch();
            model.stopTraining();
        }
    }

    @Override
    public void onTrainEnd(Model model, History history) {
        if (restoreBestWeights && bestWeights != null) {
            List<Parameter> params = model.parameters();
            for (int i = 0; i < params.size(); i++) {
                params.get(i).value().copyFrom(bestWeights.get(i));
            }
        }
    }

    private static List<Tensor> snapshot(Model model) {
        List<Tensor> copy = new ArrayList<>();
        for (Parameter p : model.parameters()) {
            copy.add(p.value().copy());
        }
        return copy;
    }

    /** 0-based epoch with the best monitored loss; -1 before any epoch. */
    public int bestEpoch() {
        return bestEpoch;
    }

    public double bestLoss() {
        return best;
    }

    /** 0-based epoch at which training was stopped, or -1 if it ran to the end. */
    public int stoppedEpoch() {
        return stoppedEpoch;
    }
}
