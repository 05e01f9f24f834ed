package dev.gated.timeseries.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gated.timeseries.RowRange;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The FFT autocorrelation agrees with the direct sums, and makes period detection on a million rows fast. */
class AutocorrelationFftTest {

    @Test
    void fftAgreesWithTheDirectSumsOnAwkwardLengths() {
        Random random = new Random(4);
        for (int n : new int[] {2, 3, 5, 17, 64, 65, 1000, 4099}) {
            double[] x = new double[n];
            for (int t = 0; t < n; t++) {
                x[t] = Math.sin(t * 0.7) + random.nextGaussian();
            }
            int maxLag = n - 1;
            double[] direct = Autocorrelation.acf(x, maxLag);
            double mean = 0;
            for (double v : x) {
                mean += v / n;
            }
            double denominator = 0;
            for (double v : x) {
                denominator += (v - mean) * (v - mean);
            }
            double[] fft = Autocorrelation.byFft(x, mean, denominator, maxLag);
            double worst = 0;
            for (int k = 0; k <= maxLag; k++) {
                worst = Math.max(worst, Math.abs(direct[k] - fft[k]));
            }
            assertTrue(worst < 1e-10, "n = " + n + ": max |direct − fft| = " + worst);
        }
    }

    @Test
    void aMillionRowsFindTheirPeriodWithoutQuadraticWork() {
        int n = 1_000_000;
        double[] series = new double[n];
        Random random = new Random(5);
        for (int t = 0; t < n; t++) {
            series[t] = 0.001 * t + Math.sin(2 * Math.PI * t / 24) + 0.1 * random.nextGaussian();
        }
        long start = System.nanoTime();
        SeasonalPeriod p = PeriodDetector.detect(series, new RowRange(0, n));
        double seconds = (System.nanoTime() - start) / 1e9;
        // on a pure sinusoid every multiple of the period correlates alike; noise picks one of them
        assertEquals(0, p.lag() % 24, "the period or a multiple of it, got " + p.lag());
        assertTrue(seconds < 20, "quadratic work is minutes here; took " + seconds + " s");
        System.out.printf("period detection on %,d rows: %.2f s (lag %d)%n", n, seconds, p.lag());
    }
}
