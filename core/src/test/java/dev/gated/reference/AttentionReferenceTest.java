package dev.gated.reference;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.gated.layer.Attention;
import dev.gated.layer.BuildContext;
import dev.gated.layer.Mode;
import dev.gated.reference.TorchReference.Family;
import dev.gated.reference.TorchReference.Report;
import dev.gated.tensor.Precision;
import dev.gated.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Gated's {@link Attention} against the same formulas in PyTorch 2.7.1 (DJL NDArray ops with autograd, float32,
 * offline — see {@link TorchReference}): outputs, attention weights, and the gradients of query, value, key
 * and the learned scale compared within {@code |Δ| ≤ 1e-5 · max(1, |torch|)}.
 *
 * <pre>
 * PyTorch side   dot:       S = s · Q·Kᵀ  (torch.bmm(Q, K.transpose(1, 2)) · s)
 *                additive:  S = Σ_d v_d tanh(Q[:, :, None, :] + K[:, None, :, :])
 *                S += (value_mask − 1) · 1e9 (B, 1, Tv)      as Keras masks scores
 *                A = softmax(S, −1)      O = (A·V) ⊙ query_mask (B, Tq, 1)
 * loss           L = Σ O ⊙ R + Σ A ⊙ R₂
 * </pre>
 * Gated excludes masked value steps from the softmax instead of subtracting 1e9; in float32 both give weights
 * exactly 0 there.
 */
class AttentionReferenceTest {

    static final int B = 3;
    static final int TQ = 4;
    static final int TV = 5;
    static final int D = 6;

    /** One case's data, float32, shared by both sides. */
    private static final class Data {
        final float[] q;
        final float[] k;
        final float[] v;
        final float[] r;
        final float[] r2;
        final float[] scale;
        final float[] queryMask;
        final float[] valueMask;

        Data(long seed, int scaleSize, boolean masked) {
            SplittableRandom random = new SplittableRandom(seed);
            q = uniform(random, B * TQ * D, 1);
            k = uniform(random, B * TV * D, 1);
            v = uniform(random, B * TV * D, 1);
            r = uniform(random, B * TQ * D, 1);
            r2 = uniform(random, B * TQ * TV, 1);
            scale = uniform(random, scaleSize, 0.5);
            for (int i = 0; i < scale.length; i++) {
                scale[i] += 1;
            }
            queryMask = new float[B * TQ];
            valueMask = new float[B * TV];
            java.util.Arrays.fill(queryMask, 1);
            java.util.Arrays.fill(valueMask, 1);
            if (masked) {
                queryMask[TQ + 1] = 0;          // row 1: a hole
                queryMask[2 * TQ] = 0;          // row 2: first step
                for (int t = 3; t < TV; t++) {
                    valueMask[TV + t] = 0;      // row 1: right padding
                }
                valueMask[2 * TV] = 0;          // row 2: left padding
                valueMask[2 * TV + 1] = 0;
            }
        }
    }

