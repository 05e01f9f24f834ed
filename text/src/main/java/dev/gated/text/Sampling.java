package dev.gated.text;

import java.util.Random;

/**
 * Draws a class from logits with a temperature and, optionally, only among the k most likely classes:
 * <pre>
 *   p_c = exp(z_c / τ) / Σ_k exp(z_k / τ)        τ → 0: argmax;  τ = 1: the model's distribution
 *   top-k:  z_c = −∞ for every c whose z_c is below the k-th largest logit (ties at the k-th all kept)
 * </pre>
 */
public final class Sampling {

    private Sampling() {
    }

    /** As {@link #sample(double[], double, Random)}, among the {@code topK} largest logits (0: all). */
    public static int sample(double[] logits, double temperature, int topK, Random random) {
        if (topK < 0) {
            throw new IllegalArgumentException("top-k must be >= 0 (0 = all classes) but is " + topK);
        }
        if (topK == 0 || topK >= logits.length) {
            return sample(logits, temperature, random);
        }
        double[] sorted = logits.clone();
        java.util.Arrays.sort(sorted);
        double kth = sorted[sorted.length - topK];
        double[] kept = logits.clone();
        for (int c = 0; c < kept.length; c++) {
            if (kept[c] < kth) {
                kept[c] = Double.NEGATIVE_INFINITY;
            }
        }
        return sample(kept, temperature, random);
    }

    public static int sample(double[] logits, double temperature, Random random) {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be a finite number > 0 but is " + temperature);
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double z : logits) {
            max = Math.max(max, z);
        }
        double[] p = new double[logits.length];
        double sum = 0;
        for (int c = 0; c < logits.length; c++) {
            p[c] = Math.exp((logits[c] - max) / temperature);
            sum += p[c];
        }
        double u = random.nextDouble() * sum;
        for (int c = 0; c < p.length; c++) {
            u -= p[c];
            if (u < 0) {
                return c;
            }
        }
        return p.length - 1;
    }
}
