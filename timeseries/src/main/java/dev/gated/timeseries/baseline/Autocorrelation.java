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
     * The same sums by the Wiener–Khinchin theorem: zero-pad the centred series to a power of two ≥ 2n (so the
     * circular correlation is the linear one), FFT, take |X|², inverse FFT.
     */
    static double[] byFft(double[] x, double mean, double denominator, int maxLag) {
        int size = Integer.highestOneBit(Math.max(1, 2 * x.length - 1) - 1) << 1;
        double[] re = new double[size];
        double[] im = new double[size];
        for (int t = 0; t < x.length; t++) {
            re[t] = x[t] - mean;
        }
        fft(re, im, false);
        for (int i = 0; i < size; i++) {
            re[i] = re[i] * re[i] + im[i] * im[i];
            im[i] = 0;
        }
        fft(re, im, true);
        double[] acf = new double[maxLag + 1];
        for (int k = 0; k <= maxLag; k++) {
            acf[k] = re[k] / size / denominator;
        }
        acf[0] = 1;
        return acf;
    }

    /** In-place iterative radix-2 FFT of (re, im), length a power of two; unscaled in both directions. */
    private static void fft(double[] re, double[] im, boolean inverse) {
        int n = re.length;
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) {
                j ^= bit;
            }
            j ^= bit;
            if (i < j) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        double[] cos = new double[n / 2]; // twiddles of the largest stage; stage len uses every (n/len)-th
        double[] sin = new double[n / 2];
        for (int k = 0; k < n / 2; k++) {
            cos[k] = Math.cos(2 * Math.PI * k / n);
            sin[k] = (inverse ? 1 : -1) * Math.sin(2 * Math.PI * k / n);
        }
        for (int len = 2; len <= n; len <<= 1) {
            int half = len / 2;
            int step = n / len;
            for (int block = 0; block < n; block += len) { // blocks outer: each touches its own cache lines once
                for (int k = 0; k < half; k++) {
                    double wr = cos[k * step];
                    double wi = sin[k * step];
                    int i = block + k;
                    int j = i + half;
                    double xr = re[j] * wr - im[j] * wi;
                    double xi = re[j] * wi + im[j] * wr;
                    re[j] = re[i] - xr;
                    im[j] = im[i] - xi;
                    re[i] += xr;
                    im[i] += xi;
                }
            }
        }
    }
}
