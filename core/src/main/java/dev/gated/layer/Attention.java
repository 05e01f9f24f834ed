package dev.gated.layer;

import dev.gated.init.Initializer;
import dev.gated.tensor.Precision;
import dev.gated.tensor.Shape;
import dev.gated.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Attention of query steps over value steps, as Keras's {@code Attention} (dot, Luong) and
 * {@code AdditiveAttention} (Bahdanau) layers. Called in a graph on (query, value) or (query, value, key);
 * the key defaults to the value. For self-attention call it on one node twice: {@code attention.on(x, x)}.
 *
 * <pre>
 * Q (B, Tq, D)   V (B, Tv, Dv)   K (B, Tv, D), K = V when not given     Tq, Tv: any length per call
 * dot:       S[b,i,j] = s · Σ_d Q[b,i,d] K[b,j,d]          s = 1, 1/√D, or a learned scalar (init 1)
 * additive:  S[b,i,j] = Σ_d v_d tanh(Q[b,i,d] + K[b,j,d])  v (D) learned, Glorot-uniform (Keras use_scale=True)
 * A[b,i,j] = exp(S[b,i,j] − m) / Σ_{j' valid} exp(S[b,i,j'] − m)   m = max over valid j (stable softmax)
 *            A = 0 for masked value steps j; a row with no valid value step has A = 0 and output 0
 * O[b,i,:] = qm[b,i] · Σ_j A[b,i,j] V[b,j,:]                 O (B, Tq, Dv); qm the query mask (1 when absent)
 * outputs: O, and with returnAttentionScores(true) also A (B, Tq, Tv)
 *
 * backward, given ∂L/∂O and ∂L/∂A (zero when A is not used):
 * G[b,i,:]  = qm[b,i] · ∂L/∂O[b,i,:]
 * ∂L/∂A     = G·Vᵀ + ∂L/∂A_out                              (B, Tq, Tv)
 * ∂L/∂V    += Aᵀ·G                                           (B, Tv, Dv)
 * ∂L/∂S     = A ⊙ (∂L/∂A − Σ_j A ⊙ ∂L/∂A)                    softmax backward, per row; 0 at masked j
 * dot:       ∂L/∂Q = s · ∂L/∂S·K     ∂L/∂K = s · ∂L/∂Sᵀ·Q     ∂L/∂s += Σ ∂L/∂S ⊙ (Q·Kᵀ)   (learned s)
 * additive:  E = tanh(Q[b,i,:] + K[b,j,:]) (B, Tq, Tv, D),  P = ∂L/∂S[b,i,j] · v ⊙ (1 − E²)
 *            ∂L/∂Q[b,i,:] = Σ_j P   ∂L/∂K[b,j,:] = Σ_i P   ∂L/∂v += Σ_{b,i,j} ∂L/∂S[b,i,j] · E
 * with no key input, ∂L/∂V also receives ∂L/∂K
 * </pre>
 *
 * <p><b>Masks</b> (as Keras): the value input's mask (B, Tv) excludes masked value steps from the softmax
 * (Keras subtracts 1e9 from their scores; here their weights are exactly 0); the query input's mask (B, Tq)
 * zeroes the output rows of masked query steps and is passed on as the mask of both outputs. The key's mask is
 * ignored, as in Keras. Where every value step of a row is masked, Keras gives uniform weights; Gated gives 0.
 *
 * <p>Weights are computed in double precision whatever the model's precision, then stored in it.
 */
public final class Attention implements Layer {

    /** How queries and keys are scored. */
    public enum Score { DOT, ADDITIVE }

    /** The factor s of dot scores: none (Keras's default), 1/√D (Transformer), or learned (Keras {@code use_scale}). */
    public enum Scale { NONE, INVERSE_SQRT_DIM, LEARNED }

    private final Score score;
    private final Scale scale;
    private boolean returnScores;
    private int dim;                // D of query and key; 0 until built
    private Parameter scaleParam;   // dot: s (1), learned; additive: v (D); null otherwise

