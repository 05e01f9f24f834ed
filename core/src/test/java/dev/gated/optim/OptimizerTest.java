package dev.gated.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gated.layer.Parameter;
import dev.gated.tensor.Precision;
import dev.gated.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each optimizer's update rule against the formula worked by hand for two steps on one weight, w₀ = 1,
 * with gradients g₁ = 0.5 then g₂ = −0.25 (double precision, so the comparison is exact to 1e-12).
 */
class OptimizerTest {

    private static final double G1 = 0.5;
    private static final double G2 = -0.25;

    private static double twoSteps(Optimizer optimizer) {
        Parameter p = Parameter.zeros("w", Precision.FLOAT64, 1);
        p.value().set(0, 1.0);
        p.grad().set(0, G1);
        optimizer.step(List.of(p));
        p.grad().set(0, G2);
        optimizer.step(List.of(p));
        return p.value().get(0);
    }

    @Test
    void plainSgd() {
        double lr = 0.1;
        assertEquals(1 - lr * G1 - lr * G2, twoSteps(new Sgd(lr)), 1e-12);
    }

    @Test
    void sgdWithMomentumAndNesterov() {
        double lr = 0.1;
        double mu = 0.9;
        double v1 = -lr * G1;
        double v2 = mu * v1 - lr * G2;
        assertEquals(1 + v1 + v2, twoSteps(new Sgd(lr, mu, false)), 1e-12);
        double nesterov = 1 + (mu * v1 - lr * G1) + (mu * v2 - lr * G2);
        assertEquals(nesterov, twoSteps(new Sgd(lr, mu, true)), 1e-12);
    }

    @Test
    void rmsProp() {
        double lr = 0.01;
        double rho = 0.9;
        double eps = 1e-7;
        double s1 = (1 - rho) * G1 * G1;
        double w1 = 1 - lr * G1 / (Math.sqrt(s1) + eps);
        double s2 = rho * s1 + (1 - rho) * G2 * G2;
        double w2 = w1 - lr * G2 / (Math.sqrt(s2) + eps);
        assertEquals(w2, twoSteps(new RmsProp(lr, rho, eps)), 1e-12);
    }

    @Test
    void adamAndAdamW() {
        double lr = 0.01;
        double b1 = 0.9;
        double b2 = 0.999;
        double eps = 1e-7;
        double wd = 0.1;
        for (double decay : new double[] {0, wd}) {
            double w = 1;
            double m = 0;
            double v = 0;
            double[] grads = {G1, G2};
            for (int t = 1; t <= 2; t++) {
                double g = grads[t - 1];
                m = b1 * m + (1 - b1) * g;
                v = b2 * v + (1 - b2) * g * g;
                w = w * (1 - lr * decay);
                w -= lr * (m / (1 - Math.pow(b1, t))) / (Math.sqrt(v / (1 - Math.pow(b2, t))) + eps);
            }
            Optimizer o = decay == 0 ? new Adam(lr, b1, b2, eps) : new AdamW(lr, b1, b2, eps, decay);
            assertEquals(w, twoSteps(o), 1e-12, o.name());
        }
    }

    @Test
    void optimizerStateRoundTripsThroughExportAndRestore() {
        Parameter p = Parameter.zeros("w", Precision.FLOAT64, 1);
        p.value().set(0, 1.0);
        p.grad().set(0, G1);
        Adam first = new Adam(0.01);
        first.step(List.of(p));
        Adam resumed = new Adam(0.01);
        List<Tensor> state = first.state().stream().map(Tensor::copy).toList();
        resumed.restore(first.iterations(), state, List.of(p));
        Parameter q = new Parameter("w", p.value().copy(), p.grad().copy());
        p.grad().set(0, G2);
        q.grad().set(0, G2);
        first.step(List.of(p));
        resumed.step(List.of(q));
        assertEquals(p.value().get(0), q.value().get(0), 0.0);
    }

    @Test
    void clippingByGlobalNormScalesAllGradientsTogether() {
        Parameter a = Parameter.zeros("a", Precision.FLOAT64, 2);
        Parameter b = Parameter.zeros("b", Precision.FLOAT64, 1);
        a.grad().set(0, 3);
        a.grad().set(1, 0);
        b.grad().set(0, 4); // global norm 5
        double norm = GradientClipping.byGlobalNorm(1.0).apply(List.of(a, b));
        assertEquals(5, norm, 1e-12);
        assertEquals(0.6, a.grad().get(0), 1e-12);
        assertEquals(0.8, b.grad().get(0), 1e-12);
        b.grad().set(0, -4);
        GradientClipping.byValue(0.5).apply(List.of(a, b));
        assertEquals(0.5, a.grad().get(0), 1e-12);
        assertEquals(-0.5, b.grad().get(0), 1e-12);
    }

    @Test
    void schedulesFollowTheirFormulasAndParseBack() {
        LearningRateSchedule step = LearningRateSchedule.step(10, 0.5);
        assertEquals(0.1, step.rate(9, 0.1), 1e-15);
        assertEquals(0.05, step.rate(10, 0.1), 1e-15);
        LearningRateSchedule exp = LearningRateSchedule.exponential(0.9);
        assertEquals(0.1 * 0.81, exp.rate(2, 0.1), 1e-15);
        LearningRateSchedule cos = LearningRateSchedule.cosine(10, 0.001);
        assertEquals(0.1, cos.rate(0, 0.1), 1e-15);
        assertEquals(0.001 + 0.5 * (0.1 - 0.001), cos.rate(5, 0.1), 1e-15);
        assertEquals(0.001, cos.rate(10, 0.1), 1e-15);
        for (LearningRateSchedule s : new LearningRateSchedule[] {step, exp, cos, LearningRateSchedule.constant()}) {
            assertEquals(s.describe(), LearningRateSchedule.parse(s.describe()).describe());
        }
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> LearningRateSchedule.parse("warmup(5)"));
        assertTrue(e.getMessage().contains("warmup"), e.getMessage());
    }
}
