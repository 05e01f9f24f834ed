package dev.gated.init;

import dev.gated.tensor.Tensor;
import java.util.SplittableRandom;

/**
 * Fills a (rows, cols) weight matrix stored row-major in a tensor's range {@code [offset, offset+rows·cols)}.
 *
 * <pre>
 * glorot uniform:  W ~ U(−l, l),  l = √(6 / (fanIn + fanOut)),  fanIn = rows, fanOut = cols
 * orthogonal:      W = Qᵀ (or Q), Q from the QR decomposition of a Gaussian matrix; rows (or columns) orthonormal
 * uniform(l):      W ~ U(−l, l)  (PyTorch's RNN default: l = 1/√H for every weight and bias)
 * </pre>
 * Glorot &amp; Bengio, AISTATS 2010; Saxe et al., ICLR 2014 (orthogonal).
 */
public interface Initializer {

    void fill(Tensor t, int offset, int rows, int cols, SplittableRandom random);

    static Initializer glorotUniform() {
        return (t, offset, rows, cols, random) -> {
            double limit = Math.sqrt(6.0 / (rows + cols));
            uniformFill(t, offset, rows * cols, limit, random);
        };
    }

    static Initializer uniform(double limit) {
        return (t, offset, rows, cols, random) -> uniformFill(t, offset, rows * cols, limit, random);
    }

    static Initializer zeros() {
        return (t, offset, rows, cols, random) -> t.fill(offset, rows * cols, 0);
    }

    static Initializer orthogonal() {
        return Orthogonal::fill;
    }

    private static void uniformFill(Tensor t, int offset, int n, double limit, SplittableRandom random) {
        for (int i = 0; i < n; i++) {
            t.set(offset + i, (2 * random.nextDouble() - 1) * limit);
        }
    }
}
