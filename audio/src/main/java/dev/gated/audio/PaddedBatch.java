package dev.gated.audio;

import dev.gated.tensor.Tensor;
import java.util.List;

/**
 * Utterances of different lengths as one batch, padded at the end to the longest in the batch.
 *
 * <pre>
 * x    (B, T_max, F)   x[b, t, :] = frame t of utterance b for t &lt; T_b, else 0
 * mask (B, T_max)      1 for t &lt; T_b, 0 for padding; a recurrent layer carries its state through padding
 *                      unchanged, so the last output of row b is its state after T_b frames
 * y    (B, 1)          class index, or null
 * </pre>
 */
public record PaddedBatch(Tensor x, Tensor mask, Tensor y) {

    /** Pads utterances {@code rows[from … to)} of {@code frames} (each (T, F)); labels may be null. */
    public static PaddedBatch of(List<double[][]> frames, int[] labels, int[] rows, int from, int to) {
        int batch = to - from;
        int longest = 1;
        int width = frames.get(rows[from])[0].length;
        for (int i = from; i < to; i++) {
            longest = Math.max(longest, frames.get(rows[i]).length);
        }
        float[] x = new float[batch * longest * width];
        float[] mask = new float[batch * longest];
        float[] y = labels == null ? null : new float[batch];
        for (int b = 0; b < batch; b++) {
            double[][] u = frames.get(rows[from + b]);
            for (int t = 0; t < u.length; t++) {
                mask[b * longest + t] = 1;
                for (int j = 0; j < width; j++) {
                    x[(b * longest + t) * width + j] = (float) u[t][j];
                }
            }
            if (y != null) {
                y[b] = labels[rows[from + b]];
            }
        }
        return new PaddedBatch(Tensor.of(x, batch, longest, width), Tensor.of(mask, batch, longest),
                y == null ? null : Tensor.of(y, batch, 1));
    }

    /** One utterance (T, F) as a batch of one, without padding. */
    public static Tensor single(double[][] frames) {
        int width = frames[0].length;
        float[] x = new float[frames.length * width];
        for (int t = 0; t < frames.length; t++) {
            for (int j = 0; j < width; j++) {
                x[t * width + j] = (float) frames[t][j];
            }
        }
        return Tensor.of(x, 1, frames.length, width);
    }

    /** Class indices of {@code rows} as targets (B, 1). */
    public static Tensor classes(int[] labels, int[] rows) {
        float[] y = new float[rows.length];
        for (int b = 0; b < rows.length; b++) {
            y[b] = labels[rows[b]];
        }
        return Tensor.of(y, rows.length, 1);
    }

    /**
     * Label sequences of {@code rows} as CTC targets (B, L_max): row b holds {@code sequences.get(rows[b])} then 0s
     * (CTC's padding, the blank class).
     */
    public static Tensor sequences(List<int[]> sequences, int[] rows) {
        int longest = 1;
        for (int r : rows) {
            longest = Math.max(longest, sequences.get(r).length);
        }
        float[] y = new float[rows.length * longest];
        for (int b = 0; b < rows.length; b++) {
            int[] s = sequences.get(rows[b]);
            for (int u = 0; u < s.length; u++) {
                y[b * longest + u] = s[u];
            }
        }
        return Tensor.of(y, rows.length, longest);
    }
}
