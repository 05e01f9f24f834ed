package dev.gated.layer.recurrent;

import dev.gated.kernel.KernelProvider;
import dev.gated.kernel.Kernels;
import dev.gated.layer.Parameter;
import dev.gated.tensor.Precision;
import dev.gated.tensor.Tensor;
import java.util.List;

/**
 * Gated recurrent unit (Cho et al., 2014), G = 3, gates packed r | z | n (PyTorch's order). One hidden
 * state, no separate cell state; two gates instead of three, so fewer parameters than an LSTM.
 *
 * <p>Two variants, differing only in where the reset gate acts on the candidate n:
 * <pre>
 * r_t = σ(x_t·W_r + b_r + h_{t−1}·U_r + b̂_r)         reset gate    (B, H)
 * z_t = σ(x_t·W_z + b_z + h_{t−1}·U_z + b̂_z)         update gate   (B, H)
 *
 * reset after  (PyTorch, cuDNN, Keras reset_after=True, the default here):
 *   n_t = tanh(x_t·W_n + b_n + r_t ⊙ (h_{t−1}·U_n + b̂_n))
 * reset before (the original paper; Keras reset_after=False; no recurrent bias b̂):
 *   n_t = tanh(x_t·W_n + b_n + (r_t ⊙ h_{t−1})·U_n)
 *
 * h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t−1}
 *
 * backward, given ∂L/∂h_t:
 * ∂n = ∂h ⊙ (1 − z)   ∂z = ∂h ⊙ (h_{t−1} − n)   ∂n̂ = ∂n ⊙ (1 − n²)   ẑ = ∂z ⊙ z(1 − z)
 * after:  r̂ = ∂n̂ ⊙ (h_{t−1}·U_n + b̂_n) ⊙ r(1 − r);  ∂(h·U) = [r̂, ẑ, ∂n̂ ⊙ r]
 *         ∂L/∂h_{t−1} = ∂(h·U)·Uᵀ + ∂h ⊙ z
 * before: ∂(r⊙h) = ∂n̂·U_nᵀ;  r̂ = ∂(r⊙h) ⊙ h_{t−1} ⊙ r(1 − r)
 *         ∂L/∂h_{t−1} = [r̂, ẑ]·U_{rz}ᵀ + ∂(r⊙h) ⊙ r + ∂h ⊙ z
 *
 * recurrent dropout (training; one mask m (B, H) per sequence, shared by r, z and n; h̃ = h_{t−1} ⊙ m):
 * h̃ replaces h_{t−1} wherever it meets U; the carry z ⊙ h_{t−1} keeps the unmasked state.
 *   r_t = σ(x_t·W_r + b_r + h̃·U_r + b̂_r)      z_t = σ(x_t·W_z + b_z + h̃·U_z + b̂_z)
 *   after:  n_t = tanh(x_t·W_n + b_n + r_t ⊙ (h̃·U_n + b̂_n))
 *   before: n_t = tanh(x_t·W_n + b_n + (r_t ⊙ h̃)·U_n)
 *   h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t−1}
 * backward: ∂z = ∂h ⊙ (h_{t−1} − n) as before (unmasked state); with ∂h̃ the gradient reaching h̃,
 *   after:  ∂h̃ = ∂(h̃·U)·Uᵀ                               (r̂ reads h̃·U_n + b̂_n)
 *   before: ∂h̃ = [r̂, ẑ]·U_{rz}ᵀ + ∂(r⊙h̃) ⊙ r          (r̂ = ∂(r⊙h̃) ⊙ h̃ ⊙ r(1 − r))
 *   ∂L/∂h_{t−1} = ∂h̃ ⊙ m + ∂h ⊙ z                        ∂L/∂U = Σ_t h̃ᵀ·∂(h̃·U)
 *
 * other activations (Keras activation = a for n, recurrent_activation = s for r and z; {@link CellActivation}):
 * σ above becomes s, tanh becomes a, and in backward r(1 − r), z(1 − z) become s′, (1 − n²) becomes a′
 * (each written from its output). Reset-before always runs this plain loop; reset-after runs the fused
 * kernel for σ/tanh and a plain copy of its arithmetic otherwise.
 * </pre>
 * Parameters: W (I, 3H), U (H, 3H), b (3H) and, resetting after, the recurrent bias b̂ (3H), which maps
 * to PyTorch's {@code bias_hh} (b to {@code bias_ih}).
 */
