package dev.gated.forecast;

import dev.gated.layer.recurrent.RecurrentKind;
import dev.gated.model.EarlyStopping;
import dev.gated.model.Fit;
import dev.gated.model.ReduceLearningRateOnPlateau;
import dev.gated.model.Sequential;

/**
 * One candidate of a successive-halving search ({@link TuneSearch}) trained in rungs: each call of
 * {@link #trainTo(int)} continues the same network (weights, optimizer state, epoch count) up to a total number of
 * epochs. Its early stopping and learning-rate plateau listeners are kept from rung to rung, so patience counts
 * across rungs; a candidate that early stopping ended is {@link #stopped()} and trains no more. As early stopping
 * restores the best epoch's weights at the end of each rung, the next rung continues from those weights (not
 * from the last epoch's): a candidate trained in rungs is not bit-identical to one trained in one call.
 */
final class RungTraining {

    private final RecurrentKind kind;
    private final HyperParameters hp;
    private final PreparedData data;
    private final Sequential model;
    private final EarlyStopping stopping;
    private final ReduceLearningRateOnPlateau plateau;
    private final DivergenceGuard guard = new DivergenceGuard();
    private double seconds;
    private boolean stopped;

    RungTraining(RecurrentKind kind, HyperParameters hp, PreparedData data) {
        this.kind = kind;
        this.hp = hp;
        this.data = data;
        this.model = Networks.build(kind, hp, data.features());
        this.stopping = hp.patience() > 0 ? new EarlyStopping(hp.patience()) : null;
        this.plateau = hp.plateau() > 0 ? new ReduceLearningRateOnPlateau(HyperParameters.PLATEAU_FACTOR,
                hp.plateau(), HyperParameters.PLATEAU_MIN_RATE) : null;
    }

    /** Trains on until {@code totalEpochs} epochs have run in all (fewer when early stopping ends it). */
    void trainTo(int totalEpochs) {
        if (stopped || model.epochsCompleted() >= totalEpochs) {
            return;
        }
        Fit fit = Fit.epochs(totalEpochs).batchSize(hp.batch()).quiet().resume();
        if (data.validation() != null) {
            fit.validationData(data.validation().dataset());
        }
        fit.listener(guard);
        if (plateau != null) {
            fit.listener(plateau);
        }
        if (stopping != null) {
            fit.listener(stopping);
        }
        long start = System.nanoTime();
        model.fit(data.train().dataset(), fit);
        seconds += (System.nanoTime() - start) / 1e9;
        stopped = model.epochsCompleted() < totalEpochs;
    }

    /** True when early stopping ended the training. */
    boolean stopped() {
        return stopped;
    }

    /** The training so far as a run (the model with its best weights when early stopping is on). */
    TrainingRun run() {
        int epochs = model.epochsCompleted();
        int best = stopping != null && stopping.bestEpoch() >= 0 ? stopping.bestEpoch() + 1 : epochs;
        return new TrainingRun(model, kind, hp, seconds, epochs, best);
    }
}
