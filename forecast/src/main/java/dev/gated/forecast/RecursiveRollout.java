package dev.gated.forecast;

import dev.gated.model.Sequential;
import dev.gated.tensor.Tensor;

/**
 * Recursive multi-step forecasts of a one-step network (H = 1, one input feature: the target) over every window
 * of a part at once, each prediction fed back as the next input, in absolute (scaled) values:
 * <pre>
 *   w_i(0)   = x_i                                  (T) the window's scaled inputs, i = 0 … N−1
 *   ŷ_i(s)   = f(w_i(s) − w_i(s)[T−1]) + w_i(s)[T−1]   relative windows     (f: the network, (T, 1) → 1)
 *            = f(w_i(s))                              absolute windows
 *   w_i(s+1) = (w_i(s)[1 … T−1], ŷ_i(s))            the oldest input dropped, the prediction appended
 * </pre>
 * Window i is rolled while its target row {@code targetStart[i] + s} lies in the part's rows (it needs no
 * forecast after the part's last row), at most {@code steps} steps; the steps it does not reach are NaN. Since
 * the windows' target starts increase, the windows still rolling at step s are a prefix of the part, predicted
 * in batches of {@code batch} windows. With {@code every} &gt; 1 only windows i ≡ 0 (mod every) are rolled (the
 * cost is N·S forward passes of T steps, which a long horizon makes large); the others stay NaN.
 * This is {@link Forecaster}'s recursion (steps &gt; H = 1) applied to N windows in one pass.
 */
public final class RecursiveRollout {

    private RecursiveRollout() {
    }

    /**
     * @param network  a one-step, one-feature network (input (T, 1), output 1)
     * @param part     the windows to roll from (their y is not read)
     * @param steps    S, the most steps to roll
     * @param relative whether the network reads windows relative to their last value
     * @param batch    windows per predict call
     * @return (N·S) scaled forecasts, value i·S + s the step s + 1 of window i, NaN where the window is not rolled
     */
    public static double[] roll(Sequential network, Part part, int steps, boolean relative, int batch) {
        return roll(network, part, steps, relative, batch, 1);
    }

    /** As {@link #roll(Sequential, Part, int, boolean, int)}, rolling only every {@code every}-th window. */
    public static double[] roll(Sequential network, Part part, int steps, boolean relative, int batch, int every) {
        if (every < 1) {
            throw new IllegalArgumentException("every must be >= 1, got " + every);
        }
        int n = part.count();
        int t = part.windows().window();
        if (part.windows().features() != 1) {
            throw new IllegalArgumentException("a recursive forecast feeds predictions back as the only input; this "
                    + "part has " + part.windows().features() + " features per step");
        }
        int[] start = part.windows().targetStart();
        int end = part.rows().end();
        // history[i·(T+S) + j]: input j of window i, then its predictions
        int width = t + steps;
        double[] history = new double[n * width];
        float[] x = part.windows().x();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < t; j++) {
                history[i * width + j] = x[i * t + j];
            }
        }
        double[] out = new double[n * steps];
        java.util.Arrays.fill(out, Double.NaN);
        for (int s = 0; s < steps; s++) {
            int active = 0;
            while (active < n && start[active] + s < end) {
                active++;
            }
            int[] rolled = java.util.stream.IntStream.range(0, active).filter(i -> i % every == 0).toArray();
            for (int from = 0; from < rolled.length; from += batch) {
                int to = Math.min(rolled.length, from + batch);
                float[] in = new float[(to - from) * t];
                for (int b = from; b < to; b++) {
                    int i = rolled[b];
                    for (int j = 0; j < t; j++) {
                        in[(b - from) * t + j] = (float) history[i * width + s + j];
                    }
                }
                if (relative) {
                    Part.relativeToLast(in, to - from, t, 1);
                }
                float[] y = network.predict(Tensor.of(in, to - from, t, 1)).toFloatArray();
                for (int b = from; b < to; b++) {
                    int i = rolled[b];
                    double last = history[i * width + s + t - 1];
                    double next = relative ? y[b - from] + last : y[b - from];
                    history[i * width + s + t] = next;
                    out[i * steps + s] = next;
                }
            }
        }
        return out;
    }
}
