package dev.gated.text;

import java.util.Random;

/**
 * Draws a class from logits with a temperature:
 * <pre>
 *   p_c = exp(z_c / τ) / Σ_k exp(z_k / τ)        τ → 0: argmax;  τ = 1: the model's distribution
 * </pre>
 */
public final class Sampling {

    private Sampling() {
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