    private static float[] uniform(SplittableRandom random, int n, double limit) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (limit * (2 * random.nextDouble() - 1));
        }
        return a;
    }

    /** What both sides produce. */
    private static final class Result {
        float[] output;
        float[] weights;
        float[] dq;
        float[] dk;
        float[] dv;
        float[] dScale;
    }

    @Test
    void dotUnscaled() {
        check("dot", Attention.dot(), new Data(1, 0, false), false);
    }

    @Test
    void dotInverseSqrtDim() {
        check("dot 1/sqrt(D)", Attention.dot(Attention.Scale.INVERSE_SQRT_DIM), new Data(2, 0, false), false);
    }

    @Test
    void dotLearnedScaleWithKeyAndMasks() {
        check("dot learned scale, key, query and value masks", Attention.dot(Attention.Scale.LEARNED),
                new Data(3, 1, true), true);
    }

    @Test
    void additiveWithMasks() {
        check("additive, query and value masks", Attention.additive(), new Data(4, D, true), false);
        check("additive, key", Attention.additive(), new Data(5, D, false), true);
    }

    /** The comparison has teeth: a wrong scale (1/D instead of 1/√D) must be caught. */
    @Test
    void aWrongScaleIsCaught() {
        Data d = new Data(6, 0, false);
        Result gated = gated(Attention.dot(Attention.Scale.INVERSE_SQRT_DIM), d, false);
        Result torch = torch(Attention.dot(Attention.Scale.INVERSE_SQRT_DIM), d, false, 1.0 / D);
        Report report = compare("planted bug: PyTorch scaled by 1/D", gated, torch);
        System.out.println(report.summary());
        assertFalse(report.passed(), "scaling by 1/D instead of 1/√D went unnoticed");
    }

    private static void check(String title, Attention layer, Data d, boolean key) {
        Result gated = gated(layer, d, key);
        Result torch = torch(layer, d, key, layer.scale() == Attention.Scale.INVERSE_SQRT_DIM ? 1 / Math.sqrt(D) : 1);
        Report report = compare("Attention " + title, gated, torch);
        System.out.println(report.summary());
        assertTrue(report.passed(), report.summary());
    }

    private static Report compare(String title, Result gated, Result torch) {
        Report report = new Report(title);
        report.compare(Family.OUTPUT, "output O (B,Tq,D)", gated.output, torch.output);
        report.compare(Family.OUTPUT, "weights A (B,Tq,Tv)", gated.weights, torch.weights);
        report.compare(Family.INPUT_GRAD, "query grad", gated.dq, torch.dq);
        report.compare(Family.INPUT_GRAD, "value grad", gated.dv, torch.dv);
        if (gated.dk != null) {
            report.compare(Family.INPUT_GRAD, "key grad", gated.dk, torch.dk);
        }
        if (gated.dScale != null) {
            report.compare(Family.WEIGHT_GRAD, "scale grad", gated.dScale, torch.dScale);
        }
        return report;
    }

    private static Result gated(Attention layer, Data d, boolean key) {
        List<int[]> shapes = new ArrayList<>(List.of(new int[] {TQ, D}, new int[] {TV, D}));
        if (key) {
            shapes.add(new int[] {TV, D});
        }
        layer.returnAttentionScores(true)
                .buildAll(shapes, new BuildContext(Precision.FLOAT32, new SplittableRandom(0)));
        if (!layer.parameters().isEmpty()) {
            Tensor s = layer.parameters().get(0).value();
            for (int i = 0; i < s.size(); i++) {
                s.set(i, d.scale[i]);
            }
        }
        Tensor[] inputs = key
                ? new Tensor[] {Tensor.of(d.q, B, TQ, D), Tensor.of(d.v, B, TV, D), Tensor.of(d.k, B, TV, D)}
                : new Tensor[] {Tensor.of(d.q, B, TQ, D), Tensor.of(d.v, B, TV, D)};
        Tensor[] masks = {Tensor.of(d.queryMask, B, TQ), Tensor.of(d.valueMask, B, TV), null};
        Tensor[] out = layer.forwardAll(inputs, java.util.Arrays.copyOf(masks, inputs.length), Mode.INFERENCE);
        Tensor[] dx = layer.backwardAll(new Tensor[] {Tensor.of(d.r, B, TQ, D), Tensor.of(d.r2, B, TQ, TV)});
        Result r = new Result();
        r.output = out[0].toFloatArray();
        r.weights = out[1].toFloatArray();
        r.dq = dx[0].toFloatArray();
        r.dv = dx[1].toFloatArray();
        r.dk = key ? dx[2].toFloatArray() : null;
        r.dScale = layer.parameters().isEmpty() ? null : layer.parameters().get(0).grad().toFloatArray();
        return r;
    }

    private static Result torch(Attention layer, Data d, boolean key, double fixedScale) {
        boolean additive = layer.score() == Attention.Score.ADDITIVE;
        boolean learned = additive || layer.scale() == Attention.Scale.LEARNED;
        try (NDManager m = TorchReference.manager()) {
            NDArray q = leaf(m, d.q, new Shape(B, TQ, D));
            NDArray v = leaf(m, d.v, new Shape(B, TV, D));
            NDArray k = key ? leaf(m, d.k, new Shape(B, TV, D)) : v;
            NDArray s = learned ? leaf(m, d.scale, new Shape(d.scale.length)) : null;
            Result r = new Result();
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray scores;
                if (additive) {
                    scores = q.expandDims(2).add(k.expandDims(1)).tanh().mul(s).sum(new int[] {3});
                } else {
                    scores = q.batchMatMul(k.transpose(0, 2, 1));
                    scores = learned ? scores.mul(s) : scores.mul((float) fixedScale);
                }
                NDArray valueMask = m.create(d.valueMask, new Shape(B, 1, TV));
                scores = scores.add(valueMask.sub(1f).mul(1e9f));
                NDArray weights = scores.softmax(-1);
                NDArray output = weights.batchMatMul(v).mul(m.create(d.queryMask, new Shape(B, TQ, 1)));
                NDArray loss = output.mul(m.create(d.r, new Shape(B, TQ, D))).sum()
                        .add(weights.mul(m.create(d.r2, new Shape(B, TQ, TV))).sum());
                gc.backward(loss);
                r.output = output.toFloatArray();
                r.weights = weights.toFloatArray();
            }
            r.dq = q.getGradient().toFloatArray();
            r.dv = v.getGradient().toFloatArray();
            r.dk = key ? k.getGradient().toFloatArray() : null;
            r.dScale = learned ? s.getGradient().toFloatArray() : null;
            return r;
        }
    }

    private static NDArray leaf(NDManager m, float[] data, Shape shape) {
        NDArray a = m.create(data, shape);
        a.setRequiresGradient(true);
        return a;
    }
}
