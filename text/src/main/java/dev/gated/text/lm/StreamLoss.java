package dev.gated.text.lm;

import dev.gated.data.Dataset;
import dev.gated.layer.Mode;
import dev.gated.loss.Loss;
import dev.gated.model.Model;
import dev.gated.model.StreamState;
import dev.gated.tensor.Tensor;
import java.util.List;

/**
 * How well a language model predicts a text, in nats per predicted token (÷ ln 2 for bits):
 * <pre>
 *   loss = −(1/n) Σ_i log p(text[i+1] | what the model has read),   p = softmax(z),  z the model's logits
 *   per character = −Σ_i log p(…) ÷ Σ_i |text[i+1]|       (|t|: the characters token t spells; see {@link Total})
 * </pre>
 * With a character vocabulary the two are the same; with subwords the per-character figure is the one that
 * compares with character-level models.
 * Two readings of "what the model has read":
 * <ul>
 *   <li>{@link #streams}: the text as B parallel streams ({@link StreamBatches}), the state carried from chunk
 *       to chunk, so each character is predicted from everything before it in its stream — how a recurrent
 *       model is used when sampling. B only splits the work: B cold starts in n predictions.</li>
 *   <li>{@link #windows}: non-overlapping windows of T characters, each from a zero state, every position
 *       counted — nanoGPT's {@code estimate_loss} (there on random windows), where position t has seen only
 *       t + 1 characters.</li>
 * </ul>
 */
public final class StreamLoss {

    private static final Loss CROSS_ENTROPY = Loss.sparseCategoricalCrossEntropy(true);

    private StreamLoss() {
    }

    /**
     * The summed loss of the predicted tokens, how many they are and how many characters they spell.
     *
     * @param nats       −Σ log p over the predicted tokens
     * @param tokens     n, the predicted tokens
     * @param characters the characters the predicted tokens spell (n for a character vocabulary)
     */
    public record Total(double nats, long tokens, long characters) {

        public double perToken() {
            return nats / tokens;
        }

        public double perCharacter() {
            return nats / characters;
        }
    }

    /** Mean loss reading {@code text} (indices) as {@code streams} streams in chunks of {@code chunk} steps. */
    public static double streams(Model model, int[] text, int streams, int chunk) {
        return streams(model, text, streams, chunk, null).perToken();
    }

    /**
     * {@link #streams(Model, int[], int, int)} as a total, with {@code lengths[t]} the characters token t spells
     * (null: one each).
     */
    public static Total streams(Model model, int[] text, int streams, int chunk, int[] lengths) {
        StreamBatches batches = new StreamBatches(text, streams, chunk, model.precision());
        StreamState state = model.newState(streams);
        double sum = 0;
        long n = 0;
        long characters = 0;
        for (int c = 0; c < batches.chunks(); c++) {
            Dataset d = batches.chunk(c);
            Tensor z = model.forward(List.of(d.x()), null, Mode.INFERENCE, state).outputs().get(0); // (B, T_c, V)
            sum += CROSS_ENTROPY.compute(z, d.y(), null, null) * d.y().size();
            n += d.y().size();
            characters += characters(d.y(), lengths);
        }
        return new Total(sum, n, characters);
    }

    /** Σ lengths[y_i] over the token indices in {@code y} (their count when lengths is null). */
    static long characters(Tensor y, int[] lengths) {
        if (lengths == null) {
            return y.size();
        }
        long sum = 0;
        for (int i = 0; i < y.size(); i++) {
            sum += lengths[(int) y.get(i)];
        }
        return sum;
    }

    /** Mean loss over non-overlapping windows of {@code length} characters, each read from a zero state. */
    public static double windows(Model model, int[] text, int length) {
        return windows(model, text, length, null).perToken();
    }

    /** {@link #windows(Model, int[], int)} as a total, {@code lengths} as in {@link #streams(Model, int[], int, int, int[])}. */
    public static Total windows(Model model, int[] text, int length, int[] lengths) {
        int count = (text.length - 1) / length;
        if (count < 1) {
            throw new IllegalArgumentException("a text of " + text.length + " characters holds no window of " + length
                    + " characters and the next");
        }
        double sum = 0;
        long n = 0;
        long characters = 0;
        int batch = 64;
        for (int from = 0; from < count; from += batch) {
            int rows = Math.min(batch, count - from);
            Tensor x = Tensor.zeros(model.precision(), rows, length);
            Tensor y = Tensor.zeros(model.precision(), rows, length);
            for (int r = 0; r < rows; r++) {
                int start = (from + r) * length;
                for (int t = 0; t < length; t++) {
                    x.set(r * length + t, text[start + t]);
                    y.set(r * length + t, text[start + t + 1]);
                }
            }
            Tensor z = model.forward(List.of(x), null, Mode.INFERENCE, null).outputs().get(0);
            sum += CROSS_ENTROPY.compute(z, y, null, null) * y.size();
            n += y.size();
            characters += characters(y, lengths);
        }
        return new Total(sum, n, characters);
    }

    /**
     * The loss of each character of {@code text} after the first: element i is −log p(text[i+1] | text[0..i]), in
     * nats (length N − 1). A recurrent model reads the text as one stream from a zero state; a model without a
     * state ({@code window} > 0) sees the last {@code window} characters, text[max(0, i + 1 − window) .. i].
     */
    public static double[] perCharacter(Model model, int[] text, int window) {
        if (text.length < 2) {
            throw new IllegalArgumentException("a passage needs at least 2 characters (one to read, one to predict)");
        }
        if (window > 0) {
            return perCharacterInWindows(model, text, window);
        }
        double[] out = new double[text.length - 1];
        StreamState state = model.newState(1);
        int chunk = 256;
        for (int from = 0; from < out.length; from += chunk) {
            int length = Math.min(chunk, out.length - from);
            Tensor x = Tensor.zeros(model.precision(), 1, length);
            for (int t = 0; t < length; t++) {
                x.set(t, text[from + t]);
            }
            Tensor z = model.step(state, x); // (1, length, V)
            int v = z.size() / length;
            for (int t = 0; t < length; t++) {
                out[from + t] = -logSoftmax(z, t * v, v, text[from + t + 1]);
            }
        }
        return out;
    }

    private static double[] perCharacterInWindows(Model model, int[] text, int window) {
        double[] out = new double[text.length - 1];
        for (int i = 0; i < out.length; i++) {
            int from = Math.max(0, i + 1 - window);
            Tensor x = Tensor.zeros(model.precision(), 1, i + 1 - from);
            for (int t = from; t <= i; t++) {
                x.set(t - from, text[t]);
            }
            Tensor z = model.predict(x); // (1, k, V)
            int v = z.size() / x.size();
            out[i] = -logSoftmax(z, z.size() - v, v, text[i + 1]);
        }
        return out;
    }

    /** log softmax(z[offset .. offset + V))[target] = z_target − max − log Σ_k exp(z_k − max). */
    static double logSoftmax(Tensor z, int offset, int classes, int target) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < classes; k++) {
            max = Math.max(max, z.get(offset + k));
        }
        double sum = 0;
        for (int k = 0; k < classes; k++) {
            sum += Math.exp(z.get(offset + k) - max);
        }
        return z.get(offset + target) - max - Math.log(sum);
    }
}
