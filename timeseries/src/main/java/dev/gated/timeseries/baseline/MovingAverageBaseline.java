package dev.gated.timeseries.baseline;

/**
 * The moving-average forecast over the last k observed values, repeated for every step:
 * <pre>
 *   ŷ(o + h) = (1/k) Σ_{j=0}^{k-1} v[o - j]        h = 1..H
 * </pre>
 * k = 1 is the naive forecast. The first target of every window must be at row &ge; k.
 */
public final class MovingAverageBaseline implements Baseline {

    private final int k;

    /** @param k the number of last values averaged, &ge; 1 */
    public MovingAverageBaseline(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("moving-average window k must be >= 1, got " + k);
        }
        this.k = k;
    }

    @Override
    public String name() {
        return "moving-average(" + k + ")";
    }

    @Override
    public double[] predict(double[] series, int[] targetStart, int horizon) {
        double[] out = new double[targetStart.length * horizon];
        for (int i = 0; i < targetStart.length; i++) {
            int o = Baseline.origin(series, targetStart, i, k, name());
            double sum = 0;
            for (int j = 0; j < k; j++) {
                sum += series[o - j];
            }
            for (int h = 0; h < horizon; h++) {
                out[i * horizon + h] = sum / k;
            }
        }
        return out;
    }
}
