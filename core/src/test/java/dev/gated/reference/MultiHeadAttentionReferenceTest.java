package dev.gated.reference;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.gated.layer.BuildContext;
import dev.gated.layer.Mode;
import dev.gated.layer.MultiHeadAttention;
import dev.gated.layer.Parameter;
import dev.gated.reference.TorchReference.Family;
import dev.gated.reference.TorchReference.Report;
import dev.gated.tensor.Precision;
import dev.gated.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Gated's {@link MultiHeadAttention} against the same computation written with PyTorch 2.7.1 operators
 * (DJL NDArray ops with autograd, float32, offline — see {@link TorchReference}): outputs, attention weights,
 * the gradients of query, value and key, and of all eight projection weights, within
 * {@code |Δ| ≤ 1e-5 · max(1, |torch|)}.
 *
 * <pre>
 * PyTorch side   Q = query@Wq + bq → view (B, Tq, h, d) → transpose (B, h, Tq, d); K, V likewise
 *                S = Q@Kᵀ / √d  + (allowed − 1)·1e9     allowed = value mask (B, 1, 1, Tv) ∧ causal tril (Tq, Tv)
 *                A = softmax(S, −1)     C = (A@V) → transpose, reshape (B, Tq, h·e) ⊙ query mask (B, Tq, 1)
 *                O = C@Wo + bo          L = Σ O ⊙ R + Σ A ⊙ R₂
 * </pre>
 * This is what {@code torch.nn.functional.multi_head_attention_forward} computes with separate projection
 * weights (batch first, no dropout), written out so masks and causality are explicit.
 */
class MultiHeadAttentionReferenceTest {

    static final int B = 3;
    static final int TQ = 4;
    static final int TV = 4;
    static final int H = 2;
    static final int KD = 3;
    static final int VD = 2;
    static final int DQ = 5;
    static final int DV = 4;
    static final int DK = 3;
    static final int DO = 6;

    private static final class Data {
        final float[] query;
        final float[] value;
        final float[] key;
        final float[] r;
        final float[] r2;
        final float[] queryMask = new float[B * TQ];
        final float[] valueMask = new float[B * TV];
        final List<float[]> weights = new ArrayList<>();   // Wq bq Wk bk Wv bv Wo bo

        Data(long seed, boolean masked) {
            SplittableRandom random = new SplittableRandom(seed);
            query = uniform(random, B * TQ * DQ);
            value = uniform(random, B * TV * DV);
            key = uniform(random, B * TV * DK);
            r = uniform(random, B * TQ * DO);
            r2 = uniform(random, B * H * TQ * TV);
            for (int n : new int[] {DQ * H * KD, H * KD, DK * H * KD, H * KD, DV * H * VD, H * VD, H * VD * DO, DO}) {
                weights.add(uniform(random, n));
            }
            Arrays.fill(queryMask, 1);
            Arrays.fill(valueMask, 1);
            if (masked) {
                queryMask[TQ + 2] = 0;
                valueMask[TV + 3] = 0;
                valueMask[2 * TV + 1] = 0;   // not step 0: a causal row 0 with nothing allowed gives A = 0 here, uniform in PyTorch
            }
        }
    }

