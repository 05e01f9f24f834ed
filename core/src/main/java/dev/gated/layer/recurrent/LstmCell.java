package dev.gated.layer.recurrent;

import dev.gated.kernel.KernelProvider;
import dev.gated.kernel.Kernels;
import dev.gated.tensor.Precision;
import java.util.List;

/**
 * Long short-term memory (Hochreiter &amp; Schmidhuber, 1997; forget gate: Gers et al., 2000), G = 4,
 * gates packed i | f | g | o (PyTorch's order; Keras calls g "c").
 *
 * <pre>
 * i_t = σ(x_t·W_i + h_{t−1}·U_i + b_i)          input gate      (B, H)
 * f_t = σ(x_t·W_f + h_{t−1}·U_f + b_f)          forget gate     (B, H)
 * g_t = tanh(x_t·W_g + h_{t−1}·U_g + b_g)       candidate cell  (B, H)
 * o_t = σ(x_t·W_o + h_{t−1}·U_o + b_o)          output gate     (B, H)
 * c_t = f_t ⊙ c_{t−1} + i_t ⊙ g_t               cell state: the memory highway
 * h_t = o_t ⊙ tanh(c_t)
 *
 * backward, given ∂L/∂h_t and ∂L/∂c_t (from step t+1):
 * ∂c   = ∂L/∂c_t + ∂L/∂h_t ⊙ o_t ⊙ (1 − tanh²(c_t))
 * ∂o_t = ∂L/∂h_t ⊙ tanh(c_t)      ∂i_t = ∂c ⊙ g_t      ∂g_t = ∂c ⊙ i_t      ∂f_t = ∂c ⊙ c_{t−1}
 * ∂z   = [∂i ⊙ i(1−i), ∂f ⊙ f(1−f), ∂g ⊙ (1−g²), ∂o ⊙ o(1−o)]
 * ∂L/∂c_{t−1} = ∂c ⊙ f_t           ∂L/∂h_{t−1} = ∂z · Uᵀ
 *
 * recurrent dropout (training, one mask m (B, H) for the sequence, shared by the four gates):
 * every h_{t−1}·U_· above reads (h_{t−1} ⊙ m)·U_·; the cell path c_{t−1} → c_t is not masked
 * ∂L/∂h_{t−1} = (∂z · Uᵀ) ⊙ m                   ∂L/∂c_{t−1} = ∂c ⊙ f_t   (unchanged)
 *
 * other activations (Keras activation = a, recurrent_activation = s; {@link CellActivation}), a plainer loop
 * than the fused σ/tanh kernels:
 * i, f, o = s(·)    g = a(·)    c_t = f ⊙ c_{t−1} + i ⊙ g    h_t = o ⊙ a(c_t)
 * ∂c = ∂L/∂c_t + ∂L/∂h_t ⊙ o ⊙ a′(c_t)      ∂o = ∂L/∂h_t ⊙ a(c_t)    (the rest as above)
 * ∂z = [∂i ⊙ s′(i), ∂f ⊙ s′(f), ∂g ⊙ a′(g), ∂o ⊙ s′(o)]                 (a′, s′ written from their outputs)
 * </pre>
 * With the Keras initialisation the forget-gate bias starts at 1 (Jozefowicz et al., 2015), so the cell
 * state is carried forward by default at the start of training.
 */
public final class LstmCell extends Cell {

    public LstmCell(int units) {
        super(units);
    }

    @Override
    protected Cell blank() {
        return new LstmCell(units);
    }

    @Override
    public int gateCount() {
        return 4;
    }

    @Override
    public List<String> gateNames() {
        return List.of("i", "f", "g", "o");
    }

    @Override
    public String type() {
        return "lstm";
    }

    @Override
    public boolean hasCellState() {
        return true;
    }

    @Override
    protected void initKerasBias() {
        bias.value().fill(units, units, 1.0);
    }

    @Override
    protected void allocate(int steps, int batch, Precision precision) {
    }

    @Override
    protected boolean supportsBatchSlices() {
        return true;
    }

