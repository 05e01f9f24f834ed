package dev.gated.text;

import dev.gated.data.Dataset;
import dev.gated.tensor.Tensor;
import java.util.Arrays;
import java.util.TreeSet;

/**
 * Character → index for character-level models: the distinct characters of a text, sorted by code unit, so
 * index i is the i-th smallest character. No padding or unknown entry: every window is full, and the model
 * only ever sees characters of the training text (use {@code Embedding(size, E, false)}).
 * <p>
 * {@link #windows} cuts next-character examples:
 * <pre>
 *   x[n] = text[n·s .. n·s + T)        (T indices)
 *   y[n] = text[n·s + T]               (the character that follows)
 *   n = 0 .. N−1,   N = ⌊(len − T − 1) / s⌋ + 1,   s = stride
 * </pre>
 * {@link #sequences} cuts per-step examples from the same windows, the target being the window shifted by one:
 * <pre>
 *   x[n] = text[n·s .. n·s + T),    y[n] = text[n·s + 1 .. n·s + T + 1)      (both (N, T) indices)
 * </pre>
 */
public final class CharVocabulary {

    private final char[] chars;  // index → character, sorted
    private final int[] index;   // character → index, −1 if absent (length max char + 1)

    private CharVocabulary(char[] chars) {
        this.chars = chars;
        this.index = new int[chars.length == 0 ? 0 : chars[chars.length - 1] + 1];
        Arrays.fill(index, -1);
        for (int i = 0; i < chars.length; i++) {
            index[chars[i]] = i;
        }
    }

    public static CharVocabulary of(CharSequence text) {
        if (text.length() == 0) {
            throw new IllegalArgumentException("CharVocabulary: the text is empty");
        }
        TreeSet<Character> set = new TreeSet<>();
        for (int i = 0; i < text.length(); i++) {
            set.add(text.charAt(i));
        }
        char[] chars = new char[set.size()];
        int i = 0;
        for (char c : set) {
            chars[i++] = c;
        }
        return new CharVocabulary(chars);
    }

    public int size() {
        return chars.length;
    }

    public boolean contains(char c) {
        return c < index.length && index[c] >= 0;
    }

    public int indexOf(char c) {
        if (!contains(c)) {
            throw new IllegalArgumentException("character " + describe(c) + " is not in the vocabulary of "
                    + chars.length + " characters — the seed text may use only characters of the training text");
        }
        return index[c];
    }

    public char charAt(int i) {
        if (i < 0 || i >= chars.length) {
            throw new IllegalArgumentException("character index " + i + " is outside [0, " + chars.length + ")");
        }
        return chars[i];
    }

    public int[] encode(CharSequence text) {
        int[] out = new int[text.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = indexOf(text.charAt(i));
        }
        return out;
    }

    public String decode(int[] indices) {
        StringBuilder sb = new StringBuilder(indices.length);
        for (int i : indices) {
            sb.append(charAt(i));
        }
        return sb.toString();
    }

    /** Next-character examples: x (N, T) indices, y (N) the index of the character after each window. */
    public Dataset windows(CharSequence text, int length, int stride) {
        if (length < 1 || stride < 1) {
            throw new IllegalArgumentException("windows: length and stride must be >= 1 but are " + length + " and " + stride);
        }
        if (text.length() < length + 1) {
            throw new IllegalArgumentException("windows: a window of " + length + " characters plus the next one needs "
                    + (length + 1) + " characters but the text has " + text.length());
        }
        int[] encoded = encode(text);
        int n = (encoded.length - length - 1) / stride + 1;
        float[] x = new float[n * length]; // (N, T)
        float[] y = new float[n];          // (N)
        for (int w = 0; w < n; w++) {
            int start = w * stride;
            for (int t = 0; t < length; t++) {
                x[w * length + t] = encoded[start + t];
            }
            y[w] = encoded[start + length];
        }
        return new Dataset(Tensor.of(x, n, length), Tensor.of(y, n, 1));
    }

    /**
     * Per-step next-character examples: x (N, T) indices and y (N, T) the same window shifted by one, so
     * y[n, t] is the character after x[n, t]; N as in {@link #windows}.
     */
    public Dataset sequences(CharSequence text, int length, int stride) {
        if (length < 1 || stride < 1) {
            throw new IllegalArgumentException("sequences: length and stride must be >= 1 but are " + length + " and " + stride);
        }
        if (text.length() < length + 1) {
            throw new IllegalArgumentException("sequences: a window of " + length + " characters plus the next one needs "
                    + (length + 1) + " characters but the text has " + text.length());
        }
        int[] encoded = encode(text);
        int n = (encoded.length - length - 1) / stride + 1;
        float[] x = new float[n * length]; // (N, T)
        float[] y = new float[n * length]; // (N, T), shifted by one
        for (int w = 0; w < n; w++) {
            int start = w * stride;
            for (int t = 0; t < length; t++) {
                x[w * length + t] = encoded[start + t];
                y[w * length + t] = encoded[start + t + 1];
            }
        }
        return new Dataset(Tensor.of(x, n, length), Tensor.of(y, n, length));
    }

    /** The last {@code length} characters of {@code text} as a (1, T) index tensor, for generation. */
    public Tensor window(CharSequence text, int length) {
        if (text.length() < length) {
            throw new IllegalArgumentException("window: need " + length + " characters but the text has " + text.length());
        }
        int[] encoded = encode(text.subSequence(text.length() - length, text.length()));
        float[] x = new float[length];
        for (int t = 0; t < length; t++) {
            x[t] = encoded[t];
        }
        return Tensor.of(x, 1, length);
    }

    private static String describe(char c) {
        return c >= 32 && c < 127 ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }
}