    private static float[] uniform(SplittableRandom random, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (2 * random.nextDouble() - 1);
        }
        return a;
    }

    private static final class Result {
        float[] output;
        float[] weights;
        float[][] inputGrads = new float[3][];
        List<float[]> weightGrads = new ArrayList<>();
    }

    @Test
    void crossAttentionWithKeyAndMasks() {
        check("cross-attention, key, query and value masks", false, new Data(1, true));
    }

    @Test
    void causalSelfAttentionShapes() {
        check("causal, key", true, new Data(2, false));
        check("causal, key, masks", true, new Data(3, true));
    }

    /** The comparison has teeth: PyTorch without the causal mask differs from a causal layer. */
    @Test
    void aMissingCausalMaskIsCaught() {
        Data d = new Data(4, false);
        Report report = compare("planted bug: PyTorch not causal", gated(true, d), torch(false, d));
        System.out.println(report.summary());
        assertFalse(report.passed(), "a layer attending to the future went unnoticed");
    }

    private static void check(String title, boolean causal, Data d) {
        Report report = compare("MultiHeadAttention " + title, gated(causal, d), torch(causal, d));
        System.out.println(report.summary());
        assertTrue(report.passed(), report.summary());
    }

    private static Report compare(String title, Result gated, Result torch) {
        Report report = new Report(title);
        report.compare(Family.OUTPUT, "output O (B,Tq,Do)", gated.output, torch.output);
        report.compare(Family.OUTPUT, "weights A (B,h,Tq,Tv)", gated.weights, torch.weights);
        String[] inputs = {"query", "value", "key"};
        for (int k = 0; k < 3; k++) {
            report.compare(Family.INPUT_GRAD, inputs[k] + " grad", gated.inputGrads[k], torch.inputGrads[k]);
        }
        String[] names = {"Wq", "bq", "Wk", "bk", "Wv", "bv", "Wo", "bo"};
        for (int k = 0; k < names.length; k++) {
            report.compare(Family.WEIGHT_GRAD, names[k] + " grad", gated.weightGrads.get(k), torch.weightGrads.get(k));
        }
        return report;
    }

    private static Result gated(boolean causal, Data d) {
        MultiHeadAttention layer = MultiHeadAttention.of(H, KD, VD, DO).causal(causal).returnAttentionScores(true);
        layer.buildAll(List.of(new int[] {TQ, DQ}, new int[] {TV, DV}, new int[] {TV, DK}),
                new BuildContext(Precision.FLOAT32, new SplittableRandom(0)));
        List<Parameter> params = layer.parameters();
        for (int k = 0; k < params.size(); k++) {
            for (int i = 0; i < params.get(k).value().size(); i++) {
                params.get(k).value().set(i, d.weights.get(k)[i]);
            }
        }
        Tensor[] out = layer.forwardAll(
                new Tensor[] {Tensor.of(d.query, B, TQ, DQ), Tensor.of(d.value, B, TV, DV), Tensor.of(d.key, B, TV, DK)},
                new Tensor[] {Tensor.of(d.queryMask, B, TQ), Tensor.of(d.valueMask, B, TV), null}, Mode.INFERENCE);
        Tensor[] dx = layer.backwardAll(new Tensor[] {Tensor.of(d.r, B, TQ, DO), Tensor.of(d.r2, B, H, TQ, TV)});
        Result r = new Result();
        r.output = out[0].toFloatArray();
        r.weights = out[1].toFloatArray();
        for (int k = 0; k < 3; k++) {
            r.inputGrads[k] = dx[k].toFloatArray();
        }
        params.forEach(p -> r.weightGrads.add(p.grad().toFloatArray()));
        return r;
    }

    private static Result torch(boolean causal, Data d) {
        try (NDManager m = TorchReference.manager()) {
            NDArray query = leaf(m, d.query, new Shape(B, TQ, DQ));
            NDArray value = leaf(m, d.value, new Shape(B, TV, DV));
            NDArray key = leaf(m, d.key, new Shape(B, TV, DK));
            long[][] shapes = {{DQ, H * KD}, {H * KD}, {DK, H * KD}, {H * KD}, {DV, H * VD}, {H * VD}, {H * VD, DO}, {DO}};
            List<NDArray> w = new ArrayList<>();
            for (int k = 0; k < shapes.length; k++) {
                w.add(leaf(m, d.weights.get(k), new Shape(shapes[k])));
            }
            Result r = new Result();
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray q = heads(query.matMul(w.get(0)).add(w.get(1)), TQ, KD);
                NDArray k = heads(key.matMul(w.get(2)).add(w.get(3)), TV, KD);
                NDArray v = heads(value.matMul(w.get(4)).add(w.get(5)), TV, VD);
                NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).div((float) Math.sqrt(KD));
                NDArray allowed = m.create(d.valueMask, new Shape(B, 1, 1, TV));
                if (causal) {
                    float[] tril = new float[TQ * TV];
                    for (int i = 0; i < TQ; i++) {
                        for (int j = 0; j <= i && j < TV; j++) {
                            tril[i * TV + j] = 1;
                        }
                    }
                    allowed = allowed.mul(m.create(tril, new Shape(1, 1, TQ, TV)));
                }
                NDArray weights = scores.add(allowed.sub(1f).mul(1e9f)).softmax(-1);
                NDArray context = weights.matMul(v).transpose(0, 2, 1, 3).reshape(B, TQ, H * VD)
                        .mul(m.create(d.queryMask, new Shape(B, TQ, 1)));
                NDArray output = context.matMul(w.get(6)).add(w.get(7));
                NDArray loss = output.mul(m.create(d.r, new Shape(B, TQ, DO))).sum()
                        .add(weights.mul(m.create(d.r2, new Shape(B, H, TQ, TV))).sum());
                gc.backward(loss);
                r.output = output.toFloatArray();
                r.weights = weights.toFloatArray();
            }
            r.inputGrads[0] = query.getGradient().toFloatArray();
            r.inputGrads[1] = value.getGradient().toFloatArray();
            r.inputGrads[2] = key.getGradient().toFloatArray();
            w.forEach(a -> r.weightGrads.add(a.getGradient().toFloatArray()));
            return r;
        }
    }

    /** (B, T, h·width) → (B, h, T, width). */
    private static NDArray heads(NDArray x, int steps, int width) {
        return x.reshape(B, steps, H, width).transpose(0, 2, 1, 3);
    }

    private static NDArray leaf(NDManager m, float[] data, Shape shape) {
        NDArray a = m.create(data, shape);
        a.setRequiresGradient(true);
        return a;
    }
}
