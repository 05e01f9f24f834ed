package dev.gated.forecast;

import dev.gated.layer.recurrent.RecurrentKind;
import dev.gated.layer.Dense;
import dev.gated.layer.Dropout;
import dev.gated.loss.Loss;
import dev.gated.model.Sequential;
import dev.gated.optim.GradientClipping;
import dev.gated.optim.LearningRateSchedule;
import dev.gated.optim.Optimizer;

/**
 * The forecasting network of the command line and the studio, Keras's forecasting recipe:
 * <pre>
 *   input (T, F) ─► [Recurrent(units, return_sequences) ─► Dropout]×(layers-1) ─► Recurrent(units) ─► [Dropout]
 *                ─► Dense(H·M·Q)      H = horizon: all H steps at once (direct multi-step); M = targets (1, or
 *                                     several, see {@link TargetColumns}); Q = 1, or the number of quantile
 *                                     levels (output (k·M + m)·Q + q = level q of target m at step k + 1)
 *   compile: optimizer(lr) (Adam unless chosen), mean squared error (pinball loss of the levels with
 *            quantiles), optional clipping by global norm
 * </pre>
 */
public final class Networks {

    private Networks() {
    }

    /** A compiled model for windows of {@code hp.window()} steps of {@code features} values. */
    public static Sequential build(RecurrentKind kind, HyperParameters hp, int features) {
        return build(kind, hp, hp.window(), features);
    }

    /**
     * A compiled model that reads {@code steps} steps of {@code features} values: T + H steps of F + 1 with
     * known-future inputs ({@link FutureInputs}).
     */
    public static Sequential build(RecurrentKind kind, HyperParameters hp, int steps, int features) {
        return build(kind, hp, steps, features, 1);
    }

    /** As {@link #build(RecurrentKind, HyperParameters, int, int)} with a head for M targets: Dense(H·M·Q). */
    public static Sequential build(RecurrentKind kind, HyperParameters hp, int steps, int features, int targets) {
        Sequential model = Sequential.input(steps, features).seed(hp.seed());
        for (int l = 0; l < hp.layers(); l++) {
            model.add(kind.layer(hp.units()).returnSequences(l < hp.layers() - 1));
            if (hp.dropout() > 0) {
                model.add(new Dropout(hp.dropout()));
            }
        }
        QuantileLevels q = hp.quantiles();
        model.add(new Dense(hp.horizon() * targets * q.perStep()));
        GradientClipping clipping = hp.clip() > 0 ? GradientClipping.byGlobalNorm(hp.clip()) : GradientClipping.NONE;
        model.compile(Optimizer.parse(hp.optimizer(), hp.learningRate()),
                q.any() ? Loss.pinball(q.toArray()) : Loss.mse(), clipping,
                LearningRateSchedule.constant());
        return model;
    }
}