    // caches of the last forward (B, Tq, Tv, D, Dv as in the class comment)
    private int batch;
    private int tq;
    private int tv;
    private int dv;
    private boolean keyGiven;
    private Precision precision;
    private double[] q;             // (B, Tq, D)
    private double[] k;             // (B, Tv, D)
    private double[] v;             // (B, Tv, Dv)
    private double[] queryMask;     // (B, Tq) or null
    private double[] weights;       // A (B, Tq, Tv)
    private double[] raw;           // dot: Q·Kᵀ (B, Tq, Tv)
    private double[] tanh;          // additive: E (B, Tq, Tv, D)

    private Attention(Score score, Scale scale) {
        this.score = score;
        this.scale = scale;
    }

    /** Dot-product (Luong) attention without a scale factor, as Keras's {@code Attention()}. */
    public static Attention dot() {
        return new Attention(Score.DOT, Scale.NONE);
    }

    /** Dot-product attention with scale s: none, 1/√D, or a learned scalar (Keras's {@code use_scale=True}). */
    public static Attention dot(Scale scale) {
        if (scale == null) {
            throw new IllegalArgumentException("Attention.dot scale: expected NONE, INVERSE_SQRT_DIM or LEARNED but found null");
        }
        return new Attention(Score.DOT, scale);
    }

    /** Additive (Bahdanau) attention with a learned scale vector v (D), as Keras's {@code AdditiveAttention()}. */
    public static Attention additive() {
        return new Attention(Score.ADDITIVE, Scale.LEARNED);
    }

    /** Also give the attention weights A (B, Tq, Tv) as a second output, for inspection or a loss. */
    public Attention returnAttentionScores(boolean value) {
        if (dim != 0) {
            throw new IllegalStateException("attention: set returnAttentionScores before the layer is built");
        }
        returnScores = value;
        return this;
    }

    public Score score() {
        return score;
    }

    public Scale scale() {
        return scale;
    }

    public boolean returnsAttentionScores() {
        return returnScores;
    }

    @Override
    public String type() {
        return "attention";
    }

    @Override
    public int outputCount(int inputCount) {
        return returnScores ? 2 : 1;
    }

    @Override
    public int[] build(int[] inputShape, BuildContext context) {
        throw new IllegalArgumentException("attention reads a query and a value: call it on two nodes in a graph model, "
                + "attention.on(query, value), or attention.on(x, x) for self-attention");
    }

    @Override
    public List<int[]> buildAll(List<int[]> shapes, BuildContext context) {
        AttentionChecks.buildShapes("attention", "attention", shapes);
        int[] query = shapes.get(0);
        int[] value = shapes.get(1);
        int[] key = shapes.size() == 3 ? shapes.get(2) : value;
        if (query[1] != key[1]) {
            throw new IllegalArgumentException("attention: the query has shape " + Shape.withBatch(query) + " but the "
                    + (shapes.size() == 3 ? "key" : "value (which is the key)") + " has " + Shape.withBatch(key)
                    + " — scores compare query and key features, so their last axes must agree"
                    + (shapes.size() == 3 ? "" : "; pass a key of the query's width as a third input"));
        }
        if (dim != 0 && dim != query[1]) {
            throw new IllegalArgumentException("attention was built for queries of width " + dim + " but is now called on "
                    + Shape.withBatch(query));
        }
        if (dim == 0) {
            dim = query[1];
            if (score == Score.ADDITIVE) {
                scaleParam = Parameter.zeros("scale", context.precision(), dim);
                Initializer.uniform(Math.sqrt(3.0 / dim)).fill(scaleParam.value(), 0, 1, dim, context.random());
            } else if (scale == Scale.LEARNED) {
                scaleParam = Parameter.zeros("scale", context.precision(), 1);
                scaleParam.value().set(0, 1);
            }
        }
        List<int[]> out = new ArrayList<>();
        out.add(new int[] {query[0], value[1]});
        if (returnScores) {
            out.add(new int[] {query[0], value[0] != Shape.ANY ? value[0] : key[0]});
        }
        return out;
    }

    @Override
    public Attention replica() {
        Attention r = new Attention(score, scale);
        r.returnScores = returnScores;
        r.dim = dim;
        r.scaleParam = scaleParam;
        return r;
    }

    @Override
    public Tensor forward(Tensor x, Tensor mask, Mode mode) {
        throw new IllegalStateException("attention reads a query and a value: use it in a graph model, attention.on(query, value)");
    }