    @Override
    protected void forwardStep(Step s) {
        int width = 4 * units;
        Kernels k = KernelProvider.get();
        k.gemm(false, false, s.batch, width, units,
                s.hPrevDropped, s.hPrevDroppedOff, units, recurrentKernel.value(), 0, width,
                s.gates, s.gatesOff, width, true);
        if (defaultActivations()) {
            k.lstmForward(s.batch, units, s.gates, s.gatesOff, s.cPrev, s.cPrevOff, s.c, s.cOff, s.h, s.hOff);
        } else {
            forwardActivated(s);
        }
    }

    /** The step for activations other than σ/tanh: see the class comment. */
    private void forwardActivated(Step s) {
        int width = 4 * units;
        for (int b = 0; b < s.batch; b++) {
            int z = s.gatesOff + b * width;
            int row = b * units;
            for (int j = 0; j < units; j++) {
                double inputGate = recurrentActivation.apply(s.gates.get(z + j));
                double forgetGate = recurrentActivation.apply(s.gates.get(z + units + j));
                double candidate = activation.apply(s.gates.get(z + 2 * units + j));
                double outputGate = recurrentActivation.apply(s.gates.get(z + 3 * units + j));
                s.gates.set(z + j, inputGate);
                s.gates.set(z + units + j, forgetGate);
                s.gates.set(z + 2 * units + j, candidate);
                s.gates.set(z + 3 * units + j, outputGate);
                double cell = forgetGate * s.cPrev.get(s.cPrevOff + row + j) + inputGate * candidate;
                s.c.set(s.cOff + row + j, cell);
                s.h.set(s.hOff + row + j, outputGate * activation.apply(cell));
            }
        }
    }

    /** Backward of {@link #forwardActivated}: writes s.dGates and s.dcPrev. */
    private void backwardActivated(Step s) {
        int width = 4 * units;
        for (int b = 0; b < s.batch; b++) {
            int z = s.gatesOff + b * width;
            int dz = s.dGatesOff + b * width;
            int row = b * units;
            for (int j = 0; j < units; j++) {
                double inputGate = s.gates.get(z + j);
                double forgetGate = s.gates.get(z + units + j);
                double candidate = s.gates.get(z + 2 * units + j);
                double outputGate = s.gates.get(z + 3 * units + j);
                double activeCell = activation.apply(s.c.get(s.cOff + row + j));
                double dh = s.dh.get(row + j);
                double dc = s.dc.get(row + j) + dh * outputGate * activation.derivativeFromOutput(activeCell);
                s.dGates.set(dz + j, dc * candidate * recurrentActivation.derivativeFromOutput(inputGate));
                s.dGates.set(dz + units + j, dc * s.cPrev.get(s.cPrevOff + row + j)
                        * recurrentActivation.derivativeFromOutput(forgetGate));
                s.dGates.set(dz + 2 * units + j, dc * inputGate * activation.derivativeFromOutput(candidate));
                s.dGates.set(dz + 3 * units + j, dh * activeCell * recurrentActivation.derivativeFromOutput(outputGate));
                s.dcPrev.set(row + j, dc * forgetGate);
            }
        }
    }

    @Override
    protected void backwardStep(Step s) {
        int width = 4 * units;
        Kernels k = KernelProvider.get();
        if (defaultActivations()) {
            k.lstmBackward(s.batch, units, s.gates, s.gatesOff, s.c, s.cOff, s.cPrev, s.cPrevOff,
                    s.dh, s.dc, s.dGates, s.dGatesOff, s.dcPrev);
        } else {
            backwardActivated(s);
        }
        k.gemm(false, true, s.batch, units, width,
                s.dGates, s.dGatesOff, width, recurrentKernel.value(), 0, width,
                s.dhPrev, 0, units, false);
        dropRecurrentGradient(s, s.dhPrev, 0);
    }

    @Override
    protected boolean supportsActivations() {
        return true;
    }

    @Override
    protected boolean supportsRecurrentDropout() {
        return true;
    }

    @Override
    protected void accumulateRecurrentGradients(RecurrentGradients g) {
        int width = 4 * units;
        g.addPrevStateProduct(g.dGates, 0, width, width, recurrentKernel.grad(), 0, width);
    }
}
