package dev.gated.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gated.layer.Dense;
import dev.gated.layer.recurrent.Recurrent;
import dev.gated.loss.Loss;
import dev.gated.optim.Adam;
import dev.gated.tensor.Shape;
import dev.gated.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Truncated BPTT over consecutive chunks that carry the recurrent state (Keras stateful, char-rnn). */
class TruncatedBpttTest {

    static Sequential model(long seed) {
        Sequential m = Sequential.input(Shape.anyLength(1)).seed(seed)
                .add(Recurrent.lstm(16).returnSequences(true))
                .add(new Dense(1));
        m.compile(new Adam(0.01), Loss.mse());
        return m;
    }

    /** Input: a spike at step 0 of sign s, then zeros; target at every step: s (what was seen long ago). */
    static Tensor[] memoryTask(int n, int steps) {
        float[] x = new float[n * steps];
        float[] y = new float[n * steps];
        for (int i = 0; i < n; i++) {
            float sign = i % 2 == 0 ? 1 : -1;
            x[i * steps] = sign;
            for (int t = 0; t < steps; t++) {
                y[i * steps + t] = sign;
            }
        }
        return new Tensor[] {Tensor.of(x, n, steps, 1), Tensor.of(y, n, steps, 1)};
    }

    @Test
    void oneChunkAsLongAsTheSequenceIsOrdinaryTraining() {
        Tensor[] data = memoryTask(64, 12);
        Sequential whole = model(3);
        Sequential chunked = model(3);
        whole.fit(data[0], data[1], Fit.epochs(3).batchSize(16).quiet());
        chunked.fit(data[0], data[1], Fit.epochs(3).batchSize(16).quiet().truncatedBptt(12));
        assertArrayEquals(TrainingFixtures.flatWeights(whole), TrainingFixtures.flatWeights(chunked));
    }

    @Test
    void stateCarriedAcrossChunksRemembersWhatAnEarlierChunkSaw() {
        Tensor[] data = memoryTask(64, 40);
        Sequential model = model(4);
        History history = model.fit(data[0], data[1], Fit.epochs(40).batchSize(32).quiet().truncatedBptt(10));
        Tensor predicted = model.predict(data[0]);
        double error = 0;
        int counted = 0;
        for (int i = 0; i < 64; i++) {
            for (int t = 30; t < 40; t++) {      // the last chunk never sees the spike itself
                error += Math.abs(predicted.get(i * 40 + t) - data[1].get(i * 40 + t));
                counted++;
            }
        }
        double mae = error / counted;
        System.out.println("truncated BPTT (k = 10 of T = 40): loss " + history.loss()[0] + " → " + history.finalLoss()
                + ", MAE on steps 30–39 " + mae);
        assertTrue(mae < 0.2, "steps 30–39 recall the sign seen at step 0 through carried state: MAE " + mae);
    }

    @Test
    void targetsWithoutATimeAxisAreRefused() {
        Sequential model = Sequential.input(Shape.anyLength(1)).add(Recurrent.lstm(4)).add(new Dense(1));
        model.compile(new Adam(0.01), Loss.mse());
        Tensor[] data = memoryTask(8, 6);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.fit(data[0], Tensor.zeros(data[0].precision(), 8, 1), Fit.epochs(1).quiet().truncatedBptt(3)));
        assertTrue(e.getMessage().contains("one target per step"), e.getMessage());
    }
}
