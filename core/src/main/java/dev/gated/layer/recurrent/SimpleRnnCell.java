package dev.gated.layer.recurrent;

import dev.gated.kernel.KernelProvider;
import dev.gated.tensor.Precision;
import dev.gated.tensor.Tensor;
import java.util.List;

/**
 * The plain (Elman) recurrent cell, G = 1.
 *
 * <pre>
 * h_t = tanh(x_t·W + h_{t−1}·U + b)                      x_t (B, I), h (B, H), W (I, H), U (H, H), b (H)
 *
 * backward, given ∂L/∂h_t:
 * ∂L/∂z_t     = ∂L/∂h_t ⊙ (1 − h_t²)
 * ∂L/∂h_{t−1} = ∂L/∂z_t · Uᵀ
 *
 * recurrent dropout (training, mask m (B, H) fixed over the sequence, see Recurrent):
 * h_t = tanh(x_t·W + (h_{t−1} ⊙ m)·U + b)        ∂L/∂h_{t−1} = (∂L/∂z_t · Uᵀ) ⊙ m
 *
 * other activations f (Keras activation=relu, linear, …; {@link CellActivation}), a plainer loop than the
 * fused tanh kernels:
 * h_t = f(x_t·W + h_{t−1}·U + b)        ∂L/∂z_t = ∂L/∂h_t ⊙ f′(z_t), f′ written from h_t
 * </pre>
 * Gradients through many steps are products of (1 − h²)·Uᵀ factors; with ‖U‖ &lt; 1 they shrink
 * geometrically — the vanishing gradient that LSTM and GRU were designed around.
 */
public final class SimpleRnnCell extends Cell {

    public SimpleRnnCell(int units) {
        super(units);
    }

    @Override
    protected Cell blank() {
        return new SimpleRnnCell(units);
    }

    @Override
    public int gateCount() {
        return 1;
    }

    @Override
    public List<String> gateNames() {
        return List.of("h");
    }

    @Override
    public String type() {
        return "simple_rnn";
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
        int width = units;
        KernelProvider.get().gemm(false, false, s.batch, width, units,
                s.hPrevDropped, s.hPrevDroppedOff, units, recurrentKernel.value(), 0, width,
                s.gates, s.gatesOff, width, true);
        int n = s.batch * units;
        if (activation == CellActivation.TANH) {
            KernelProvider.get().tanh(n, s.gates, s.gatesOff, s.gates, s.gatesOff);
        } else {
            for (int i = 0; i < n; i++) {
                s.gates.set(s.gatesOff + i, activation.apply(s.gates.get(s.gatesOff + i)));
            }
        }
        s.h.copyFrom(s.gates, s.gatesOff, s.hOff, n);
    }

    @Override
    protected void backwardStep(Step s) {
        int n = s.batch * units;
        if (activation == CellActivation.TANH) {
            KernelProvider.get().tanhBackward(n, s.gates, s.gatesOff, s.dh, 0, s.dGates, s.dGatesOff);
        } else {
            for (int i = 0; i < n; i++) {
                s.dGates.set(s.dGatesOff + i, s.dh.get(i) * activation.derivativeFromOutput(s.gates.get(s.gatesOff + i)));
            }
        }
        KernelProvider.get().gemm(false, true, s.batch, units, units,
                s.dGates, s.dGatesOff, units, recurrentKernel.value(), 0, units,
                s.dhPrev, 0, units, false);
        dropRecurrentGradient(s, s.dhPrev, 0);
    }

    @Override
    protected boolean supportsActivations() {
        return true;
    }

    @Override
    protected boolean hasGates() {
        return false;
    }

    @Override
    protected boolean supportsRecurrentDropout() {
        return true;
    }

    @Override
    protected void accumulateRecurrentGradients(RecurrentGradients g) {
        g.addPrevStateProduct(g.dGates, 0, units, units, recurrentKernel.grad(), 0, units);
    }
}
