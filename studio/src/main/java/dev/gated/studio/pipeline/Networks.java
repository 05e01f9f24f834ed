package dev.gated.studio.pipeline;

import dev.gated.layer.Dense;
import dev.gated.layer.Dropout;
import dev.gated.layer.recurrent.Recurrent;
import dev.gated.loss.Loss;
import dev.gated.model.Sequential;
import dev.gated.optim.Optimizer;

/** Builds the network a {@link ModelSpec} describes: stacked recurrent layers, optional dropout, a linear head. */
public final class Networks {

    private Networks() {
    }

    /**
     * <pre>
     * input (T, F) → [Recurrent(H) (→ Dropout)] × layers → Dense(outputs)
     * </pre>
     * every recurrent layer but the last returns sequences; compiled with MSE and the chosen optimizer.
     */
    public static Sequential build(ModelSpec spec, int steps, int features, int outputs) {
        Sequential model = Sequential.input(steps, features).seed(spec.seed());
        for (int l = 0; l < spec.layers(); l++) {
            model.add(recurrent(spec.kind(), spec.units()).returnSequences(l < spec.layers() - 1));
            if (spec.dropout() > 0) {
                model.add(new Dropout(spec.dropout()));
            }
        }
        model.add(new Dense(outputs));
        return model.compile(Optimizer.parse(spec.optimizer(), spec.lr()), Loss.mse());
    }

    static Recurrent recurrent(String kind, int units) {
        return switch (kind) {
            case "rnn" -> Recurrent.simpleRnn(units);
            case "lstm" -> Recurrent.lstm(units);
            case "gru" -> Recurrent.gru(units);
            default -> throw new IllegalArgumentException("model kind \"" + kind + "\" is not one of rnn, lstm, gru");
        };
    }
}
