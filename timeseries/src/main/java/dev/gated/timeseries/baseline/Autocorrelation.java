package dev.gated.timeseries.baseline;

/**
 * The sample autocorrelation function of x_0..x_{n-1} with mean x̄ (the usual biased estimator, as in
 * statsmodels' {@code acf}):
 * <pre>
 *   ACF(k) = Σ_{t=0}^{n-k-1} (x_t - x̄)(x_{t+k} - x̄)  /  Σ_{t=0}^{n-1} (x_t - x̄)²        k = 0..maxLag
 * </pre>
 */
public final class Autocorrelation {

    private Autocorrelation() {
    }

    /**
     * @return (maxLag + 1) values, ACF(0) = 1
     * @throws IllegalArgumentException if x is constant (the denominator is 0) or maxLag &ge; n
     */
    public static double[] acf(double[] x, int maxLag) {
        int n = x.length;
        if (maxLag < 0 || maxLag >= n) {
            throw new IllegalArgumentException("ACF lag must be in [0, n-1] = [0, " + (n - 1) + "], got " + maxLag);
        }
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= n;
        double denominator = 0;
        for (double v : x) {
            denominator += (v - mean) * (v - mean);
        }
        if (denominator == 0) {
            throw new IllegalArgumentException("the autocorrelation of a constant series is undefined (all " + n
                    + " values are " + x[0] + ")");
        }
        double[] acf = new double[maxLag + 1];
        for (int k = 0; k <= maxLag; k++) {
            double s = 0;
            for (int t = 0; t + k < n; t++) {
                s += (x[t] - mean) * (x[t + k] - mean);
            }
            acf[k] = s / denominator;
        }
        return acf;
    }
}
