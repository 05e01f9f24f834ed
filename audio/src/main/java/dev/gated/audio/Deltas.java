package dev.gated.audio;

/**
 * Time derivatives of feature frames by the HTK regression formula (HTK Book §5.9; python_speech_features'
 * {@code delta}), window N = 2, edges replicated.
 *
 * <pre>
 * Δc_t = Σ_{n=1}^{N} n · (c_{min(t+n, T−1)} − c_{max(t−n, 0)}) / (2 Σ_{n=1}^{N} n²)      = (… ) / 10 for N = 2
 * </pre>
 * ΔΔ is Δ applied to Δ. Δ at t needs frames up to t + 2, ΔΔ up to t + 4: a stream emits a frame 4 hops late.
 */
public final class Deltas {

    /** N, the regression half-width. */
    public static final int WINDOW = 2;

    private Deltas() {
    }

    /** Δ of frame t of c (T, D), treating {@code last} as the final frame index (T − 1), into out (D). */
    public static void at(double[][] c, int t, int last, double[] out) {
        double denominator = 0;
        for (int n = 1; n <= WINDOW; n++) {
            denominator += 2.0 * n * n;
        }
        int d = out.length;
        for (int j = 0; j < d; j++) {
            double s = 0;
            for (int n = 1; n <= WINDOW; n++) {
                s += n * (c[Math.min(t + n, last)][j] - c[Math.max(t - n, 0)][j]);
            }
            out[j] = s / denominator;
        }
    }

    /** Δ of every frame of c (T, D): (T, D). */
    public static double[][] of(double[][] c) {
        double[][] out = new double[c.length][c.length == 0 ? 0 : c[0].length];
        for (int t = 0; t < c.length; t++) {
            at(c, t, c.length - 1, out[t]);
        }
        return out;
    }
}