public final class GruCell extends Cell {

    private final boolean resetAfter;
    private Parameter recurrentBias;  // b̂ (3H), reset-after only
    private Tensor recurrent;         // reset-after: h_{t−1}·U + b̂ per step, (T, B, 3H)
    private Tensor dRecurrent;        // reset-after: ∂L/∂(h_{t−1}·U + b̂), (T, B, 3H)
    private Tensor dHiddenDropped;    // reset-after scratch under recurrent dropout: ∂L/∂h̃ through U, (B, H)
    private Tensor resetHidden;       // reset-before: r_t ⊙ h_{t−1} per step, (T, B, H)
    private Tensor dResetHidden;      // reset-before scratch: ∂L/∂(r ⊙ h), (B, H)

    public GruCell(int units, boolean resetAfter) {
        super(units);
        this.resetAfter = resetAfter;
    }

    public boolean resetAfter() {
        return resetAfter;
    }

    public Parameter recurrentBias() {
        return recurrentBias;
    }

    @Override
    protected Cell blank() {
        return new GruCell(units, resetAfter);
    }

    @Override
    public int gateCount() {
        return 3;
    }

    @Override
    public List<String> gateNames() {
        return List.of("r", "z", "n");
    }

    @Override
    public String type() {
        return "gru";
    }

    @Override
    protected void buildExtra(Precision precision) {
        if (resetAfter) {
            recurrentBias = Parameter.zeros("recurrent_bias", precision, 3 * units);
        }
    }

    @Override
    protected void shareExtraParameters(Cell source) {
        recurrentBias = ((GruCell) source).recurrentBias;
    }

    @Override
    protected List<Parameter> extraParameters() {
        return resetAfter ? List.of(recurrentBias) : List.of();
    }

    @Override
    protected void allocate(int steps, int batch, Precision precision) {
        if (resetAfter) {
            recurrent = Tensor.zeros(precision, steps, batch, 3 * units);
            dRecurrent = Tensor.zeros(precision, steps, batch, 3 * units);
            dHiddenDropped = Tensor.zeros(precision, batch, units);
        } else {
            resetHidden = Tensor.zeros(precision, steps, batch, units);
            dResetHidden = Tensor.zeros(precision, batch, units);
        }
    }

    @Override
    protected boolean supportsBatchSlices() {
        return true;
    }

    @Override
    protected void forwardStep(Step s) {
        if (resetAfter) {
            forwardResetAfter(s);
        } else {
            forwardResetBefore(s);
        }
    }

    private void forwardResetAfter(Step s) {
        int width = 3 * units;
        int recOff = (s.t * s.layerBatch + s.row) * width;
        for (int b = 0; b < s.batch; b++) {
            recurrent.copyFrom(recurrentBias.value(), 0, recOff + b * width, width);
        }
        Kernels k = KernelProvider.get();
        k.gemm(false, false, s.batch, width, units,
                s.hPrevDropped, s.hPrevDroppedOff, units, recurrentKernel.value(), 0, width,
                recurrent, recOff, width, true);
        if (defaultActivations()) {
            k.gruForward(s.batch, units, s.gates, s.gatesOff, recurrent, recOff, s.hPrev, s.hPrevOff, s.h, s.hOff);
        } else {
            forwardResetAfterActivated(s, recOff);
        }
    }

    /** Reset-after with activations other than σ/tanh: the fused kernel's arithmetic with s(·) and a(·). */
    private void forwardResetAfterActivated(Step s, int recOff) {
        int width = 3 * units;
        for (int b = 0; b < s.batch; b++) {
            int z = s.gatesOff + b * width;
            int rec = recOff + b * width;
            int row = b * units;
            for (int j = 0; j < units; j++) {
                double resetGate = recurrentActivation.apply(s.gates.get(z + j) + recurrent.get(rec + j));
                double updateGate = recurrentActivation.apply(s.gates.get(z + units + j) + recurrent.get(rec + units + j));
                double candidate = activation.apply(s.gates.get(z + 2 * units + j)
                        + resetGate * recurrent.get(rec + 2 * units + j));
                store(s, z, row, j, resetGate, updateGate, candidate);
            }
        }
    }

