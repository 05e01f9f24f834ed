package dev.gated.layer.recurrent;

import dev.gated.kernel.Kernels;
import dev.gated.tensor.Tensor;

/**
 * Helps a cell form ∂L/∂U = Σ_t h_{t−1}ᵀ · ∂L/∂(h_{t−1}·U) over all steps at once. Buffers are time-major
 * (T, B, ·), so the previous states of steps 1…T−1 are rows 0…(T−1)·B of the output buffer (one matrix
 * multiply) and step 0's previous state is the initial state (a second, small one). Reversed layers pair
 * them the other way round.
 */
public final class RecurrentGradients {

    public final Kernels kernels;
    public final int steps;
    public final int batch;
    public final int units;
    public final boolean reverse;
    public final Tensor hAll;    // (T, B, H): h_t for every t
    public final Tensor h0;      // (B, H): the initial state
    public final Tensor dGates;  // (T, B, G·H)

    RecurrentGradients(Kernels kernels, int steps, int batch, int units, boolean reverse,
                       Tensor hAll, Tensor h0, Tensor dGates) {
        this.kernels = kernels;
        this.steps = steps;
        this.batch = batch;
        this.units = units;
        this.reverse = reverse;
        this.hAll = hAll;
        this.h0 = h0;
        this.dGates = dGates;
    }

    /**
     * {@code dU[:, dUCol : dUCol+cols] += Σ_t hPrev_tᵀ · d[t][:, dCol : dCol+cols]} where {@code d} is a
     * time-major (T, B, ld) buffer.
     */
    public void addPrevStateProduct(Tensor d, int dCol, int ld, int cols, Tensor dU, int dUCol, int dULd) {
        int rows = (steps - 1) * batch;
        int firstStepRow = reverse ? (steps - 1) * batch : 0;
        if (rows > 0) {
            int hRow = reverse ? batch : 0;        // h_{t+1} for reversed, h_{t-1} forward
            int dRow = reverse ? 0 : batch;
            kernels.gemm(true, false, units, cols, rows,
                    hAll, hRow * units, units,
                    d, dRow * ld + dCol, ld,
                    dU, dUCol, dULd, true);
        }
        kernels.gemm(true, false, units, cols, batch,
                h0, 0, units,
                d, firstStepRow * ld + dCol, ld,
                dU, dUCol, dULd, true);
    }

    /** {@code out[j] += Σ_{t,b} d[t, b, dCol + j]}. */
    public void addColumnSums(Tensor d, int dCol, int ld, int cols, Tensor out) {
        kernels.addColumnSums(steps * batch, cols, d, dCol, ld, out, 0);
    }
}
