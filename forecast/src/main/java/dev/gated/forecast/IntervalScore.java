package dev.gated.forecast;

/**
 * How good a set of quantile forecasts is, on n targets y with predictions q_τ for levels τ₁ &lt; … &lt; τ_Q
 * (interval [q_τ₁, q_τ_Q]):
 * <pre>
 *   coverage       = #{ i : q_τ₁(i) ≤ y(i) ≤ q_τ_Q(i) } / n        should be near the nominal τ_Q − τ₁
 *   mean width     = Σ (q_τ_Q(i) − q_τ₁(i)) / n                     narrower is better at equal coverage
 *   quantile loss  = Σ_i Σ_q ρ_τq(y(i) − q_τq(i)) / (n·Q)           ρ_τ(u) = max(τu, (τ−1)u), the pinball loss
 *   wQL            = 2 · Σ_i Σ_q ρ_τq(y(i) − q_τq(i)) / (Q · Σ_i |y(i)|)
 *                    the weighted quantile loss of GluonTS / DeepAR (mean over levels), scale-free
 * </pre>
 * The quantile loss averaged over many levels approximates half the CRPS; with the three levels 0.1, 0.5, 0.9 it
 * is a coarse version of it.
 *
 * @param nominal      τ_Q − τ₁
 * @param coverage     share of targets inside the interval, in [0, 1]
 * @param meanWidth    mean interval width, in the targets' units
 * @param quantileLoss mean pinball loss over targets and levels, in the targets' units
 * @param weightedQuantileLoss wQL, or NaN when every target is 0
 */
public record IntervalScore(double nominal, double coverage, double meanWidth, double quantileLoss,
                            double weightedQuantileLoss) {

    /**
     * @param actual (n) the targets
     * @param levels τ₁ &lt; … &lt; τ_Q
     * @param values (Q, n) the predictions of each level, ordered at each target
     */
    public static IntervalScore of(double[] actual, double[] levels, double[][] values) {
        int n = actual.length;
        int q = levels.length;
        if (n == 0 || q < 2 || values.length != q) {
            throw new IllegalArgumentException("an interval score needs targets and at least two quantile levels, "
                    + "got " + n + " targets and " + q + " levels");
        }
        double[] lower = values[0];
        double[] upper = values[q - 1];
        int inside = 0;
        double width = 0;
        double pinball = 0;
        double absolute = 0;
        for (int i = 0; i < n; i++) {
            double y = actual[i];
            if (lower[i] <= y && y <= upper[i]) {
                inside++;
            }
            width += upper[i] - lower[i];
            absolute += Math.abs(y);
            for (int k = 0; k < q; k++) {
                double u = y - values[k][i];
                pinball += u >= 0 ? levels[k] * u : (levels[k] - 1) * u;
            }
        }
        return new IntervalScore(levels[q - 1] - levels[0], (double) inside / n, width / n, pinball / ((double) n * q),
                absolute > 0 ? 2 * pinball / (q * absolute) : Double.NaN);
    }
}