    /** Backward of {@link #forwardResetAfterActivated}: s.dGates, dRecurrent and the direct path in s.dhPrev. */
    private void backwardResetAfterActivated(Step s, int recOff) {
        int width = 3 * units;
        for (int b = 0; b < s.batch; b++) {
            int z = s.gatesOff + b * width;
            int dz = s.dGatesOff + b * width;
            int rec = recOff + b * width;
            int row = b * units;
            for (int j = 0; j < units; j++) {
                double resetGate = s.gates.get(z + j);
                double updateGate = s.gates.get(z + units + j);
                double candidate = s.gates.get(z + 2 * units + j);
                double previous = s.hPrev.get(s.hPrevOff + row + j);
                double dh = s.dh.get(row + j);
                double dCandidatePre = activation.backward(dh * (1 - updateGate), candidate);
                double dUpdatePre = recurrentActivation.backward(dh * (previous - candidate), updateGate);
                double dResetPre = recurrentActivation.backward(dCandidatePre * recurrent.get(rec + 2 * units + j), resetGate);
                s.dGates.set(dz + j, dResetPre);
                s.dGates.set(dz + units + j, dUpdatePre);
                s.dGates.set(dz + 2 * units + j, dCandidatePre);
                dRecurrent.set(rec + j, dResetPre);
                dRecurrent.set(rec + units + j, dUpdatePre);
                dRecurrent.set(rec + 2 * units + j, dCandidatePre * resetGate);
                s.dhPrev.set(row + j, dh * updateGate);
            }
        }
    }

    private void forwardResetBefore(Step s) {
        int width = 3 * units;
        Kernels k = KernelProvider.get();
        k.gemm(false, false, s.batch, 2 * units, units,
                s.hPrevDropped, s.hPrevDroppedOff, units, recurrentKernel.value(), 0, width,
                s.gates, s.gatesOff, width, true);
        int rhOff = (s.t * s.layerBatch + s.row) * units;
        for (int b = 0; b < s.batch; b++) {
            int z = s.gatesOff + b * width;
            int row = b * units;
            for (int j = 0; j < units; j++) {
                double resetGate = recurrentActivation.apply(s.gates.get(z + j));
                s.gates.set(z + j, resetGate);
                s.gates.set(z + units + j, recurrentActivation.apply(s.gates.get(z + units + j)));
                resetHidden.set(rhOff + row + j, resetGate * s.hPrevDropped.get(s.hPrevDroppedOff + row + j));
            }
        }
        k.gemm(false, false, s.batch, units, units,
                resetHidden, rhOff, units, recurrentKernel.value(), 2 * units, width,
                s.gates, s.gatesOff + 2 * units, width, true);
        for (int b = 0; b < s.batch; b++) {
            int z = s.gatesOff + b * width;
            int row = b * units;
            for (int j = 0; j < units; j++) {
                double candidate = activation.apply(s.gates.get(z + 2 * units + j));
                store(s, z, row, j, s.gates.get(z + j), s.gates.get(z + units + j), candidate);
            }
        }
    }

    private void store(Step s, int z, int row, int j, double resetGate, double updateGate, double candidate) {
        s.gates.set(z + j, resetGate);
        s.gates.set(z + units + j, updateGate);
        s.gates.set(z + 2 * units + j, candidate);
        double hPrev = s.hPrev.get(s.hPrevOff + row + j);
        s.h.set(s.hOff + row + j, (1 - updateGate) * candidate + updateGate * hPrev);
    }

    @Override
    protected void backwardStep(Step s) {
        if (resetAfter) {
            backwardResetAfter(s);
        } else {
            backwardResetBefore(s);
        }
    }

