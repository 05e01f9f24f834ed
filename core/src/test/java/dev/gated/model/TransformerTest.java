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

    /** A causal Transformer stepped through its key/value caches gives what one call on the whole sequence gives. */
    @Test
    void stepsThroughKeyValueCachesAsOneCall() {
        Node tokens = Node.input("tokens", Shape.ANY);
        Node h = new PositionalEncoding().on(new Embedding(VOCABULARY, 8, false).on(tokens));
        h = TransformerBlock.of(2, 8).feedForward(12).causal(true).on(h);
        h = TransformerBlock.of(2, 8).feedForward(12).causal(true).on(h);
        Model model = Model.of(tokens, new Dense(VOCABULARY).on(new LayerNormalization().on(h)))
                .precision(dev.gated.tensor.Precision.FLOAT64).seed(8).build();
        Tensor x = lagData(3, 11, 9)[0];
        double[] whole = model.predict(x).toDoubleArray();
        StreamState state = model.newState(3);
        int[] chunks = {1, 3, 2, 1, 4};
        int from = 0;
        StreamState parked = null;
        for (int chunk : chunks) {
            Tensor y = model.step(state, x.timeSlice(from, from + chunk));
            // a return-sequences model gives every step of the chunk
            for (int b = 0; b < 3; b++) {
                for (int t = 0; t < chunk; t++) {
                    for (int c = 0; c < VOCABULARY; c++) {
                        assertEquals(whole[(b * 11 + from + t) * VOCABULARY + c], y.get((b * chunk + t) * VOCABULARY + c), 1e-12,
                                "row " + b + " step " + (from + t) + " stepped in chunks of " + java.util.Arrays.toString(chunks));
                    }
                }
            }
            from += chunk;
            if (from == 4) {
                parked = StreamState.fromBytes(state.copy().toBytes());
            }
        }
        assertEquals(11, state.attentionSteps());
        Tensor resumed = model.step(parked, x.timeSlice(4, 11));
        assertEquals(whole[(2 * 11 + 10) * VOCABULARY], resumed.get((2 * 7 + 6) * VOCABULARY), 1e-12,
                "a state parked as bytes after 4 steps resumes where it stopped");
        state.reset();
        assertEquals(whole[0], model.step(state, x.timeSlice(0, 1)).get(0), 1e-12, "reset starts a new sequence");
        assertThrows(IllegalStateException.class, () -> state.reset(1));
    }

    /** Cross-attention to a memory projected once gives what a call on (query, memory) gives, padding mask included. */
    @Test
    void attendsToAMemoryProjectedOnceAsToTheMemoryItself() {
        Node query = Node.input("query", Shape.anyLength(6));
        Node memoryIn = Node.input("memory", Shape.anyLength(5));
        MultiHeadAttention mha = MultiHeadAttention.of(2, 3).returnAttentionScores(true);
        Model.of(List.of(query, memoryIn), List.of(mha.onAll(query, memoryIn))).precision(dev.gated.tensor.Precision.FLOAT64).seed(4).build();
        SplittableRandom random = new SplittableRandom(5);
        double[] q = random.doubles(2 * 3 * 6, -1, 1).toArray();
        double[] m = random.doubles(2 * 4 * 5, -1, 1).toArray();
        Tensor mask = Tensor.of(new double[] {1, 1, 1, 0, 1, 1, 0, 0}, 2, 4);   // row 0: 3 steps, row 1: 2 steps
        Tensor queryTensor = Tensor.of(q, 2, 3, 6);
        Tensor memoryTensor = Tensor.of(m, 2, 4, 5);
        Tensor[] whole = mha.forwardAll(new Tensor[] {queryTensor, memoryTensor}, new Tensor[] {null, mask}, dev.gated.layer.Mode.INFERENCE);
        Tensor[] onMemory = mha.forwardOnMemory(queryTensor, null, mha.projectMemory(memoryTensor, mask));
        assertArrayEquals(whole[0].toDoubleArray(), onMemory[0].toDoubleArray(), 1e-12, "outputs");
        assertArrayEquals(whole[1].toDoubleArray(), onMemory[1].toDoubleArray(), 1e-12, "weights (padded steps 0)");
        assertEquals(0, onMemory[1].get(3), "row 0, head 0, query 0 gives the padded step 3 no weight");
        IllegalStateException causal = assertThrows(IllegalStateException.class, () -> MultiHeadAttention.of(1, 2).causal(true)
                .forwardOnMemory(queryTensor, null, new dev.gated.layer.AttentionCache(2, 2, 2)));
        assertTrue(causal.getMessage().contains("cross-attention"), causal.getMessage());
    }

    @Test
    void wrongWiringTeaches() {
        Node x = Node.input("x", Shape.anyLength(4));
        MultiHeadAttention mha = MultiHeadAttention.of(2, 2);
        IllegalArgumentException one = assertThrows(IllegalArgumentException.class, () -> Model.of(x, mha.on(x)).build());
        assertTrue(one.getMessage().contains("mha.on(x, x)"), one.getMessage());
        Node y = Node.input("y", Shape.anyLength(4));
        Model bidirectional = Model.of(y, new Dense(2).on(TransformerBlock.of(2, 4).on(y))).build();
        IllegalStateException stream = assertThrows(IllegalStateException.class, () -> bidirectional.newState(1));
        assertTrue(stream.getMessage().contains("without causal(true)"), stream.getMessage());
        IllegalArgumentException width = assertThrows(IllegalArgumentException.class, () -> TransformerBlock.of(3, 16));
        assertTrue(width.getMessage().contains("multiple of the 3 heads"), width.getMessage());
    }
}
