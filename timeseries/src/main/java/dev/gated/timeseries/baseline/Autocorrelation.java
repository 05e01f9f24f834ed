package dev.gated.timeseries.baseline;

import org.jtransforms.fft.DoubleFFT_1D;

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
     * Above this many multiply-adds (n · lags) the sums come from an FFT instead, O(n log n): a million rows
     * with lags up to n/2 take a fraction of a second instead of minutes. Below it the direct sums keep every
     * earlier result bit for bit.
     */
    static final long DIRECT_LIMIT = 20_000_000L;

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
        if ((long) n * (maxLag + 1) > DIRECT_LIMIT) {
            return byFft(x, mean, denominator, maxLag);
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

    /**
     * The same sums by the Wiener–Khinchin theorem: zero-pad the centred series to a power of two ≥ 2n − 1 (so
     * the circular correlation is the linear one), FFT (JTransforms), take |X|², inverse FFT (scaled by 1/size).
     */
    static double[] byFft(double[] x, double mean, double denominator, int maxLag) {
        int size = Integer.highestOneBit(Math.max(1, 2 * x.length - 1) - 1) << 1;
        double[] spectrum = new double[2 * size];   // interleaved (re, im), as JTransforms' full transforms want
        for (int t = 0; t < x.length; t++) {
            spectrum[t] = x[t] - mean;
        }
        DoubleFFT_1D fft = new DoubleFFT_1D(size);
        fft.realForwardFull(spectrum);
        for (int i = 0; i < size; i++) {
            double re = spectrum[2 * i];
            double im = spectrum[2 * i + 1];
            spectrum[2 * i] = re * re + im * im;
            spectrum[2 * i + 1] = 0;
        }
        fft.complexInverse(spectrum, true);
        double[] acf = new double[maxLag + 1];
        for (int k = 0; k <= maxLag; k++) {
            acf[k] = spectrum[2 * k] / denominator;
        }
        acf[0] = 1;
        return acf;
    }
}