    private void backwardResetAfter(Step s) {
        int width = 3 * units;
        int recOff = (s.t * s.layerBatch + s.row) * width;
        Kernels k = KernelProvider.get();
        // writes ∂L/∂h_t ⊙ z_t (the direct path) to dhPrev; the product through U is added to it
        if (defaultActivations()) {
            k.gruBackward(s.batch, units, s.gates, s.gatesOff, recurrent, recOff, s.hPrev, s.hPrevOff, s.dh,
                    s.dGates, s.dGatesOff, dRecurrent, recOff, s.dhPrev);
        } else {
            backwardResetAfterActivated(s, recOff);
        }
        if (s.recurrentMask == null) {
            k.gemm(false, true, s.batch, units, width,
                    dRecurrent, recOff, width, recurrentKernel.value(), 0, width,
                    s.dhPrev, 0, units, true);
            return;
        }
        int scratch = s.row * units;   // this slice's rows of the (B, H) scratch
        k.gemm(false, true, s.batch, units, width,
                dRecurrent, recOff, width, recurrentKernel.value(), 0, width,
                dHiddenDropped, scratch, units, false);
        dropRecurrentGradient(s, dHiddenDropped, scratch);
        int n = s.batch * units;
        for (int i = 0; i < n; i++) {
            s.dhPrev.add(i, dHiddenDropped.get(scratch + i));
        }
    }

    private void backwardResetBefore(Step s) {
        int width = 3 * units;
        Kernels k = KernelProvider.get();
        for (int b = 0; b < s.batch; b++) {
            int z = s.gatesOff + b * width;
            int dz = s.dGatesOff + b * width;
            int row = b * units;
            for (int j = 0; j < units; j++) {
                double updateGate = s.gates.get(z + units + j);
                double candidate = s.gates.get(z + 2 * units + j);
                double hPrev = s.hPrev.get(s.hPrevOff + row + j);
                double dh = s.dh.get(row + j);
                s.dGates.set(dz + units + j, recurrentActivation.backward(dh * (hPrev - candidate), updateGate));
                s.dGates.set(dz + 2 * units + j, activation.backward(dh * (1 - updateGate), candidate));
            }
        }
        int scratch = s.row * units;   // this slice's rows of the (B, H) scratch
        k.gemm(false, true, s.batch, units, units,
                s.dGates, s.dGatesOff + 2 * units, width, recurrentKernel.value(), 2 * units, width,
                dResetHidden, scratch, units, false);
        for (int b = 0; b < s.batch; b++) {
            int z = s.gatesOff + b * width;
            int dz = s.dGatesOff + b * width;
            int row = b * units;
            for (int j = 0; j < units; j++) {
                double resetGate = s.gates.get(z + j);
                double hDropped = s.hPrevDropped.get(s.hPrevDroppedOff + row + j);
                s.dGates.set(dz + j, recurrentActivation.backward(dResetHidden.get(scratch + row + j) * hDropped, resetGate));
            }
        }
        k.gemm(false, true, s.batch, units, 2 * units,
                s.dGates, s.dGatesOff, width, recurrentKernel.value(), 0, width,
                s.dhPrev, 0, units, false);
        for (int b = 0; b < s.batch; b++) {
            int z = s.gatesOff + b * width;
            int row = b * units;
            for (int j = 0; j < units; j++) {
                s.dhPrev.add(row + j, dResetHidden.get(scratch + row + j) * s.gates.get(z + j));
            }
        }
        dropRecurrentGradient(s, s.dhPrev, 0);
        addDirectPath(s);
    }

    @Override
    protected boolean supportsActivations() {
        return true;
    }

    @Override
    protected boolean supportsRecurrentDropout() {
        return true;
    }

    /** ∂L/∂h_{t−1} += ∂L/∂h_t ⊙ z_t: the path through the update gate's carry of h_{t−1}. */
    private void addDirectPath(Step s) {
        int width = 3 * units;
        for (int b = 0; b < s.batch; b++) {
            int z = s.gatesOff + b * width;
            int row = b * units;
            for (int j = 0; j < units; j++) {
                s.dhPrev.add(row + j, s.dh.get(row + j) * s.gates.get(z + units + j));
            }
        }
    }

    @Override
    protected void accumulateRecurrentGradients(RecurrentGradients g) {
        int width = 3 * units;
        if (resetAfter) {
            g.addPrevStateProduct(dRecurrent, 0, width, width, recurrentKernel.grad(), 0, width);
            g.addColumnSums(dRecurrent, 0, width, width, recurrentBias.grad());
        } else {
            g.addPrevStateProduct(g.dGates, 0, width, 2 * units, recurrentKernel.grad(), 0, width);
            g.kernels.gemm(true, false, units, units, g.steps * g.batch,
                    resetHidden, 0, units, g.dGates, 2 * units, width,
                    recurrentKernel.grad(), 2 * units, width, true);
        }
    }
}
