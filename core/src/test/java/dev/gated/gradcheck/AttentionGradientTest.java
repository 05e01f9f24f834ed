package dev.gated.gradcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gated.layer.Attention;
import dev.gated.layer.BuildContext;
import dev.gated.layer.Mode;
import dev.gated.tensor.Precision;
import dev.gated.tensor.Shape;
import dev.gated.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Attention through its graph form (forwardAll/backwardAll), dot and additive, every scale option, masks on
 * the value and on the query, a separate key, and the weights output under a loss. The objective reaches both
 * outputs: L = Σ O ⊙ R (+ Σ A ⊙ R₂ with returnAttentionScores); every parameter and every input is checked.
 */
class AttentionGradientTest {

    private static final GradientCheck CHECK = GradientCheck.defaults();
    private static final int D = 3;

    /** One attention call in FLOAT64: inputs (query, value[, key]) and their masks. */
    private record Case(String label, Attention layer, Tensor[] inputs, Tensor[] masks) {
    }

    private static Case make(String label, Attention layer, int batch, int tq, int tv, boolean key,
                             Tensor queryMask, Tensor valueMask, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<int[]> shapes = new ArrayList<>();
        shapes.add(new int[] {Shape.ANY, D});
        shapes.add(new int[] {Shape.ANY, D + 1 - (key ? 0 : 1)});
        List<Tensor> inputs = new ArrayList<>();
        inputs.add(Tensors.uniform(random, -1, 1, batch, tq, D));
        inputs.add(Tensors.uniform(random, -1, 1, batch, tv, shapes.get(1)[1]));
        if (key) {
            shapes.add(new int[] {Shape.ANY, D});
            inputs.add(Tensors.uniform(random, -1, 1, batch, tv, D));
        }
        layer.buildAll(shapes, new BuildContext(Precision.FLOAT64, new SplittableRandom(seed + 1)));
        layer.parameters().forEach(p -> {
            for (int i = 0; i < p.value().size(); i++) {
                p.value().add(i, 0.3 * (2 * random.nextDouble() - 1));
            }
        });
        Tensor[] masks = key ? new Tensor[] {queryMask, valueMask, null} : new Tensor[] {queryMask, valueMask};
        return new Case(label, layer, inputs.toArray(Tensor[]::new), masks);
    }

    /** Checks every parameter and input of the case; returns the result for further assertions. */
    private static GradientCheck.Result check(Case c, long rSeed) {
        Tensor[] y = c.layer().forwardAll(c.inputs(), c.masks(), Mode.INFERENCE);
        SplittableRandom random = new SplittableRandom(rSeed);
        Tensor[] r = new Tensor[y.length];
        for (int k = 0; k < y.length; k++) {
            r[k] = Tensors.uniform(random, -1, 1, y[k].shape());
        }
        c.layer().parameters().forEach(p -> p.zeroGrad());
        Tensor[] dx = c.layer().backwardAll(r);
        assertEquals(c.inputs().length, dx.length, "one gradient per input");
        List<GradientCheck.Wrt> wrt = new ArrayList<>(GradientCheck.Wrt.parameters("attention", c.layer().parameters()));
        String[] names = {"query", "value", "key"};
        for (int k = 0; k < dx.length; k++) {
            wrt.add(GradientCheck.Wrt.of(names[k], c.inputs()[k], dx[k]));
        }
        return CHECK.run(c.label(), () -> {
            Tensor[] out = c.layer().forwardAll(c.inputs(), c.masks(), Mode.INFERENCE);
            double sum = 0;
            for (int k = 0; k < out.length; k++) {
                sum += Tensors.dot(out[k], r[k]);
            }
            return sum;
        }, wrt).assertPassed();
    }

    @Test
    void dotPlain() {
        check(make("Attention dot B=2 Tq=3 Tv=4", Attention.dot(), 2, 3, 4, false, null, null, 1), 2);
        check(make("Attention dot B=1 Tq=1 Tv=1", Attention.dot(), 1, 1, 1, false, null, null, 3), 4);
        check(make("Attention dot B=1 Tq=5 Tv=2, key", Attention.dot(), 1, 5, 2, true, null, null, 5), 6);
    }

