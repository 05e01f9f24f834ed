package dev.gated.forecast;

/**
 * Known-future inputs ({@code --known-future}, the {@link CalendarFeatures}) of N windows: the values of K of the
 * F inputs at each window's H target rows, and how they reach the network. They are appended to the window as H
 * extra steps, so the plain stack of recurrent layers and Dense head of {@link Networks} reads them:
 * <pre>
 *   x   (N, T, F)           the window: F inputs at the T input rows (the target among them)
 *   z   (N, H, K)           z(i, k, m) = input c_m at target row k of window i; c₁ &lt; … &lt; c_K are the positions
 *                           of the known-future inputs among the F ({@link DataSpec#knownFutureInputs()})
 *   x⁺  (N, T + H, F + 1)   what the network reads:
 *        x⁺(i, j, f)     = x(i, j, f) − s(i, f)          j &lt; T            the past steps
 *        x⁺(i, T+k, c_m) = z(i, k, m) − s(i, c_m)        k &lt; H            the known inputs at the future steps
 *        x⁺(i, T+k, f)   = 0                             f not a c_m      past-only inputs (the target too) are
 *                                                                          unknown there
 *        x⁺(i, j, F)     = 1 if j ≥ T else 0                              flag: which steps are future
 *   s(i, f) = x(i, T−1, f) with relative windows (every value relative to the last input row, as {@link Part}
 *             shifts them), else 0
 *   network: Recurrent over the T + H steps ─► state after step T+H−1 ─► Dense(H·Q)
 * </pre>
 * The recurrent state has read every past row and then the known values of every target row before the head
 * predicts the H steps; the flag tells the cell which steps carry no target.
 *
 * @param columns c₁ … c_K, positions among the F inputs
 * @param values  z, (N, H, K) row-major, on the model's scale
 * @param horizon H
 */
public record FutureInputs(int[] columns, float[] values, int horizon) {

    public FutureInputs {
        if (columns.length == 0 || values.length % (horizon * columns.length) != 0) {
            throw new IllegalArgumentException("future inputs of " + columns.length + " columns and horizon " + horizon
                    + " cannot hold " + values.length + " values");
        }
    }

    /** z for windows whose first target rows are {@code targetStart}: the scaled inputs {@code features} (F, R). */
    public static FutureInputs of(double[][] features, int[] columns, int[] targetStart, int horizon) {
        int k = columns.length;
        float[] z = new float[targetStart.length * horizon * k];
        for (int i = 0; i < targetStart.length; i++) {
            for (int s = 0; s < horizon; s++) {
                for (int m = 0; m < k; m++) {
                    z[(i * horizon + s) * k + m] = (float) features[columns[m]][targetStart[i] + s];
                }
            }
        }
        return new FutureInputs(columns, z, horizon);
    }

    /** N, the number of windows. */
    public int count() {
        return values.length / (horizon * columns.length);
    }

    /** Windows [from, to). */
    public FutureInputs slice(int from, int to) {
        int per = horizon * columns.length;
        return new FutureInputs(columns, java.util.Arrays.copyOfRange(values, from * per, to * per), horizon);
    }

    /** T + H, the steps the network reads for windows of {@code window} rows. */
    public int steps(int window) {
        return window + horizon;
    }

    /**
     * x⁺ (n, T + H, F + 1) from the windows x (n, T, F), unshifted.
     *
     * @param relative shift every value by the window's last input row (see the class comment)
     */
    public float[] extend(float[] x, int n, int t, int f, boolean relative) {
        int steps = t + horizon;
        int width = f + 1;
        int k = columns.length;
        float[] out = new float[n * steps * width];
        float[] last = new float[f];
        for (int i = 0; i < n; i++) {
            if (relative) {
                System.arraycopy(x, (i * t + t - 1) * f, last, 0, f);
            }
            for (int j = 0; j < t; j++) {
                for (int c = 0; c < f; c++) {
                    out[(i * steps + j) * width + c] = x[(i * t + j) * f + c] - last[c];
                }
            }
            for (int s = 0; s < horizon; s++) {
                int row = (i * steps + t + s) * width;
                for (int m = 0; m < k; m++) {
                    out[row + columns[m]] = values[(i * horizon + s) * k + m] - last[columns[m]];
                }
                out[row + f] = 1;
            }
        }
        return out;
    }
}
