package dev.gated.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gated.data.Dataset;
import dev.gated.layer.Dense;
import dev.gated.layer.recurrent.Bidirectional;
import dev.gated.layer.recurrent.Recurrent;
import dev.gated.loss.Loss;
import dev.gated.model.Fit;
import dev.gated.model.Sequential;
import dev.gated.optim.Adam;
import dev.gated.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Models trained with recurrent and input dropout: reproducible, and the options survive a model file. */
class RecurrentDropoutModelFileTest {

    static final int STEPS = 8;

    @TempDir
    Path dir;

    /** Next-value prediction at every step: (n, T, 1) → (n, T, 1), so truncated BPTT applies. */
    private static Dataset sequences(int n) {
        float[] x = new float[n * STEPS];
        float[] y = new float[n * STEPS];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < STEPS; t++) {
                x[i * STEPS + t] = (float) Math.sin(0.3 * (i + t));
                y[i * STEPS + t] = (float) Math.sin(0.3 * (i + t + 1));
            }
        }
        return new Dataset(Tensor.of(x, n, STEPS, 1), Tensor.of(y, n, STEPS, 1));
    }

    private static Sequential model() {
        Sequential model = Sequential.input(STEPS, 1).seed(9)
                .add(new Bidirectional(Recurrent.gru(5).returnSequences(true).recurrentDropout(0.3), Bidirectional.Merge.SUM))
                .add(Recurrent.lstm(6).returnSequences(true).dropout(0.1).recurrentDropout(0.25))
                .add(new Dense(1));
        model.compile(new Adam(0.01), Loss.mse());
        return model;
    }

    @Test
    void trainingIsReproducibleAndTheFileKeepsTheOptions() throws IOException {
        Sequential a = model();
        a.fit(sequences(32), Fit.epochs(2).batchSize(8).quiet());
        Sequential b = model();
        b.fit(sequences(32), Fit.epochs(2).batchSize(8).quiet());
        assertArrayEquals(a.history().loss(), b.history().loss(), "same seed, same masks, same losses");

        Path file = dir.resolve("dropout.gated");
        a.save(file);
        Sequential loaded = Sequential.load(file);
        Recurrent lstm = (Recurrent) loaded.layers().get(1);
        assertEquals(0.25, lstm.recurrentDropoutRate());
        assertEquals(0.1, lstm.dropoutRate());
        Bidirectional bi = (Bidirectional) loaded.layers().get(0);
        assertEquals(0.3, bi.forwardLayer().recurrentDropoutRate());
        assertEquals(0.3, bi.backwardLayer().recurrentDropoutRate());
        assertEquals(a.summary(), loaded.summary());
        Tensor x = sequences(4).x();
        assertArrayEquals(a.predict(x).toFloatArray(), loaded.predict(x).toFloatArray(), "inference ignores dropout");
    }

    @Test
    void truncatedBpttTrainsWithRecurrentDropout() {
        Sequential model = Sequential.input(STEPS, 1).seed(3)
                .add(Recurrent.lstm(6).returnSequences(true).recurrentDropout(0.25))
                .add(new Dense(1));
        model.compile(new Adam(0.01), Loss.mse());
        model.fit(sequences(32), Fit.epochs(3).batchSize(8).truncatedBptt(4).quiet());
        double[] loss = model.history().loss();
        assertTrue(Double.isFinite(loss[loss.length - 1]) && loss[loss.length - 1] < loss[0],
                "loss should fall: " + java.util.Arrays.toString(loss));
    }
}