    @Test
    void dotScaled() {
        check(make("Attention dot 1/sqrt(D)", Attention.dot(Attention.Scale.INVERSE_SQRT_DIM), 2, 3, 4, false, null, null, 7), 8);
        check(make("Attention dot learned scale", Attention.dot(Attention.Scale.LEARNED), 2, 3, 4, false, null, null, 9), 10);
        check(make("Attention dot learned scale, key, scores out",
                Attention.dot(Attention.Scale.LEARNED).returnAttentionScores(true), 2, 3, 4, true, null, null, 11), 12);
    }

    @Test
    void dotMaskedValue() {
        Tensor valueMask = Tensors.mixedMask(4, 5);
        GradientCheck.Result r = check(make("Attention dot masked value", Attention.dot(), 4, 3, 5, false, null, valueMask, 13), 14);
        assertMaskedStepsGetZeroGradient(r.analytic("value"), valueMask);
        GradientCheck.Result k = check(make("Attention dot masked value, key, scores out",
                Attention.dot(Attention.Scale.INVERSE_SQRT_DIM).returnAttentionScores(true), 4, 2, 5, true, null, valueMask, 15), 16);
        assertMaskedStepsGetZeroGradient(k.analytic("value"), valueMask);
        assertMaskedStepsGetZeroGradient(k.analytic("key"), valueMask);
    }

    @Test
    void dotMaskedQuery() {
        Tensor queryMask = Tensors.gappedMask(3, 5);
        GradientCheck.Result r = check(make("Attention dot masked query", Attention.dot(Attention.Scale.LEARNED),
                3, 5, 4, false, queryMask, null, 17), 18);
        assertMaskedStepsGetZeroGradient(r.analytic("query"), queryMask);
        check(make("Attention dot masked query and value", Attention.dot(), 4, 5, 5, false,
                Tensors.gappedMask(4, 5), Tensors.mixedMask(4, 5), 19), 20);
    }

    @Test
    void additivePlain() {
        check(make("AdditiveAttention B=2 Tq=3 Tv=4", Attention.additive(), 2, 3, 4, false, null, null, 21), 22);
        check(make("AdditiveAttention B=1 Tq=1 Tv=1", Attention.additive(), 1, 1, 1, false, null, null, 23), 24);
        check(make("AdditiveAttention key, scores out", Attention.additive().returnAttentionScores(true),
                2, 4, 3, true, null, null, 25), 26);
    }

    @Test
    void additiveMasked() {
        Tensor valueMask = Tensors.mixedMask(4, 5);
        Tensor queryMask = Tensors.gappedMask(4, 3);
        GradientCheck.Result r = check(make("AdditiveAttention masked query and value", Attention.additive(),
                4, 3, 5, false, queryMask, valueMask, 27), 28);
        assertMaskedStepsGetZeroGradient(r.analytic("value"), valueMask);
        assertMaskedStepsGetZeroGradient(r.analytic("query"), queryMask);
        check(make("AdditiveAttention masked value, key, scores out", Attention.additive().returnAttentionScores(true),
                4, 3, 5, true, null, valueMask, 29), 30);
    }

    /** Rows of a (B, T, F) gradient at masked steps of a (B, T) mask must be exactly 0. */
    private static void assertMaskedStepsGetZeroGradient(Tensor grad, Tensor mask) {
        int width = grad.dim(2);
        int masked = 0;
        for (int s = 0; s < mask.size(); s++) {
            if (mask.get(s) == 0) {
                masked++;
                for (int f = 0; f < width; f++) {
                    assertEquals(0.0, grad.get(s * width + f), 0.0, "gradient at masked step " + s);
                }
            }
        }
        assertEquals(true, masked > 0, "the mask must mask something");
    }
}
