package dev.gated.init;

import dev.gated.tensor.Tensor;
import java.util.SplittableRandom;

/**
 * Orthogonal initialisation (Saxe et al., 2014), the Keras default for recurrent kernels.
 *
 * <p>Draws a Gaussian matrix A of shape (max(rows, cols), min(rows, cols)), orthonormalises its columns
 * with modified Gram–Schmidt (which is QR with a positive diagonal R), and writes Q, or Qᵀ when rows &lt;
 * cols. For an LSTM recurrent kernel (H, 4H) the H rows come out orthonormal.
 */
final class Orthogonal {

    private Orthogonal() {
    }

    static void fill(Tensor t, int offset, int rows, int cols, SplittableRandom random) {
        int tall = Math.max(rows, cols);
        int narrow = Math.min(rows, cols);
        double[][] columns = new double[narrow][tall];
        for (int j = 0; j < narrow; j++) {
            for (int i = 0; i < tall; i++) {
                columns[j][i] = gaussian(random);
            }
        }
        for (int j = 0; j < narrow; j++) {
            for (int k = 0; k < j; k++) {
                double dot = dot(columns[j], columns[k]);
                for (int i = 0; i < tall; i++) {
                    columns[j][i] -= dot * columns[k][i];
                }
            }
            double norm = Math.sqrt(dot(columns[j], columns[j]));
            for (int i = 0; i < tall; i++) {
                columns[j][i] /= norm;
            }
        }
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double v = rows >= cols ? columns[c][r] : columns[r][c];
                t.set(offset + r * cols + c, v);
            }
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** Box–Muller, so the stream of numbers depends only on the generator's seed. */
    private static double gaussian(SplittableRandom random) {
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
