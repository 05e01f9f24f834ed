package dev.gated.reference;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.gated.layer.BuildContext;
import dev.gated.layer.LayerNormalization;
import dev.gated.layer.Mode;
import dev.gated.reference.TorchReference.Family;
import dev.gated.reference.TorchReference.Report;
import dev.gated.tensor.Precision;
import dev.gated.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Gated's {@link LayerNormalization} against PyTorch 2.7.1's {@code torch.layer_norm(x, (F,), weight, bias, eps)}
 * (through DJL's {@code NDArrayEx.layerNorm}, float32, offline — see {@link TorchReference}) on (B, T, F)
 * input: outputs and the gradients of x, γ (weight) and β (bias) under L = Σ y ⊙ R, each within
 * {@code |Δ| ≤ 1e-5 · max(1, |torch|)}. Parameter mapping: γ = weight, β = bias (both (F)); ε is passed to
 * both sides, at Keras's default 1e-3 and PyTorch's 1e-5.
 */
class LayerNormalizationReferenceTest {

    static final int B = 3;
    static final int T = 4;
    static final int F = 7;

    @ParameterizedTest(name = "eps={0}")
    @ValueSource(doubles = {1e-3, 1e-5})
    void matchesTorchLayerNorm(double epsilon) {
        Report report = compare(epsilon, epsilon, 0);
        System.out.println(report.summary());
        assertTrue(report.passed(), report.summary());
    }

    /** The comparison has teeth: Gated at ε = 1e-3 against PyTorch at 1e-5 must disagree on inputs of small spread. */
    @Test
    void aWrongEpsilonIsCaught() {
        Report report = compare(1e-3, 1e-5, 1);
        System.out.println(report.summary());
        assertFalse(report.passed(), "Gated's ε = 1e-3 against PyTorch's 1e-5 went unnoticed");
    }

    private static Report compare(double gatedEps, double torchEps, long seed) {
        SplittableRandom random = new SplittableRandom(17 + seed);
        double spread = seed == 0 ? 1.5 : 0.05;   // the planted case uses a small spread so that ε matters
        float[] x = uniform(random, B * T * F, spread);
        float[] gamma = uniform(random, F, 0.5);
        for (int i = 0; i < F; i++) {
            gamma[i] += 1;
        }
        float[] beta = uniform(random, F, 0.5);
        float[] r = uniform(random, B * T * F, 1);

        LayerNormalization layer = new LayerNormalization(gatedEps);
        layer.build(new int[] {T, F}, new BuildContext(Precision.FLOAT32, new SplittableRandom(0)));
        for (int i = 0; i < F; i++) {
            layer.parameters().get(0).value().set(i, gamma[i]);
            layer.parameters().get(1).value().set(i, beta[i]);
        }
        Tensor y = layer.forward(Tensor.of(x, B, T, F), null, Mode.INFERENCE);
        Tensor dx = layer.backward(Tensor.of(r, B, T, F));

        Report report = new Report("LayerNormalization (B,T,F)=(" + B + "," + T + "," + F + ") Gated eps=" + gatedEps
                + ", PyTorch eps=" + torchEps);
        try (NDManager m = TorchReference.manager()) {
            NDArray tx = leaf(m, x, new Shape(B, T, F));
            NDArray tGamma = leaf(m, gamma, new Shape(F));
            NDArray tBeta = leaf(m, beta, new Shape(F));
            float[] torchY;
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray out = tx.getNDArrayInternal().layerNorm(tx, new Shape(F), tGamma, tBeta, (float) torchEps).get(0);
                gc.backward(out.mul(m.create(r, new Shape(B, T, F))).sum());
                torchY = out.toFloatArray();
            }
            report.compare(Family.OUTPUT, "output (B,T,F)", y.toFloatArray(), torchY);
            report.compare(Family.INPUT_GRAD, "input grad", dx.toFloatArray(), tx.getGradient().toFloatArray());
            report.compare(Family.WEIGHT_GRAD, "weight grad (gamma)", layer.parameters().get(0).grad().toFloatArray(),
                    tGamma.getGradient().toFloatArray());
            report.compare(Family.WEIGHT_GRAD, "bias grad (beta)", layer.parameters().get(1).grad().toFloatArray(),
                    tBeta.getGradient().toFloatArray());
        }
        return report;
    }

    private static float[] uniform(SplittableRandom random, int n, double limit) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (limit * (2 * random.nextDouble() - 1));
        }
        return a;
    }

    private static NDArray leaf(NDManager m, float[] data, Shape shape) {
        NDArray a = m.create(data, shape);
        a.setRequiresGradient(true);
        return a;
    }
}
