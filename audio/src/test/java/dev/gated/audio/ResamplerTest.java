package dev.gated.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Tones through the resampler, measured by least-squares projection onto sin/cos at a frequency, over the
 * middle of the output (away from the zero-padded edges).
 */
class ResamplerTest {

    @ParameterizedTest(name = "{0} Hz tone, {1} → {2} Hz")
    @CsvSource({"1000, 44100, 8000", "3000, 44100, 8000", "440, 8000, 16000", "2500, 16000, 8000", "1000, 48000, 44100"})
    void aToneKeepsItsFrequencyAndLevel(double frequency, int from, int to) {
        float[] x = WavFiles.tone(frequency, 0.5, from, from);           // 1 s
        float[] y = new Resampler(from, to).apply(x);
        assertEquals((int) Math.ceil(x.length * (double) to / from), y.length);
        double peak = peakFrequency(y, to, frequency - 2, frequency + 2);
        assertEquals(frequency, peak, 0.05, "peak of the spectrum near the tone");
        double lossDb = 20 * Math.log10(0.5 / amplitude(y, to, frequency));
        System.out.printf("resampler: %.0f Hz tone %d → %d Hz: level change %.4f dB, peak at %.2f Hz%n",
                frequency, from, to, -lossDb, peak);
        assertTrue(Math.abs(lossDb) < 1, "level change " + lossDb + " dB");
    }

    @ParameterizedTest(name = "{0} Hz tone, {1} → {2} Hz")
    @CsvSource({"5000, 44100, 8000, 3000", "4400, 44100, 8000, 3600", "6000, 16000, 8000, 2000"})
    void aToneAboveTheNewNyquistIsSuppressed(double frequency, int from, int to, double alias) {
        float[] x = WavFiles.tone(frequency, 0.5, from, from);
        float[] y = new Resampler(from, to).apply(x);
        double residual = Math.max(amplitude(y, to, alias), rms(y) * Math.sqrt(2));
        double suppressionDb = 20 * Math.log10(0.5 / residual);
        System.out.printf("resampler: %.0f Hz tone %d → %d Hz: alias at %.0f Hz suppressed by %.1f dB%n",
                frequency, from, to, alias, suppressionDb);
        assertTrue(suppressionDb > 60, "suppression " + suppressionDb + " dB");
    }

    /** Amplitude of the best-fitting sinusoid at f over the middle half of y. */
    static double amplitude(float[] y, int rate, double f) {
        int from = y.length / 4;
        int to = 3 * y.length / 4;
        double s = 0;
        double c = 0;
        double ss = 0;
        double cc = 0;
        double sc = 0;
        for (int n = from; n < to; n++) {
            double a = Math.sin(2 * Math.PI * f * n / rate);
            double b = Math.cos(2 * Math.PI * f * n / rate);
            s += y[n] * a;
            c += y[n] * b;
            ss += a * a;
            cc += b * b;
            sc += a * b;
        }
        double det = ss * cc - sc * sc;
        double p = (s * cc - c * sc) / det;
        double q = (c * ss - s * sc) / det;
        return Math.hypot(p, q);
    }

    static double rms(float[] y) {
        double sum = 0;
        int from = y.length / 4;
        int to = 3 * y.length / 4;
        for (int n = from; n < to; n++) {
            sum += y[n] * (double) y[n];
        }
        return Math.sqrt(sum / (to - from));
    }

    static double peakFrequency(float[] y, int rate, double lo, double hi) {
        double best = lo;
        double bestAmplitude = -1;
        for (double f = lo; f <= hi; f += 0.02) {
            double a = amplitude(y, rate, f);
            if (a > bestAmplitude) {
                bestAmplitude = a;
                best = f;
            }
        }
        return best;
    }
}