    @Override
    public Tensor backward(Tensor dOutput) {
        throw new IllegalStateException("attention reads a query and a value: use it in a graph model, attention.on(query, value)");
    }

    @Override
    public Tensor[] forwardAll(Tensor[] inputs, Tensor[] masks, Mode mode) {
        Tensor query = inputs[0];
        Tensor value = inputs[1];
        keyGiven = inputs.length == 3;
        Tensor key = keyGiven ? inputs[2] : value;
        checkShapes(query, value, key);
        batch = query.dim(0);
        tq = query.dim(1);
        tv = value.dim(1);
        dv = value.dim(2);
        precision = query.precision();
        q = query.toDoubleArray();
        v = value.toDoubleArray();
        k = keyGiven ? key.toDoubleArray() : v;
        queryMask = mask(masks[0], "query", tq);
        double[] valueMask = mask(masks.length > 1 ? masks[1] : null, "value", tv);
        weights = new double[batch * tq * tv];
        raw = score == Score.DOT ? new double[weights.length] : null;
        tanh = score == Score.ADDITIVE ? new double[weights.length * dim] : null;
        double s = dotScale();
        double[] out = new double[batch * tq * dv];
        double[] row = new double[tv];
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < tq; i++) {
                int rowAt = (b * tq + i) * tv;
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < tv; j++) {
                    if (valueMask == null || valueMask[b * tv + j] != 0) {
                        row[j] = score == Score.DOT ? s * dotScore(b, i, j, rowAt) : additiveScore(b, i, j, rowAt);
                        max = Math.max(max, row[j]);
                    }
                }
                if (max == Double.NEGATIVE_INFINITY) {
                    continue;   // every value step masked: weights and output stay 0
                }
                double sum = 0;
                for (int j = 0; j < tv; j++) {
                    if (valueMask == null || valueMask[b * tv + j] != 0) {
                        weights[rowAt + j] = Math.exp(row[j] - max);
                        sum += weights[rowAt + j];
                    }
                }
                double qm = queryMask == null ? 1 : queryMask[b * tq + i];
                int outAt = (b * tq + i) * dv;
                for (int j = 0; j < tv; j++) {
                    double a = weights[rowAt + j] /= sum;
                    for (int e = 0; e < dv; e++) {
                        out[outAt + e] += qm * a * v[(b * tv + j) * dv + e];
                    }
                }
            }
        }
        Tensor o = Tensor.of(out, batch, tq, dv).to(precision);
        if (!returnScores) {
            return new Tensor[] {o};
        }
        return new Tensor[] {o, Tensor.of(weights.clone(), batch, tq, tv).to(precision)};
    }

    private double dotScale() {
        return switch (scale) {
            case NONE -> 1;
            case INVERSE_SQRT_DIM -> 1 / Math.sqrt(dim);
            case LEARNED -> score == Score.DOT ? scaleParam.value().get(0) : 1;
        };
    }

    private double dotScore(int b, int i, int j, int rowAt) {
        double sum = 0;
        for (int d = 0; d < dim; d++) {
            sum += q[(b * tq + i) * dim + d] * k[(b * tv + j) * dim + d];
        }
        raw[rowAt + j] = sum;
        return sum;
    }

    private double additiveScore(int b, int i, int j, int rowAt) {
        double sum = 0;
        int at = (rowAt + j) * dim;
        for (int d = 0; d < dim; d++) {
            double e = Math.tanh(q[(b * tq + i) * dim + d] + k[(b * tv + j) * dim + d]);
            tanh[at + d] = e;
            sum += scaleParam.value().get(d) * e;
        }
        return sum;
    }

    @Override
    public Tensor[] backwardAll(Tensor[] dOutputs) {
        double[] dOut = dOutputs[0].toDoubleArray();
        double[] dWeights = returnScores && dOutputs.length > 1 && dOutputs[1] != null ? dOutputs[1].toDoubleArray() : null;
        double[] dq = new double[q.length];
        double[] dk = new double[k.length];
        double[] dvalue = new double[v.length];
        double s = dotScale();
        double dScale = 0;
        double[] dAdditive = score == Score.ADDITIVE ? new double[dim] : null;
        double[] g = new double[dv];
        double[] dS = new double[tv];
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < tq; i++) {
                int rowAt = (b * tq + i) * tv;
                double qm = queryMask == null ? 1 : queryMask[b * tq + i];
                for (int e = 0; e < dv; e++) {
                    g[e] = qm * dOut[(b * tq + i) * dv + e];
                }
                double dot = 0;
                for (int j = 0; j < tv; j++) {
                    double a = weights[rowAt + j];
                    double dA = dWeights == null ? 0 : dWeights[rowAt + j];
                    int vAt = (b * tv + j) * dv;
                    for (int e = 0; e < dv; e++) {
                        dA += g[e] * v[vAt + e];
                        dvalue[vAt + e] += a * g[e];
                    }
                    dS[j] = dA;
                    dot += a * dA;
                }
                for (int j = 0; j < tv; j++) {
                    dS[j] = weights[rowAt + j] * (dS[j] - dot);
                    if (dS[j] == 0) {
                        continue;
                    }
                    int qAt = (b * tq + i) * dim;
                    int kAt = (b * tv + j) * dim;
                    if (score == Score.DOT) {
                        for (int d = 0; d < dim; d++) {
                            dq[qAt + d] += s * dS[j] * k[kAt + d];
                            dk[kAt + d] += s * dS[j] * q[qAt + d];
                        }
                        dScale += dS[j] * raw[rowAt + j];
                    } else {
                        int at = (rowAt + j) * dim;
                        for (int d = 0; d < dim; d++) {
                            double e = tanh[at + d];
                            dAdditive[d] += dS[j] * e;
                            double p = dS[j] * scaleParam.value().get(d) * (1 - e * e);
                            dq[qAt + d] += p;
                            dk[kAt + d] += p;
                        }
                    }
                }
            }
        }
        if (score == Score.DOT && scale == Scale.LEARNED) {
            scaleParam.grad().add(0, dScale);
        } else if (score == Score.ADDITIVE) {
            for (int d = 0; d < dim; d++) {
                scaleParam.grad().add(d, dAdditive[d]);
            }
        }
        Tensor dQuery = Tensor.of(dq, batch, tq, dim).to(precision);
        if (!keyGiven) {
            for (int n = 0; n < dvalue.length; n++) {
                dvalue[n] += dk[n];
            }
            return new Tensor[] {dQuery, Tensor.of(dvalue, batch, tv, dv).to(precision)};
        }
        return new Tensor[] {dQuery, Tensor.of(dvalue, batch, tv, dv).to(precision), Tensor.of(dk, batch, tv, dim).to(precision)};
    }

    @Override
    public Tensor[] outputMasks(Tensor[] inputMasks) {
        return returnScores ? new Tensor[] {inputMasks[0], inputMasks[0]} : new Tensor[] {inputMasks[0]};
    }

    private void checkShapes(Tensor query, Tensor value, Tensor key) {
        AttentionChecks.callShapes("attention", query, value, key, keyGiven);
        if (query.dim(2) != dim || key.dim(2) != dim) {
            throw new IllegalArgumentException("attention was built for query and key width " + dim + " but the query has shape "
                    + query.shapeString() + " and the " + (keyGiven ? "key " : "value (the key) ") + key.shapeString());
        }
    }

    private double[] mask(Tensor mask, String name, int steps) {
        return AttentionChecks.mask("attention", mask, name, batch, steps);
    }

    @Override
    public List<Parameter> parameters() {
        return scaleParam == null ? List.of() : List.of(scaleParam);
    }

    @Override
    public Map<String, String> config() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("score", score.name().toLowerCase(Locale.ROOT));
        if (score == Score.DOT) {
            c.put("scale", scale.name().toLowerCase(Locale.ROOT));
        }
        c.put("return_attention_scores", Boolean.toString(returnScores));
        return c;
    }

    /** Recreates an attention layer from {@link #config()}. */
    public static Attention fromConfig(Map<String, String> config) {
        String kind = config.getOrDefault("score", "dot");
        Attention a = switch (kind) {
            case "dot" -> dot(Scale.valueOf(config.getOrDefault("scale", "none").toUpperCase(Locale.ROOT)));
            case "additive" -> additive();
            default -> throw new IllegalArgumentException("attention score: expected dot or additive but found \"" + kind + "\"");
        };
        return a.returnAttentionScores(Boolean.parseBoolean(config.getOrDefault("return_attention_scores", "false")));
    }
}
