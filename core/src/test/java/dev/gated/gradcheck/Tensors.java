package dev.gated.gradcheck;

import dev.gated.tensor.Precision;
import dev.gated.tensor.Tensor;
import java.util.SplittableRandom;

/** FLOAT64 test data: random tensors, padding masks, projections. */
final class Tensors {

    private Tensors() {
    }

    /** Uniform in (lo, hi). */
    static Tensor uniform(SplittableRandom random, double lo, double hi, int... shape) {
        Tensor t = Tensor.zeros(Precision.FLOAT64, shape);
        for (int i = 0; i < t.size(); i++) {
            t.set(i, lo + (hi - lo) * random.nextDouble());
        }
        return t;
    }

    /** Σ a ⊙ b. */
    static double dot(Tensor a, Tensor b) {
        if (a.size() != b.size()) {
            throw new IllegalArgumentException("dot: sizes " + a.shapeString() + " and " + b.shapeString() + " differ");
        }
        double sum = 0;
        for (int i = 0; i < a.size(); i++) {
            sum += a.get(i) * b.get(i);
        }
        return sum;
    }

    /**
     * A (B, T) mask of 1 = valid, 0 = padding; row b has {@code left[b]} padded steps at the start and
     * {@code right[b]} at the end.
     */
    static Tensor paddingMask(int steps, int[] left, int[] right) {
        int batch = left.length;
        Tensor mask = Tensor.zeros(Precision.FLOAT64, batch, steps);
        for (int b = 0; b < batch; b++) {
            for (int t = left[b]; t < steps - right[b]; t++) {
                mask.set(b * steps + t, 1);
            }
        }
        return mask;
    }

    /**
     * The standard mixed mask for B rows of T ≥ 3 steps, cycling through: fully valid, right padding of
     * T/2 steps, left padding of T/2 steps, left padding of 1 step with right padding of 1.
     */
    static Tensor mixedMask(int batch, int steps) {
        int[] left = new int[batch];
        int[] right = new int[batch];
        int half = steps / 2;
        for (int b = 0; b < batch; b++) {
            switch (b % 4) {
                case 0 -> { }
                case 1 -> right[b] = half;
                case 2 -> left[b] = half;
                default -> {
                    left[b] = 1;
                    right[b] = 1;
                }
            }
        }
        return paddingMask(steps, left, right);
    }

    /**
     * A (B, T ≥ 4) mask with holes between valid steps, which Keras-style masking allows: row b cycles
     * through 1 0 1 1 0…, 1 1 0 0 1…, 0 1 0 1 1…, all ones.
     */
    static Tensor gappedMask(int batch, int steps) {
        int[][] patterns = {{1, 0, 1, 1, 0}, {1, 1, 0, 0, 1}, {0, 1, 0, 1, 1}, {1, 1, 1, 1, 1}};
        Tensor mask = Tensor.zeros(Precision.FLOAT64, batch, steps);
        for (int b = 0; b < batch; b++) {
            int[] p = patterns[b % patterns.length];
            for (int t = 0; t < steps; t++) {
                mask.set(b * steps + t, p[t % p.length]);
            }
        }
        return mask;
    }

    /** Number of zeros in a mask. */
    static int padded(Tensor mask) {
        int n = 0;
        for (int i = 0; i < mask.size(); i++) {
            n += mask.get(i) == 0 ? 1 : 0;
        }
        return n;
    }
}
