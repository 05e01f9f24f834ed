package dev.gated.kernel;

import dev.gated.tensor.DoubleTensor;
import dev.gated.tensor.FloatTensor;
import dev.gated.tensor.Tensor;

/**
 * The reference kernels: straightforward loops, written so that the JIT can auto-vectorise the
 * innermost one (unit stride, no branches). Handles float32 and float64; every fast kernel is
 * tested against this one.
 */
public final class PlainKernels implements Kernels {

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k,
                     Tensor a, int aOff, int lda, Tensor b, int bOff, int ldb,
                     Tensor c, int cOff, int ldc, boolean accumulate) {
        if (c instanceof FloatTensor fc) {
            gemmFloat(transA, transB, m, n, k, ((FloatTensor) a).data(), aOff, lda,
                    ((FloatTensor) b).data(), bOff, ldb, fc.data(), cOff, ldc, accumulate);
        } else {
            gemmDouble(transA, transB, m, n, k, ((DoubleTensor) a).data(), aOff, lda,
                    ((DoubleTensor) b).data(), bOff, ldb, ((DoubleTensor) c).data(), cOff, ldc, accumulate);
        }
    }

    static void gemmFloat(boolean transA, boolean transB, int m, int n, int k,
                          float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                          float[] c, int cOff, int ldc, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            int cRow = cOff + i * ldc;
            if (!accumulate) {
                java.util.Arrays.fill(c, cRow, cRow + n, 0f);
            }
            if (transB) {
                for (int j = 0; j < n; j++) {
                    int bRow = bOff + j * ldb;
                    float sum = 0f;
                    for (int p = 0; p < k; p++) {
                        float av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                        sum += av * b[bRow + p];
                    }
                    c[cRow + j] += sum;
                }
            } else {
                for (int p = 0; p < k; p++) {
                    float av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    if (av == 0f) {
                        continue;
                    }
                    int bRow = bOff + p * ldb;
                    for (int j = 0; j < n; j++) {
                        c[cRow + j] += av * b[bRow + j];
                    }
                }
            }
        }
    }

    static void gemmDouble(boolean transA, boolean transB, int m, int n, int k,
                           double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                           double[] c, int cOff, int ldc, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            int cRow = cOff + i * ldc;
            if (!accumulate) {
                java.util.Arrays.fill(c, cRow, cRow + n, 0d);
            }
            if (transB) {
                for (int j = 0; j < n; j++) {
                    int bRow = bOff + j * ldb;
                    double sum = 0d;
                    for (int p = 0; p < k; p++) {
                        double av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                        sum += av * b[bRow + p];
                    }
                    c[cRow + j] += sum;
                }
            } else {
                for (int p = 0; p < k; p++) {
                    double av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    if (av == 0d) {
                        continue;
                    }
                    int bRow = bOff + p * ldb;
                    for (int j = 0; j < n; j++) {
                        c[cRow + j] += av * b[bRow + j];
                    }
                }
            }
        }
    }

    @Override
    public void addColumnSums(int rows, int cols, Tensor a, int aOff, int lda, Tensor out, int outOff) {
        for (int r = 0; r < rows; r++) {
            int row = aOff + r * lda;
            for (int j = 0; j < cols; j++) {
                out.add(outOff + j, a.get(row + j));
            }
        }
    }

    @Override
    public String name() {
        return "plain";
    }
}
