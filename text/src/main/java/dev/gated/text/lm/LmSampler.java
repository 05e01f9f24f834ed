package dev.gated.text.lm;

import dev.gated.model.Model;
import dev.gated.model.StreamState;
import dev.gated.tensor.Tensor;
import dev.gated.text.CharSampler;
import dev.gated.text.Sampling;
import java.io.IOException;
import java.util.Random;

/**
 * Generates text from a language model by stepping its streaming state, handing out each token's text as soon
 * as it is drawn:
 * <pre>
 *   s = zeros;  z = step(s, prompt)                   the prompt once, as one chunk (B = 1)
 *   until N characters are out:  c ~ softmax(top-k(z) / τ);  emit text(c);  z = step(s, c)     one step per token
 * </pre>
 * A token is a character or, with a subword vocabulary, several (the last one emitted is cut to reach exactly N).
 * Each character costs one time step, whatever has been generated before (the state holds the history);
 * re-running a window instead costs T steps per character ({@link SamplingSpeed} measures both). A Transformer
 * has no state to step (and Gated keeps no attention cache): for it every character re-runs the last T
 * characters, z = model(prefix[−T:])[last].
 */
public final class LmSampler {

    /** Receives the text of each generated token as soon as it is drawn (e.g. to print and flush it). */
    public interface Sink {
        void accept(String text) throws IOException;
    }

    private LmSampler() {
    }

    /**
     * {@code length} characters after {@code prompt} (non-empty, characters of the vocabulary), drawn token by
     * token with temperature τ &gt; 0 among the {@code topK} most likely tokens (0: all).
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
        for (int emitted = 0; emitted < length; ) {
            int c = Sampling.sample(logits, temperature, topK, random);
            emitted += emit(lm.vocabulary().token(c), length - emitted, sink);
            if (emitted < length) {
                one.set(0, c);
                logits = CharSampler.lastLogits(model.step(state, one), v);
            }
        }
    }

    private static void windowed(LanguageModel lm, int[] prompt, int length, double temperature, int topK, Random random,
                                 Sink sink) throws IOException {
        int window = lm.context();
        int[] prefix = java.util.Arrays.copyOf(prompt, prompt.length + length);   // a token spells >= 1 character
        for (int n = prompt.length, emitted = 0; emitted < length; n++) {
            int from = Math.max(0, n - window);
            Tensor x = Tensor.zeros(lm.model().precision(), 1, n - from);
            for (int t = from; t < n; t++) {
                x.set(t - from, prefix[t]);
            }
            int c = Sampling.sample(CharSampler.lastLogits(lm.model().predict(x), lm.vocabulary().size()), temperature, topK, random);
            prefix[n] = c;
            emitted += emit(lm.vocabulary().token(c), length - emitted, sink);
        }
    }

    /** Hands out {@code text}, cut to at most {@code room} characters; returns how many were handed out. */
    private static int emit(String text, int room, Sink sink) throws IOException {
        String out = text.length() <= room ? text : text.substring(0, room);
        sink.accept(out);
        return out.length();
    }

    /** The default prompt when none is given: a line feed when the vocabulary has one (nanoGPT's start), else its first token. */
    public static String defaultPrompt(LanguageModel lm) {
        try {
            lm.encode("\n", "");
            return "\n";
        } catch (IllegalArgumentException e) {
            return lm.vocabulary().token(0);
        }
    }
}
