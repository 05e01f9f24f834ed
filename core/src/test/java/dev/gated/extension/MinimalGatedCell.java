package dev.gated.extension;

import dev.gated.kernel.KernelProvider;
import dev.gated.kernel.Kernels;
import dev.gated.kernel.PlainKernels;
import dev.gated.layer.recurrent.Cell;
import dev.gated.layer.recurrent.RecurrentGradients;
import dev.gated.layer.recurrent.Step;
import dev.gated.tensor.Precision;
import dev.gated.tensor.Tensor;
import java.util.List;

/**
 * A cell written outside the engine's package, through the public extension points only: the minimal
 * gated unit (Zhou et al., 2016), G = 2, gates packed f | n.
 *
 * <pre>
 * f_t = σ(x_t·W_f + b_f + h_{t−1}·U_f)               forget gate   (B, H)
 * n_t = tanh(x_t·W_n + b_n + (f_t ⊙ h_{t−1})·U_n)    candidate     (B, H)
 * h_t = (1 − f_t) ⊙ h_{t−1} + f_t ⊙ n_t
 *
 * backward, given ∂h = ∂L/∂h_t:
 * ∂n̂ = ∂h ⊙ f ⊙ (1 − n²)          ∂(f⊙h) = ∂n̂·U_nᵀ
 * ∂f = ∂h ⊙ (n − h_{t−1}) + ∂(f⊙h) ⊙ h_{t−1}          ∂f̂ = ∂f ⊙ f(1 − f)
 * ∂L/∂h_{t−1} = ∂h ⊙ (1 − f) + ∂(f⊙h) ⊙ f + ∂f̂·U_fᵀ
 * ∂U_f = Σ_t h_{t−1}ᵀ·∂f̂      ∂U_n = Σ_t (f ⊙ h_{t−1})ᵀ·∂n̂
 * </pre>
 */
final class MinimalGatedCell extends Cell {

    private Tensor gatedHidden;   // f_t ⊙ h_{t−1} per step, (T, B, H)
    private Tensor scratch;       // (B, H)

    MinimalGatedCell(int units) {
        super(units);
    }

    @Override
    protected Cell blank() {
        return new MinimalGatedCell(units);
    }

    @Override
    public int gateCount() {
        return 2;
    }

    @Override
    public List<String> gateNames() {
        return List.of("f", "n");
    }

    @Override
    public String type() {
        return "minimal_gated";
    }

    @Override
    protected void allocate(int steps, int batch, Precision precision) {
        gatedHidden = Tensor.zeros(precision, steps, batch, units);
        scratch = Tensor.zeros(precision, batch, units);
    }

    @Override
    protected void forwardStep(Step s) {
        int width = 2 * units;
        Kernels k = KernelProvider.get();
        k.gemm(false, false, s.batch, units, units, s.hPrev, s.hPrevOff, units, recurrentKernel.value(), 0, width,
                s.gates, s.gatesOff, width, true);
        int fhOff = s.t * s.batch * units;
        for (int b = 0; b < s.batch; b++) {
            for (int j = 0; j < units; j++) {
                int g = s.gatesOff + b * width + j;
                double f = PlainKernels.sigmoid(s.gates.get(g));
                s.gates.set(g, f);
                gatedHidden.set(fhOff + b * units + j, f * s.hPrev.get(s.hPrevOff + b * units + j));
            }
        }
        k.gemm(false, false, s.batch, units, units, gatedHidden, fhOff, units, recurrentKernel.value(), units, width,
                s.gates, s.gatesOff + units, width, true);
        for (int b = 0; b < s.batch; b++) {
            for (int j = 0; j < units; j++) {
                int g = s.gatesOff + b * width + j;
                double f = s.gates.get(g);
                double n = Math.tanh(s.gates.get(g + units));
                s.gates.set(g + units, n);
                double hPrev = s.hPrev.get(s.hPrevOff + b * units + j);
                s.h.set(s.hOff + b * units + j, (1 - f) * hPrev + f * n);
            }
        }
    }

    @Override
    protected void backwardStep(Step s) {
        int width = 2 * units;
        Kernels k = KernelProvider.get();
        for (int b = 0; b < s.batch; b++) {
            for (int j = 0; j < units; j++) {
                int g = s.gatesOff + b * width + j;
                double f = s.gates.get(g);
                double n = s.gates.get(g + units);
                double dh = s.dh.get(b * units + j);
                s.dGates.set(s.dGatesOff + b * width + units + j, dh * f * (1 - n * n));
            }
        }
        // ∂(f⊙h) = ∂n̂·U_nᵀ
        k.gemm(false, true, s.batch, units, units, s.dGates, s.dGatesOff + units, width, recurrentKernel.value(), units, width,
                scratch, 0, units, false);
        for (int b = 0; b < s.batch; b++) {
            for (int j = 0; j < units; j++) {
                int i = b * units + j;
                int g = s.gatesOff + b * width + j;
                double f = s.gates.get(g);
                double n = s.gates.get(g + units);
                double hPrev = s.hPrev.get(s.hPrevOff + i);
                double dh = s.dh.get(i);
                double dGated = scratch.get(i);
                double df = dh * (n - hPrev) + dGated * hPrev;
                s.dGates.set(s.dGatesOff + b * width + j, df * f * (1 - f));
                s.dhPrev.set(i, dh * (1 - f) + dGated * f);
            }
        }
        k.gemm(false, true, s.batch, units, units, s.dGates, s.dGatesOff, width, recurrentKernel.value(), 0, width,
                s.dhPrev, 0, units, true);
    }

    @Override
    protected void accumulateRecurrentGradients(RecurrentGradients g) {
        int width = 2 * units;
        g.addPrevStateProduct(g.dGates, 0, width, units, recurrentKernel.grad(), 0, width);
        g.kernels.gemm(true, false, units, units, g.steps * g.batch, gatedHidden, 0, units, g.dGates, units, width,
                recurrentKernel.grad(), units, width, true);
    }
}
