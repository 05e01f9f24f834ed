package dev.gated.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gated.layer.Activation;
import dev.gated.layer.Attention;
import dev.gated.layer.Dense;
import dev.gated.layer.Dropout;
import dev.gated.layer.LayerNormalization;
import dev.gated.layer.Node;
import dev.gated.layer.RepeatVector;
import dev.gated.layer.TimeDistributed;
import dev.gated.layer.recurrent.Recurrent;
import dev.gated.loss.Loss;
import dev.gated.model.Fit;
import dev.gated.model.GraphModel;
import dev.gated.model.Model;
import dev.gated.model.Sequential;
import dev.gated.optim.Adam;
import dev.gated.tensor.Precision;
import dev.gated.tensor.Shape;
import dev.gated.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attention, LayerNormalization, RepeatVector and TimeDistributed in saved models: a trained graph model using
 * all four (additive attention with its weights as a second output, learned-scale dot attention, a wrapped
 * stack) and a Sequential one are saved, loaded with {@link Model#load}, and predict exactly as before, at
 * several sequence lengths.
 */
class SequenceLayersModelFileTest {

    @TempDir
    Path dir;

    private static GraphModel graph() {
        Node seq = Node.input("seq", Shape.anyLength(4));
        Node context = Node.input("context", 3);
        Node repeated = new RepeatVector(3).on(new Dense(4, Activation.TANH).on(context));   // (3, 4)
        Node normalized = new LayerNormalization().on(seq);                                     // (T, 4)
        Node[] additive = Attention.additive().returnAttentionScores(true).onAll(normalized, repeated);
        Node dot = Attention.dot(Attention.Scale.LEARNED).on(additive[0], seq);               // self-attention-like
        Node out = new TimeDistributed(new Dense(5, Activation.TANH), new Dropout(0.1), new Dense(2)).on(dot);
        return Model.of(List.of(seq, context), List.of(out, additive[1])).seed(7);
    }

    private static Tensor uniform(SplittableRandom random, int... shape) {
        Tensor t = Tensor.zeros(Precision.FLOAT32, shape);
        for (int i = 0; i < t.size(); i++) {
            t.set(i, 2 * random.nextDouble() - 1);
        }
        return t;
    }

    @Test
    void graphWithAttentionLayerNormRepeatAndTimeDistributedRoundTrips() throws IOException {
        GraphModel model = graph();
        SplittableRandom random = new SplittableRandom(1);
        int n = 32;
        Tensor seq = uniform(random, n, 6, 4);
        Tensor context = uniform(random, n, 3);
        Tensor target = uniform(random, n, 6, 2);
        Tensor weightTarget = Tensor.zeros(Precision.FLOAT32, n, 6, 3);
        weightTarget.fill(1.0 / 3);
        model.compile(new Adam(0.01), Loss.mse());
        model.fit(List.of(seq, context), List.of(target, weightTarget), Fit.epochs(3).batchSize(8).quiet());
        double loss = model.history().loss()[model.history().loss().length - 1];
        assertTrue(Double.isFinite(loss), "training loss " + loss);

        Path file = dir.resolve("attention.gated");
        model.save(file);
        Model loaded = Model.load(file);
        assertEquals(model.summary(), loaded.summary());
        String summary = loaded.summary();
        for (String name : new String[] {"AdditiveAttention", "Attention", "LayerNormalization", "RepeatVector",
            "TimeDistributed(Dense, Dropout, Dense)"}) {
            assertTrue(summary.contains(name), "summary lacks " + name + ":\n" + summary);
        }
        System.out.println(summary);
        for (int steps : new int[] {1, 6, 11}) {
            List<Tensor> inputs = List.of(uniform(random, 5, steps, 4), uniform(random, 5, 3));
            List<Tensor> masks = new ArrayList<>();
            masks.add(null);
            masks.add(null);
            List<Tensor> before = model.predict(inputs, masks);
            List<Tensor> after = loaded.predict(inputs, masks);
            assertEquals(2, after.size());
            for (int k = 0; k < 2; k++) {
                assertArrayEquals(before.get(k).toFloatArray(), after.get(k).toFloatArray(), "output " + k + " at T=" + steps);
            }
            assertArrayEquals(new int[] {5, steps, 3}, after.get(1).shape(), "attention weights (B, Tq, Tv)");
        }
    }

    @Test
    void sequentialWithTheNewLayersRoundTrips() throws IOException {
        Sequential model = Sequential.input(5).seed(3)
                .add(new Dense(4, Activation.TANH))
                .add(new RepeatVector(7))
                .add(Recurrent.lstm(6).returnSequences(true))
                .add(new LayerNormalization(1e-5))
                .add(new TimeDistributed(new Dense(3, Activation.RELU), new Dense(1)));
        SplittableRandom random = new SplittableRandom(2);
        Tensor x = uniform(random, 16, 5);
        model.compile(new Adam(0.01), Loss.mse());
        model.fit(x, uniform(random, 16, 7, 1), Fit.epochs(2).batchSize(8).quiet());
        Path file = dir.resolve("seq.gated");
        model.save(file);
        Model loaded = Model.load(file);
        assertEquals(model.summary(), loaded.summary());
        Tensor probe = uniform(random, 4, 5);
        assertArrayEquals(model.predict(probe).toFloatArray(), loaded.predict(probe).toFloatArray());
    }
}
