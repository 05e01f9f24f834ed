package dev.gated.text;

import dev.gated.tensor.Tensor;
import java.util.List;

/**
 * Index sequences of different lengths made into one (N, T) tensor of token indices and an (N, T) mask
 * (1 = a real token, 0 = padding).
 * <p>
 * Pre-padding: the padding goes in front, so that the last steps — the ones a recurrent layer's final state
 * remembers best — are real words. Sequences longer than T are truncated at the front, keeping the last T words.
 * <pre>
 *   T = 5:  [7, 8, 9]            →  x = [0, 0, 7, 8, 9]   mask = [0, 0, 1, 1, 1]
 *           [1, 2, 3, 4, 5, 6, 7] →  x = [3, 4, 5, 6, 7]   mask = [1, 1, 1, 1, 1]
 * </pre>
 */
public record PaddedSequences(Tensor x, Tensor mask) {

    public static PaddedSequences pad(List<int[]> sequences, int length) {
        if (length < 1) {
            throw new IllegalArgumentException("padding length must be >= 1 but is " + length);
        }
        int n = sequences.size();
        float[] x = new float[n * length];   // (N, T)
        float[] mask = new float[n * length]; // (N, T)
        for (int i = 0; i < n; i++) {
            int[] seq = sequences.get(i);
            int kept = Math.min(seq.length, length);
            int from = seq.length - kept;
            int offset = i * length + (length - kept);
            for (int t = 0; t < kept; t++) {
                int token = seq[from + t];
                if (token == Vocabulary.PADDING) {
                    throw new IllegalArgumentException("sequence " + i + " holds the padding index 0 at position "
                            + (from + t) + " — index 0 is reserved for padding; encode words with a Vocabulary");
                }
                x[offset + t] = token;
                mask[offset + t] = 1;
            }
        }
        return new PaddedSequences(Tensor.of(x, n, length), Tensor.of(mask, n, length));
    }

    public int size() {
        return x.dim(0);
    }

    public int length() {
        return x.dim(1);
    }
}
