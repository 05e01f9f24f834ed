package dev.gated.timeseries.window;

/**
 * A batch of N windows ready for a recurrent model, in row-major float arrays.
 *
 * <pre>
 *   x            (N, T, F)   x[(i·T + j)·F + f] = feature f at input step j of window i
 *   y            (N, H)      y[i·H + k]         = target at step k + 1 after the last input of window i
 *   targetStart  (N)         the series row of y[i·H + 0]; y[i·H + k] is row targetStart[i] + k
 * </pre>
 * with T = window length, F = features, H = horizon. {@code targetStart} places forecasts on the time axis
 * and lets baselines predict the very same targets (see {@link dev.gated.timeseries.baseline.Baseline}).
 *
 * @param x           (count, window, features) inputs
 * @param y           (count, horizon) targets
 * @param count       N, the number of windows
 * @param window      T, input steps per window
 * @param features    F, features per input step
 * @param horizon     H, target steps per window
 * @param targetStart (count) series row of each window's first target
 */
public record Windows(float[] x, float[] y, int count, int window, int features, int horizon, int[] targetStart) {

    public Windows {
        if (x.length != count * window * features) {
            throw new IllegalArgumentException("x has " + x.length + " values but (N, T, F) = (" + count + ", "
                    + window + ", " + features + ") needs " + count * window * features);
        }
        if (y.length != count * horizon) {
            throw new IllegalArgumentException("y has " + y.length + " values but (N, H) = (" + count + ", "
                    + horizon + ") needs " + count * horizon);
        }
        if (targetStart.length != count) {
            throw new IllegalArgumentException("targetStart has " + targetStart.length + " entries for " + count
                    + " windows");
        }
    }

    /** Input value: window i, step j, feature f. */
    public float x(int i, int j, int f) {
        return x[(i * window + j) * features + f];
    }

    /** Target value: window i, step k (0-based, k = 0 is one step ahead). */
    public float y(int i, int k) {
        return y[i * horizon + k];
    }

    /** The targets as doubles, (N·H), in the layout of {@code y}: ready for the metrics. */
    public double[] yAsDoubles() {
        double[] out = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = y[i];
        }
        return out;
    }

    /** The series row of every target value, (N·H) in the layout of {@code y}: targetStart[i] + k. */
    public int[] targetRows() {
        int[] rows = new int[count * horizon];
        for (int i = 0; i < count; i++) {
            for (int k = 0; k < horizon; k++) {
                rows[i * horizon + k] = targetStart[i] + k;
            }
        }
        return rows;
    }

    @Override
    public String toString() {
        return "Windows[N=" + count + ", T=" + window + ", F=" + features + ", H=" + horizon
                + (count > 0 ? ", targets from row " + targetStart[0] + " to " + (targetStart[count - 1] + horizon - 1)
                : "") + "]";
    }
}
