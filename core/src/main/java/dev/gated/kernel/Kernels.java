package dev.gated.kernel;

import dev.gated.tensor.Tensor;

/**
 * The hot loops behind one small interface. Everything the engine does that costs O(B·T·H·(I+H)) goes
 * through here; the rest is O(B·T·H) pointwise work written once in the layers.
 *
 * <p>Matrices are row-major views into a tensor's flat storage: element (r, c) of a view with offset
 * {@code off} and leading dimension {@code ld} is at {@code off + r·ld + c}. Two implementations exist:
 * {@link PlainKernels} (plain loops, both precisions, the reference) and a Vector API one chosen at start-up
 * when {@code jdk.incubator.vector} is available (see {@link KernelProvider}); they are tested against each other.
 *
 * <p>Results do not depend on the number of threads: work is split by output rows, and every output
 * element is summed in the same order whatever the split.
 */
public interface Kernels {

    /**
     * {@code C = op(A)·op(B)} or, with {@code accumulate}, {@code C += op(A)·op(B)}, where op(A) is (m, k),
     * op(B) is (k, n) and C is (m, n). With {@code transA} the stored A is (k, m); with {@code transB} the
     * stored B is (n, k). All three tensors have the same precision.
     */
    void gemm(boolean transA, boolean transB, int m, int n, int k,
              Tensor a, int aOff, int lda,
              Tensor b, int bOff, int ldb,
              Tensor c, int cOff, int ldc,
              boolean accumulate);

    /** {@code out[j] += Σ_r A[r, j]} for a (rows, cols) view: bias gradients. */
    void addColumnSums(int rows, int cols, Tensor a, int aOff, int lda, Tensor out, int outOff);

    /** A short name for logs and benchmarks, e.g. "plain" or "vector(AVX-512, 16 floats)". */
    String name();
}
