package dev.gated.forecast;

import java.util.Arrays;

/**
 * The targets of N windows of a model that forecasts M columns at once ({@code --target A,B,C}): one Dense head
 * gives H·M·Q outputs per window, each target scaled with its own column of the scaler (fitted on the training
 * rows only), and trained together on the mean squared error (or pinball loss) over all of them:
 * <pre>
 *   y       (M, N·H)       y[m][i·H + k] = scaled target m at step k + 1 of window i
 *   offsets (M, N)         scaled target m at each window's last input row (relative windows), or null
 *   y'      (N, H·M)       what the network is trained on: y'(i, k·M + m) = y[m][i·H + k] − offsets[m][i]
 *   output  (N, H·M·Q)     output ((k·M + m)·Q + q) = level q of target m at step k + 1 (Q = 1 without quantiles)
 * </pre>
 * Every target's errors, baselines and plots come from a per-target view ({@link PreparedData#forTarget}), whose
 * windows hold that target alone and read {@link #select} of the outputs.
 *
 * @param y       (M, N·H) the scaled targets
 * @param offsets (M, N) the offsets of relative windows, or null for absolute windows
 */
public record TargetColumns(float[][] y, double[][] offsets) {

    /** M. */
    public int count() {
        return y.length;
    }

    /** y' (N, H·M), target-interleaved per step, offsets removed. */
    public float[] interleaved(int n, int h) {
        int m = y.length;
        float[] out = new float[n * h * m];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < h; k++) {
                for (int t = 0; t < m; t++) {
                    out[(i * h + k) * m + t] = y[t][i * h + k] - (offsets == null ? 0 : (float) offsets[t][i]);
                }
            }
        }
        return out;
    }

    /** Windows [from, to). */
    public TargetColumns slice(int from, int to, int h) {
        float[][] ys = new float[y.length][];
        double[][] os = offsets == null ? null : new double[y.length][];
        for (int t = 0; t < y.length; t++) {
            ys[t] = Arrays.copyOfRange(y[t], from * h, to * h);
            if (os != null) {
                os[t] = Arrays.copyOfRange(offsets[t], from, to);
            }
        }
        return new TargetColumns(ys, os);
    }

    /**
     * Target {@code m}'s outputs (N·H·Q, step-major, levels innermost, as one-target models give them) out of a
     * head's (N·H·M·Q); the outputs themselves when M = 1.
     */
    public static float[] select(float[] outputs, int m, int targets, int perStep) {
        if (targets == 1) {
            return outputs;
        }
        int steps = outputs.length / (targets * perStep);   // N·H
        float[] out = new float[steps * perStep];
        for (int s = 0; s < steps; s++) {
            System.arraycopy(outputs, (s * targets + m) * perStep, out, s * perStep, perStep);
        }
        return out;
    }
}
