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
    public void lstmForward(int batch, int units, Tensor gates, int gatesOff,
                            Tensor cPrev, int cPrevOff, Tensor c, int cOff, Tensor h, int hOff) {
        int width = 4 * units;
        for (int b = 0; b < batch; b++) {
            int z = gatesOff + b * width;
            int row = b * units;
            for (int j = 0; j < units; j++) {
                double inputGate = sigmoid(gates.get(z + j));
                double forgetGate = sigmoid(gates.get(z + units + j));
                double candidate = Math.tanh(gates.get(z + 2 * units + j));
                double outputGate = sigmoid(gates.get(z + 3 * units + j));
                gates.set(z + j, inputGate);
                gates.set(z + units + j, forgetGate);
                gates.set(z + 2 * units + j, candidate);
                gates.set(z + 3 * units + j, outputGate);
                double cell = forgetGate * cPrev.get(cPrevOff + row + j) + inputGate * candidate;
                c.set(cOff + row + j, cell);
                h.set(hOff + row + j, outputGate * Math.tanh(cell));
            }
        }
    }

    @Override
    public void lstmBackward(int batch, int units, Tensor gates, int gatesOff, Tensor c, int cOff,
                             Tensor cPrev, int cPrevOff, Tensor dh, Tensor dc, Tensor dGates, int dGatesOff,
                             Tensor dcPrev) {
        int width = 4 * units;
        for (int b = 0; b < batch; b++) {
            int z = gatesOff + b * width;
            int dz = dGatesOff + b * width;
            int row = b * units;
            for (int j = 0; j < units; j++) {
                double inputGate = gates.get(z + j);
                double forgetGate = gates.get(z + units + j);
                double candidate = gates.get(z + 2 * units + j);
                double outputGate = gates.get(z + 3 * units + j);
                double tanhC = Math.tanh(c.get(cOff + row + j));
                double dhj = dh.get(row + j);
                double dcj = dc.get(row + j) + dhj * outputGate * (1 - tanhC * tanhC);
                double dInput = dcj * candidate;
                double dForget = dcj * cPrev.get(cPrevOff + row + j);
                double dCandidate = dcj * inputGate;
                double dOutput = dhj * tanhC;
                dGates.set(dz + j, dInput * inputGate * (1 - inputGate));
                dGates.set(dz + units + j, dForget * forgetGate * (1 - forgetGate));
                dGates.set(dz + 2 * units + j, dCandidate * (1 - candidate * candidate));
                dGates.set(dz + 3 * units + j, dOutput * outputGate * (1 - outputGate));
                dcPrev.set(row + j, dcj * forgetGate);
            }
        }
    }

    @Override
    public void gruForward(int batch, int units, Tensor gates, int gatesOff, Tensor recurrent, int recurrentOff,
                           Tensor hPrev, int hPrevOff, Tensor h, int hOff) {
        int width = 3 * units;
        for (int b = 0; b < batch; b++) {
            int z = gatesOff + b * width;
            int rec = recurrentOff + b * width;
            int row = b * units;
            for (int j = 0; j < units; j++) {
                double resetGate = sigmoid(gates.get(z + j) + recurrent.get(rec + j));
                double updateGate = sigmoid(gates.get(z + units + j) + recurrent.get(rec + units + j));
                double candidate = Math.tanh(gates.get(z + 2 * units + j) + resetGate * recurrent.get(rec + 2 * units + j));
                gates.set(z + j, resetGate);
                gates.set(z + units + j, updateGate);
                gates.set(z + 2 * units + j, candidate);
                double previous = hPrev.get(hPrevOff + row + j);
                h.set(hOff + row + j, (1 - updateGate) * candidate + updateGate * previous);
            }
        }
    }

    @Override
    public void gruBackward(int batch, int units, Tensor gates, int gatesOff, Tensor recurrent, int recurrentOff,
                            Tensor hPrev, int hPrevOff, Tensor dh, Tensor dGates, int dGatesOff,
                            Tensor dRecurrent, int dRecurrentOff, Tensor dhPrev) {
        int width = 3 * units;
        for (int b = 0; b < batch; b++) {
            int z = gatesOff + b * width;
            int dz = dGatesOff + b * width;
            int rec = recurrentOff + b * width;
            int drec = dRecurrentOff + b * width;
            int row = b * units;
            for (int j = 0; j < units; j++) {
                double resetGate = gates.get(z + j);
                double updateGate = gates.get(z + units + j);
                double candidate = gates.get(z + 2 * units + j);
                double previous = hPrev.get(hPrevOff + row + j);
                double dhj = dh.get(row + j);
                double dCandidatePre = dhj * (1 - updateGate) * (1 - candidate * candidate);
                double dUpdatePre = dhj * (previous - candidate) * updateGate * (1 - updateGate);
                double dResetPre = dCandidatePre * recurrent.get(rec + 2 * units + j) * resetGate * (1 - resetGate);
                dGates.set(dz + j, dResetPre);
                dGates.set(dz + units + j, dUpdatePre);
                dGates.set(dz + 2 * units + j, dCandidatePre);
                dRecurrent.set(drec + j, dResetPre);
                dRecurrent.set(drec + units + j, dUpdatePre);
                dRecurrent.set(drec + 2 * units + j, dCandidatePre * resetGate);
                dhPrev.set(row + j, dhj * updateGate);
            }
        }
    }

    @Override
    public void tanh(int n, Tensor x, int xOff, Tensor y, int yOff) {
        for (int i = 0; i < n; i++) {
            y.set(yOff + i, Math.tanh(x.get(xOff + i)));
        }
    }

    @Override
    public void sigmoid(int n, Tensor x, int xOff, Tensor y, int yOff) {
        for (int i = 0; i < n; i++) {
            y.set(yOff + i, sigmoid(x.get(xOff + i)));
        }
    }

    @Override
    public void tanhBackward(int n, Tensor y, int yOff, Tensor dy, int dyOff, Tensor dx, int dxOff) {
        for (int i = 0; i < n; i++) {
            double yi = y.get(yOff + i);
            dx.set(dxOff + i, dy.get(dyOff + i) * (1 - yi * yi));
        }
    }

    /** The engine's one logistic function σ(z) = 1 / (1 + e^−z), numerically stable (never forms e^{+large}). */
    public static double sigmoid(double z) {
        if (z >= 0) {
            return 1.0 / (1.0 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1.0 + e);
    }

    @Override
    public String name() {
        return "plain";
    }
}
