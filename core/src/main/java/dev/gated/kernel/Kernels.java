package dev.gated.kernel;

import dev.gated.tensor.Tensor;
import java.util.function.IntConsumer;

/**
 * The hot loops behind one small interface. Everything the engine does that costs O(B·T·H·(I+H)) goes
 * through here, and so does the O(B·T·H) gate arithmetic of the recurrent cells (fused: one pass per step).
 *
 * <p>Matrices are row-major views into a tensor's flat storage: element (r, c) of a view with offset
 * {@code off} and leading dimension {@code ld} is at {@code off + r·ld + c}. Two implementations exist:
 * {@link PlainKernels} (plain loops, both precisions, the reference) and {@code VectorKernels} (float32
 * through the Vector API, chosen at start-up when {@code jdk.incubator.vector} is available, see
 * {@link KernelProvider}); they are tested against each other.
 *
 * <p>Results do not depend on the number of threads: work is split by output rows or column panels, and
 * every output element is summed in the same order whatever the split.
 *
 * <p>Gate layouts (PyTorch's order): LSTM gates (B, 4H) packed i | f | g | o, GRU gates (B, 3H) packed
 * r | z | n. A cell step's views are (B, ·) blocks at an offset with leading dimension = their width.
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

    /**
     * Declares that {@code b} will not change until {@link #endReuse}: the right-hand operand of the T
     * products of one pass over a sequence (a recurrent kernel U). Until then an implementation may keep a
     * packed copy of it for every {@link #gemm} whose B is this tensor. Callers must not write to {@code b}
     * in between. Nesting is allowed (one call of each per tensor). The default does nothing.
     */
    default void beginReuse(Tensor b) {
    }

    /** Ends {@link #beginReuse}: drops any packed copy of {@code b}. */
    default void endReuse(Tensor b) {
    }

    /**
     * How many threads {@link #runParts} can use (1: it runs the parts one after another on the caller).
     */
    default int parallelism() {
        return 1;
    }

    /**
     * Runs {@code part.accept(p)} for p in [0, parts), parts ≤ {@link #parallelism()}, one part per thread,
     * and returns when all are done: a coarse parallel region (each part a slice of the batch for a whole
     * sequence) instead of a fork and join per product. Products called from inside a part run on that
     * part's thread alone. Parts must write disjoint memory and must not depend on each other.
     */
    default void runParts(int parts, IntConsumer part) {
        for (int p = 0; p < parts; p++) {
            part.accept(p);
        }
    }

    /**
     * One LSTM step's gates and state, in place. On entry {@code gates} (B, 4H) holds the pre-activations
     * z = x·W + b + h_{t−1}·U; on exit the activations i, f, g, o. Then
     * <pre>
     * c_t = f ⊙ c_{t−1} + i ⊙ g          (B, H) at cOff
     * h_t = o ⊙ tanh(c_t)                (B, H) at hOff
     * </pre>
     */
    void lstmForward(int batch, int units, Tensor gates, int gatesOff,
                     Tensor cPrev, int cPrevOff, Tensor c, int cOff, Tensor h, int hOff);

    /**
     * The LSTM step's backward pass: from the activations {@code gates}, c_t, c_{t−1} and the incoming
     * ∂L/∂h_t ({@code dh}, (B, H) at 0) and ∂L/∂c_t ({@code dc}, at 0), writes ∂L/∂z to {@code dGates}
     * (B, 4H) and ∂L/∂c_{t−1} to {@code dcPrev} (B, H) at 0. See {@code LstmCell} for the equations.
     */
    void lstmBackward(int batch, int units, Tensor gates, int gatesOff, Tensor c, int cOff,
                      Tensor cPrev, int cPrevOff, Tensor dh, Tensor dc, Tensor dGates, int dGatesOff, Tensor dcPrev);

    /**
     * One GRU step (reset gate after the recurrent product), in place. On entry {@code gates} (B, 3H) holds
     * x·W + b and {@code recurrent} (B, 3H) holds h_{t−1}·U + b̂; on exit {@code gates} holds r, z, n and
     * <pre>
     * r = σ(gx_r + gh_r)   z = σ(gx_z + gh_z)   n = tanh(gx_n + r ⊙ gh_n)
     * h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}           (B, H) at hOff
     * </pre>
     */
    void gruForward(int batch, int units, Tensor gates, int gatesOff, Tensor recurrent, int recurrentOff,
                    Tensor hPrev, int hPrevOff, Tensor h, int hOff);

    /**
     * The GRU (reset-after) step's backward pass: writes ∂L/∂(x·W + b) to {@code dGates} (B, 3H),
     * ∂L/∂(h_{t−1}·U + b̂) to {@code dRecurrent} (B, 3H), and the direct path ∂L/∂h_t ⊙ z to {@code dhPrev}
     * (B, H) at 0 — overwritten, so that the caller adds ∂L/∂(h·U)·Uᵀ to it afterwards.
     */
    void gruBackward(int batch, int units, Tensor gates, int gatesOff, Tensor recurrent, int recurrentOff,
                     Tensor hPrev, int hPrevOff, Tensor dh, Tensor dGates, int dGatesOff,
                     Tensor dRecurrent, int dRecurrentOff, Tensor dhPrev);

    /** {@code y[i] = tanh(x[i])} for n elements (x and y may be the same view). */
    void tanh(int n, Tensor x, int xOff, Tensor y, int yOff);

    /** {@code y[i] = σ(x[i]) = 1 / (1 + e^{−x[i]})} for n elements (x and y may be the same view). */
    void sigmoid(int n, Tensor x, int xOff, Tensor y, int yOff);

    /** {@code dx[i] = dy[i] · (1 − y[i]²)}: the tanh derivative written in terms of its output y. */
    void tanhBackward(int n, Tensor y, int yOff, Tensor dy, int dyOff, Tensor dx, int dxOff);

    /** Threads a large matrix multiply may use (1 = the calling thread only). */
    default int threads() {
        return 1;
    }

    /** A short name for logs and benchmarks, e.g. "plain" or "vector(256-bit, 8 floats, 2 threads)". */
    String name();
}
