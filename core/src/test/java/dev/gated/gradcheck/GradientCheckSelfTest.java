package dev.gated.gradcheck;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gated.layer.Dense;
import dev.gated.layer.Mode;
import dev.gated.tensor.Precision;
import dev.gated.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The checker itself: it must fail a gradient that is slightly wrong, refuse settings under which it
 * could not tell, and point at kinks.
 */
class GradientCheckSelfTest {

    /** f(v) = Σ sin(v_i)·(i + 1), ∂f/∂v_i = cos(v_i)·(i + 1). */
    private static double f(Tensor v) {
        double s = 0;
        for (int i = 0; i < v.size(); i++) {
            s += Math.sin(v.get(i)) * (i + 1);
        }
        return s;
    }

    private static Tensor gradF(Tensor v) {
        Tensor g = v.zerosLike();
        for (int i = 0; i < v.size(); i++) {
            g.set(i, Math.cos(v.get(i)) * (i + 1));
        }
        return g;
    }

    @Test
    void passesTheRightGradientAndFailsOneOffByOnePart() {
        Tensor v = Tensors.uniform(new SplittableRandom(1), -1, 1, 4, 5);
        GradientCheck check = GradientCheck.defaults();
        check.run("self: exact gradient", () -> f(v), List.of(GradientCheck.Wrt.of("v", v, gradF(v)))).assertPassed();
        GradientCheck.builder().threePoint(1e-6).build().run("self: exact gradient, three-point ε=1e-6", () -> f(v),
                List.of(GradientCheck.Wrt.of("v", v, gradF(v)))).assertPassed();

        Tensor wrong = gradF(v);
        wrong.set(7, wrong.get(7) * (1 + 1e-5));
        GradientCheck.Result r = check.run("self: one element off by 1e-5", () -> f(v),
                List.of(GradientCheck.Wrt.of("v", v, wrong)));
        System.out.println(r.line());
        assertFalse(r.passed());
        assertTrue(r.failures().size() == 1 && r.failures().get(0).startsWith("v[1, 2]"), r.failures().toString());
        assertThrows(AssertionError.class, r::assertPassed);
    }

    @Test
    void failsADenseLayerWithOneInputGradientDropped() {
        Network net = Network.of(new int[] {3}, 5, new Dense(2, dev.gated.layer.Activation.TANH)).jitter(6, 0.3);
        Tensor x = Tensors.uniform(new SplittableRandom(7), -1, 1, 4, 3);
        Tensor r = Tensors.uniform(new SplittableRandom(8), -1, 1, 4, 2);
        net.forward(x, null, Mode.INFERENCE);
        net.zeroGrad();
        Tensor dx = net.backward(r);
        List<GradientCheck.Wrt> wrt = new java.util.ArrayList<>(net.parameterGradients());
        Tensor badDx = dx.copy();
        badDx.set(0, 0);   // as if the first row's input gradient had been forgotten
        wrt.add(GradientCheck.Wrt.of("input", x, badDx));
        GradientCheck.Result result = GradientCheck.defaults().run("self: dense with a dropped input gradient",
                () -> Tensors.dot(net.forward(x, null, Mode.INFERENCE), r), wrt);
        System.out.println(result.line());
        assertFalse(result.passed());
    }

    @Test
    void refusesFloat32() {
        Tensor v = Tensor.zeros(Precision.FLOAT32, 3);
        v.fill(0.5);
        assertRefused("FLOAT64", () -> GradientCheck.defaults().run("f32", () -> f(v),
                List.of(GradientCheck.Wrt.of("v", v, gradF(v)))));
    }

    @Test
    void refusesMeaninglessSettings() {
        assertRefused("epsilon", () -> GradientCheck.builder().threePoint(0.1).build());
        assertRefused("epsilon", () -> GradientCheck.builder().fivePoint(1e-12).build());
        assertRefused("maxRelativeError", () -> GradientCheck.builder().maxRelativeError(0.1).build());
        assertRefused("maxRelativeError", () -> GradientCheck.builder().maxRelativeError(0).build());
        assertRefused("absoluteFloor", () -> GradientCheck.builder().absoluteFloor(0).build());
        assertRefused("at least 50", () -> GradientCheck.builder().subset(10, 1).build());
    }

    @Test
    void refusesNonDeterministicLossesAndVacuousChecks() {
        Tensor v = Tensors.uniform(new SplittableRandom(2), -1, 1, 3);
        AtomicInteger calls = new AtomicInteger();
        assertRefused("not deterministic", () -> GradientCheck.defaults().run("dropout with a new seed per call",
                () -> f(v) + calls.incrementAndGet(), List.of(GradientCheck.Wrt.of("v", v, gradF(v)))));
        assertRefused("NaN", () -> GradientCheck.defaults().run("nan", () -> Double.NaN,
                List.of(GradientCheck.Wrt.of("v", v, gradF(v)))));
        assertRefused("exactly zero", () -> GradientCheck.defaults().run("constant", () -> 1.0,
                List.of(GradientCheck.Wrt.of("v", v, v.zerosLike()))));
        assertRefused("shape", () -> GradientCheck.Wrt.of("v", v, Tensor.zeros(Precision.FLOAT64, 4)));
        assertRefused("null", () -> GradientCheck.Wrt.of("tokens", v, null));
    }

    @Test
    void subsetChecksTheRequestedNumberOfElements() {
        Tensor v = Tensors.uniform(new SplittableRandom(3), -1, 1, 20, 10);
        GradientCheck.Result r = GradientCheck.builder().subset(60, 9).build()
                .run("self: subset of 60 of 200", () -> f(v), List.of(GradientCheck.Wrt.of("v", v, gradF(v))))
                .assertPassed();
        assertTrue(r.elements() == 60, "checked " + r.elements());
    }

    @Test
    void pointsAtAKink() {
        Tensor v = Tensor.of(new double[] {0.3 + 5e-5}, 1);
        Tensor g = Tensor.of(new double[] {1.0}, 1);
        GradientCheck.Result r = GradientCheck.defaults().run("self: |v − 0.3| next to its kink",
                () -> Math.abs(v.get(0) - 0.3), List.of(GradientCheck.Wrt.of("v", v, g)));
        System.out.println(r.line());
        assertFalse(r.passed());
        assertTrue(r.failures().get(0).contains("kink"), r.failures().get(0));
    }

    private static void assertRefused(String fragment, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(fragment), "message should mention \"" + fragment + "\": " + e.getMessage());
        assertTrue(e.getMessage().contains("—"), "message should say how to fix it: " + e.getMessage());
    }
}
