package dev.gated.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gated.layer.Dense;
import dev.gated.layer.Embedding;
import dev.gated.layer.recurrent.Recurrent;
import dev.gated.loss.Loss;
import dev.gated.model.Fit;
import dev.gated.model.Sequential;
import dev.gated.model.StreamState;
import dev.gated.optim.Adam;
import dev.gated.tensor.Shape;
import dev.gated.tensor.Tensor;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Stepping a character model gives, at every position, the next-character distribution that one full forward
 * pass over the same characters gives (both from a zero state, so on the first ≤ 64 characters, where the
 * windowed sampler and the stepped one see the same context).
 */
class CharSamplerTest {

    static final String TEXT = "First Citizen:\nBefore we proceed any further, hear me speak.\n\nAll:\nSpeak, speak.\n\n"
            + "First Citizen:\nYou are all resolved rather to die than to famish?\n\nAll:\nResolved. resolved.\n\n"
            + "First Citizen:\nFirst, you know Caius Marcius is chief enemy to the people.\n";
    static final int WINDOW = 64;
    static final double TOLERANCE = 1e-5; // relative, on each probability, float32

    static CharVocabulary vocabulary;
    static Sequential model;

    /** The demo's architecture, smaller, trained a little so that its distributions are far from uniform. */
    @BeforeAll
    static void train() {
        vocabulary = CharVocabulary.of(TEXT);
        model = Sequential.input(Shape.anyLength())
                .add(new Embedding(vocabulary.size(), 16, false))
                .add(Recurrent.lstm(32).returnSequences(true))
                .add(new Dense(vocabulary.size()))
                .seed(7);
        model.compile(new Adam(0.01), Loss.sparseCategoricalCrossEntropy(true));
        model.fit(vocabulary.sequences(TEXT, WINDOW, 8), Fit.epochs(15).batchSize(16).quiet());
    }

    @Test
    void steppingGivesTheFullWindowDistributionAtEveryPosition() {
        String s = TEXT.substring(0, WINDOW);
        int v = vocabulary.size();
        Tensor full = model.predict(window(s)); // (1, 64, V): position t has seen s[0..t]
        for (int chunk : new int[] {1, 10, 63, 64}) {
            StreamState state = model.newState(1);
            Tensor first = model.step(state, window(s.substring(0, chunk))); // (1, chunk, V)
            assertEquals(chunk * v, first.size());
            double worst = 0;
            for (int t = 0; t < chunk; t++) {
                worst = Math.max(worst, relativeError(first, t, full, t, v));
            }
            for (int t = chunk; t < WINDOW; t++) {
                Tensor y = model.step(state, Tensor.of(new float[] {vocabulary.indexOf(s.charAt(t))}, 1)); // (1, 1, V)
                assertEquals(v, y.size());
                worst = Math.max(worst, relativeError(y, 0, full, t, v));
            }
            assertTrue(worst <= TOLERANCE, "chunk " + chunk + ": worst relative error " + worst);
        }
    }

    @Test
    void shorterPrefixesNeedNoPadding() {
        // the free time axis: a prefix of t characters predicts as the first t positions of the whole window
        String s = TEXT.substring(0, WINDOW);
        int v = vocabulary.size();
        Tensor full = model.predict(window(s));
        for (int t : new int[] {1, 5, 33}) {
            Tensor prefix = model.predict(window(s.substring(0, t)));
            assertTrue(relativeError(prefix, t - 1, full, t - 1, v) <= TOLERANCE);
        }
    }

    @Test
    void bothSamplersDrawTheSameFirstCharacterFromAFullWindowPrompt() {
        String prompt = TEXT.substring(0, WINDOW);
        for (long seed = 0; seed < 5; seed++) {
            String stepped = CharSampler.stepped(model, vocabulary, prompt, 1, 1.0, new Random(seed));
            String windowed = CharSampler.windowed(model, vocabulary, prompt, WINDOW, 1, 1.0, new Random(seed));
            assertEquals(windowed, stepped, "seed " + seed);
        }
    }

    @Test
    void steppedSamplingIsReproducibleAndUsesTheVocabulary() {
        String a = CharSampler.stepped(model, vocabulary, "All:", 200, 0.8, new Random(3));
        String b = CharSampler.stepped(model, vocabulary, "All:", 200, 0.8, new Random(3));
        assertEquals(200, a.length());
        assertEquals(a, b);
        for (int i = 0; i < a.length(); i++) {
            assertTrue(vocabulary.contains(a.charAt(i)));
        }
        assertEquals("", CharSampler.stepped(model, vocabulary, "All:", 0, 0.8, new Random(3)));
        assertThrows(IllegalArgumentException.class, () -> CharSampler.stepped(model, vocabulary, "", 5, 0.8, new Random(3)));
    }

    private static Tensor window(String s) {
        return vocabulary.window(s, s.length());
    }

    /** max over characters c of |p_a(c) − p_b(c)| / p_b(c), p = softmax of the logits at the given steps. */
    private static double relativeError(Tensor a, int stepA, Tensor b, int stepB, int v) {
        double[] pa = softmax(a, stepA * v, v);
        double[] pb = softmax(b, stepB * v, v);
        double worst = 0;
        for (int c = 0; c < v; c++) {
            worst = Math.max(worst, Math.abs(pa[c] - pb[c]) / pb[c]);
        }
        return worst;
    }

    private static double[] softmax(Tensor y, int offset, int v) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < v; c++) {
            max = Math.max(max, y.get(offset + c));
        }
        double[] p = new double[v];
        double sum = 0;
        for (int c = 0; c < v; c++) {
            p[c] = Math.exp(y.get(offset + c) - max);
            sum += p[c];
        }
        for (int c = 0; c < v; c++) {
            p[c] /= sum;
        }
        return p;
    }
}
