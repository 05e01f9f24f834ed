package dev.gated.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gated.layer.Dense;
import dev.gated.layer.Embedding;
import dev.gated.layer.LayerNormalization;
import dev.gated.layer.MultiHeadAttention;
import dev.gated.layer.Node;
import dev.gated.layer.PositionalEncoding;
import dev.gated.layer.TransformerBlock;
import dev.gated.loss.CategoricalCrossEntropy;
import dev.gated.optim.Adam;
import dev.gated.tensor.Shape;
import dev.gated.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small causal Transformer built from the engine's public graph API: it learns a task that needs attention
 * and positions, never looks ahead, runs on any length, and saves and loads bit-identically.
 */
class TransformerTest {

    static final int VOCABULARY = 6;   // 0 = padding / "nothing yet", 1..5 symbols
    static final int LAG = 2;

    @TempDir
    Path dir;

    /** Token t of the target is token t − LAG of the input (0 before that): only attention to position t − 2 answers it. */
    static Tensor[] lagData(int n, int steps, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[n * steps];
        float[] y = new float[n * steps];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < steps; t++) {
                x[i * steps + t] = 1 + random.nextInt(VOCABULARY - 1);
            }
            for (int t = LAG; t < steps; t++) {
                y[i * steps + t] = x[i * steps + t - LAG];
            }
        }
        return new Tensor[] {Tensor.of(x, n, steps), Tensor.of(y, n, steps)};
    }

    static Model languageModel(long seed) {
        Node tokens = Node.input("tokens", Shape.ANY);
        Node h = new PositionalEncoding().on(new Embedding(VOCABULARY, 16, false).on(tokens));
        h = TransformerBlock.of(2, 16).feedForward(32).causal(true).on(h);
        Node logits = new Dense(VOCABULARY).on(new LayerNormalization().on(h));
        return Model.of(tokens, logits).seed(seed).build();
    }

    static double accuracy(Model model, Tensor x, Tensor y) {
        Tensor logits = model.predict(x);
        int steps = x.dim(1);
        int right = 0;
        int total = 0;
        for (int i = 0; i < x.dim(0); i++) {
            for (int t = LAG; t < steps; t++) {
                int best = 0;
                for (int c = 1; c < VOCABULARY; c++) {
                    if (logits.get((i * steps + t) * VOCABULARY + c) > logits.get((i * steps + t) * VOCABULARY + best)) {
                        best = c;
                    }
                }
                right += best == (int) y.get(i * steps + t) ? 1 : 0;
                total++;
            }
        }
        return (double) right / total;
    }

    @Test
    void learnsToRecallTheTokenTwoStepsBackAndSavesLoads() throws IOException {
        Tensor[] train = lagData(512, 10, 1);
        Tensor[] test = lagData(128, 10, 2);
        Model model = languageModel(3).compile(new Adam(0.01), new CategoricalCrossEntropy(true, true));
        double before = accuracy(model, test[0], test[1]);
        model.fit(train[0], train[1], Fit.epochs(25).batchSize(32).quiet());
        double after = accuracy(model, test[0], test[1]);
        System.out.printf("causal Transformer, recall t-2: held-out accuracy %.3f before training, %.3f after%n", before, after);
        assertTrue(before < 0.4, "an untrained model should be near chance (0.2), was " + before);
        assertTrue(after > 0.95, "a one-block Transformer should recall the token two steps back, accuracy " + after);

        Tensor longer = lagData(4, 37, 3)[0];
        Path file = dir.resolve("transformer.gated");
        model.save(file);
        Model loaded = Model.load(file);
        assertArrayEquals(model.predict(longer).toDoubleArray(), loaded.predict(longer).toDoubleArray(),
                "saved and loaded, on a length it never trained on");
        assertTrue(loaded.summary().contains("multi_head_attention"), loaded.summary());
        Tensor prefix = longer.timeSlice(0, 10);
        double[] shortRun = loaded.predict(prefix).toDoubleArray();
        double[] longRun = loaded.predict(longer).toDoubleArray();
        for (int i = 0; i < 4; i++) {
            for (int k = 0; k < 10 * VOCABULARY; k++) {
                assertEquals(shortRun[i * 10 * VOCABULARY + k], longRun[i * 37 * VOCABULARY + k],
                        "causal: the first 10 steps of a T = 37 run equal the T = 10 run on its prefix");
            }
        }
    }

    @Test
    void neverLooksAhead() {
        Model model = languageModel(4);
        Tensor x = lagData(3, 12, 5)[0];
        Tensor changed = x.copy();
        int cut = 7;
        for (int i = 0; i < 3; i++) {
            for (int t = cut + 1; t < 12; t++) {
                changed.set(i * 12 + t, 1 + (changed.get(i * 12 + t) % (VOCABULARY - 1)));
            }
        }
        Tensor a = model.predict(x);
        Tensor b = model.predict(changed);
        for (int i = 0; i < 3; i++) {
            for (int t = 0; t < 12; t++) {
                for (int c = 0; c < VOCABULARY; c++) {
                    int at = (i * 12 + t) * VOCABULARY + c;
                    if (t <= cut) {
                        assertEquals(a.get(at), b.get(at), "step " + t + " changed when only steps after " + cut + " did");
                    }
                }
            }
        }
        assertNotEquals(a.get((12 - 1) * VOCABULARY), b.get((12 - 1) * VOCABULARY), "the last step must see its own input");
    }

    @Test
    void wrongWiringTeaches() {
        Node x = Node.input("x", Shape.anyLength(4));
        MultiHeadAttention mha = MultiHeadAttention.of(2, 2);
        IllegalArgumentException one = assertThrows(IllegalArgumentException.class, () -> Model.of(x, mha.on(x)).build());
        assertTrue(one.getMessage().contains("mha.on(x, x)"), one.getMessage());
        IllegalStateException stream = assertThrows(IllegalStateException.class, () -> languageModel(5).newState(1));
        assertTrue(stream.getMessage().contains("run predict on the whole prefix"), stream.getMessage());
        IllegalArgumentException width = assertThrows(IllegalArgumentException.class, () -> TransformerBlock.of(3, 16));
        assertTrue(width.getMessage().contains("multiple of the 3 heads"), width.getMessage());
    }
}
