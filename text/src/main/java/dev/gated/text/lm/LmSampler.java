package dev.gated.text.lm;

import dev.gated.model.Model;
import dev.gated.model.StreamState;
import dev.gated.tensor.Tensor;
import dev.gated.text.CharSampler;
import dev.gated.text.Sampling;
import java.io.IOException;
import java.util.Random;

/**
 * Generates text from a language model by stepping its streaming state, handing out each character as soon as
 * it is drawn:
 * <pre>
 *   s = zeros;  z = step(s, prompt)                   the prompt once, as one chunk (B = 1)
 *   repeat N times:  c ~ softmax(top-k(z) / τ);  emit c;  z = step(s, c)     one step per character
 * </pre>
 * Each character costs one time step, whatever has been generated before (the state holds the history);
 * re-running a window instead costs T steps per character ({@link SamplingSpeed} measures both). A Transformer
 * has no state to step (and Gated keeps no attention cache): for it every character re-runs the last T
 * characters, z = model(prefix[−T:])[last].
 */
public final class LmSampler {

    /** Receives each generated character as soon as it is drawn (e.g. to print and flush it). */
    public interface Sink {
        void accept(char c) throws IOException;
    }

    private LmSampler() {
    }

    /**
     * {@code length} characters after {@code prompt} (non-empty, characters of the vocabulary), drawn with
     * temperature τ &gt; 0 among the {@code topK} most likely characters (0: all).
     */
    public static void stream(LanguageModel lm, String prompt, int length, double temperature, int topK, Random random,
                              Sink sink) throws IOException {
        if (prompt.isEmpty()) {
            throw new IllegalArgumentException("the prompt is empty — give at least one character to start from");
        }
        if (length < 0) {
            throw new IllegalArgumentException("length must be >= 0 but is " + length);
        }
        Model model = lm.model();
        int v = lm.vocabulary().size();
        int[] encoded = lm.encode(prompt, "--prompt");
        if (!lm.architecture().isRecurrent()) {
            windowed(lm, encoded, length, temperature, topK, random, sink);
            return;
        }
        StreamState state = model.newState(1);
        Tensor x = Tensor.zeros(model.precision(), 1, encoded.length);
        for (int t = 0; t < encoded.length; t++) {
            x.set(t, encoded[t]);
        }
        double[] logits = CharSampler.lastLogits(model.step(state, x), v);
        Tensor one = Tensor.zeros(model.precision(), 1, 1);
        for (int i = 0; i < length; i++) {
            int c = Sampling.sample(logits, temperature, topK, random);
            sink.accept(lm.vocabulary().charAt(c));
            if (i + 1 < length) {
                one.set(0, c);
                logits = CharSampler.lastLogits(model.step(state, one), v);
            }
        }
    }

    private static void windowed(LanguageModel lm, int[] prompt, int length, double temperature, int topK, Random random,
                                 Sink sink) throws IOException {
        int window = lm.context();
        int[] prefix = java.util.Arrays.copyOf(prompt, prompt.length + length);
        for (int n = prompt.length; n < prefix.length; n++) {
            int from = Math.max(0, n - window);
            Tensor x = Tensor.zeros(lm.model().precision(), 1, n - from);
            for (int t = from; t < n; t++) {
                x.set(t - from, prefix[t]);
            }
            int c = Sampling.sample(CharSampler.lastLogits(lm.model().predict(x), lm.vocabulary().size()), temperature, topK, random);
            prefix[n] = c;
            sink.accept(lm.vocabulary().charAt(c));
        }
    }

    /** The default prompt when none is given: a line feed when the vocabulary has one (nanoGPT's start), else its first character. */
    public static String defaultPrompt(LanguageModel lm) {
        return lm.vocabulary().contains('\n') ? "\n" : String.valueOf(lm.vocabulary().charAt(0));
    }
}
