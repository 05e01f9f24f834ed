package dev.gated.forecast;

/**
 * Quantile predictions of every target of a part, in the file's units, in the layout of {@link PartForecast}
 * (value i·H + k is step k + 1 of window i), one array per level:
 * <pre>
 *   values[q][i·H + k]   level τ_q of step k + 1 of window i       values[0] lower bound, values[Q−1] upper bound
 * </pre>
 * Levels are kept in order at every target (a crossing network output is sorted), so the interval
 * [values[0], values[Q−1]] is never inverted.
 *
 * @param levels the levels τ₁ &lt; … &lt; τ_Q
 * @param values (Q, N·H) the predictions
 */
public record QuantileForecast(QuantileLevels levels, double[][] values) {

    /**
     * Splits the network's outputs (N·H·Q, step-major, levels innermost) into one array per level and sorts the
     * levels at each target.
     */
    public static double[][] byLevel(double[] outputs, int q) {
        int n = outputs.length / q;
        double[][] out = new double[q][n];
        double[] one = new double[q];
        for (int i = 0; i < n; i++) {
            System.arraycopy(outputs, i * q, one, 0, q);
            java.util.Arrays.sort(one);
            for (int k = 0; k < q; k++) {
                out[k][i] = one[k];
            }
        }
        return out;
    }

    /** The lower bound of the interval at each target. */
    public double[] lower() {
        return values[0];
    }

    /** The upper bound of the interval at each target. */
    public double[] upper() {
        return values[values.length - 1];
    }

    /** The median at each target. */
    public double[] median() {
        return values[levels.median()];
    }

    /** The interval and quantile-loss scores against the actual values. */
    public IntervalScore score(double[] actual) {
        return IntervalScore.of(actual, levels.toArray(), values);
    }
}
