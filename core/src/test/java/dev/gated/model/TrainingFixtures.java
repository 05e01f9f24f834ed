package dev.gated.model;

import dev.gated.data.Dataset;
import dev.gated.layer.Dense;
import dev.gated.layer.Dropout;
import dev.gated.layer.Parameter;
import dev.gated.layer.recurrent.Recurrent;
import dev.gated.loss.Loss;
import dev.gated.optim.Adam;
import dev.gated.tensor.Tensor;
import java.util.List;

/** Small, deterministic models and data shared by the training tests (and the checkpoint child process). */
public final class TrainingFixtures {

    private TrainingFixtures() {
    }

    /** Windows of a noisy two-frequency sine: (n, steps, 1) inputs, (n, 1) next values. */
    public static Dataset sineData(int n, int steps) {
        float[] x = new float[n * steps];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < steps; t++) {
                x[i * steps + t] = (float) signal(i + t);
            }
            y[i] = (float) signal(i + steps);
        }
        return new Dataset(Tensor.of(x, n, steps, 1), Tensor.of(y, n, 1));
    }

    private static double signal(int k) {
        return Math.sin(0.2 * k) + 0.3 * Math.cos(0.05 * k);
    }

    /** LSTM → dropout → GRU → Dense: exercises stacking, dropout randomness and Adam state. */
    public static Sequential stackedModel(long seed, int steps) {
        Sequential model = Sequential.input(steps, 1).seed(seed)
                .add(Recurrent.lstm(16).returnSequences(true))
                .add(new Dropout(0.1))
                .add(Recurrent.gru(8))
                .add(new Dense(1));
        model.compile(new Adam(0.01), Loss.mse());
        return model;
    }

    public static float[] flatWeights(Model model) {
        List<Parameter> params = model.parameters();
        int n = 0;
        for (Parameter p : params) {
            n += p.value().size();
        }
        float[] all = new float[n];
        int k = 0;
        for (Parameter p : params) {
            for (int i = 0; i < p.value().size(); i++) {
                all[k++] = (float) p.value().get(i);
            }
        }
        return all;
    }
}
