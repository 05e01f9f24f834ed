package dev.gated.forecast;

import dev.gated.layer.recurrent.RecurrentKind;
import dev.gated.model.EarlyStopping;
import dev.gated.model.EpochRecord;
import dev.gated.model.Fit;
import dev.gated.model.History;
import dev.gated.model.ReduceLearningRateOnPlateau;
import dev.gated.model.Sequential;
import dev.gated.model.TrainingListener;
import java.util.List;

/**
 * One model trained on prepared data: the model (weights of the best validation epoch when early stopping is
 * on), how long it took and how many epochs ran.
 *
 * @param model     the trained, compiled model
 * @param kind      lstm, gru or rnn
 * @param hp        its hyper-parameters
 * @param seconds   wall time of {@code fit}
 * @param epochs    epochs run (fewer than hp.epochs() when early stopping stopped it)
 * @param bestEpoch 1-based epoch whose weights the model has (the last one without early stopping)
 */
public record TrainingRun(Sequential model, RecurrentKind kind, HyperParameters hp, double seconds, int epochs,
                          int bestEpoch) {

    /**
     * Builds and trains a model; {@code listeners} (progress display …) are called as fit runs.
     * Early stopping (hp.patience() &gt; 0, best weights restored) and learning-rate reduction on plateau
     * (hp.plateau() &gt; 0) watch val_loss when there is validation data, else loss.
     */
    public static TrainingRun train(RecurrentKind kind, HyperParameters hp, PreparedData data,
                                    List<TrainingListener> listeners) {
        return train(kind, hp, data, listeners, null, false);
    }

    /**
     * As {@link #train(RecurrentKind, HyperParameters, PreparedData, List)}, saving checkpoints to
     * {@code checkpoint} (when not null) and, with {@code resume}, continuing from the one already there up to
     * {@code hp.epochs()} in all.
     */
    public static TrainingRun train(RecurrentKind kind, HyperParameters hp, PreparedData data,
                                    List<TrainingListener> listeners, TrainingCheckpoint checkpoint, boolean resume) {
        Sequential model;
        try {
            model = resume ? checkpoint.load() : Networks.build(kind, hp, data.networkInput(hp.windowing())[0],
                    data.networkInput(hp.windowing())[1], data.series().spec().targetCount());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Fit fit = Fit.epochs(hp.epochs()).batchSize(hp.batch()).quiet();
        if (checkpoint != null) {
            checkpoint.stampInto(model);
            if (checkpoint.listener() != null) {
                fit.listener(checkpoint.listener());
            }
        }
        if (resume) {
            fit.resume();
        }
        if (data.validation() != null) {
            fit.validationData(data.validation().dataset());
        }
        fit.listener(new DivergenceGuard());
        listeners.forEach(fit::listener);
        if (hp.plateau() > 0) {
            fit.listener(new ReduceLearningRateOnPlateau(HyperParameters.PLATEAU_FACTOR, hp.plateau(),
                    HyperParameters.PLATEAU_MIN_RATE));
        }
        EarlyStopping stopping = hp.patience() > 0 ? new EarlyStopping(hp.patience()) : null;
        if (stopping != null) {
            fit.listener(stopping);
        }
        long start = System.nanoTime();
        History history = model.fit(data.train().dataset(), fit);
        double seconds = (System.nanoTime() - start) / 1e9;
        int best = stopping != null && stopping.bestEpoch() >= 0 ? stopping.bestEpoch() + 1 : history.size();
        return new TrainingRun(model, kind, hp, seconds, history.size(), best);
    }

    /** The per-epoch losses, oldest first. */
    public List<EpochRecord> history() {
        return model.history().epochs();
    }
}
