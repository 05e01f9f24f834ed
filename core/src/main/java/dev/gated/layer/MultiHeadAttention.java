package dev.gated.layer;

import dev.gated.tensor.Precision;
import dev.gated.tensor.Shape;
import dev.gated.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Multi-head scaled dot-product attention (Vaswani et al. 2017), as Keras's {@code MultiHeadAttention}: the
 * query, key and value are projected into {@code heads} subspaces, each head attends on its own, and the
 * heads' results are concatenated and projected back. Called in a graph on (query, value) or (query, value,
 * key); the key defaults to the value. Self-attention: {@code mha.on(x, x)}.
 *
 * <pre>
 * query (B, Tq, Dq)   value (B, Tv, Dv)   key (B, Tv, Dk), key = value when not given      h heads, d = keyDim, e = valueDim
 * Q = query·Wq + bq   (B, Tq, h·d)     Wq (Dq, h·d)      head n uses columns n·d … n·d + d − 1 (Qₙ, likewise Kₙ, Vₙ)
 * K = key·Wk + bk     (B, Tv, h·d)     Wk (Dk, h·d)
 * V = value·Wv + bv   (B, Tv, h·e)     Wv (Dv, h·e)
 * Sₙ[b,i,j] = Qₙ[b,i,:]·Kₙ[b,j,:] / √d                      for allowed j: value mask 1 and, when causal, j ≤ i
 * Aₙ[b,i,j] = exp(Sₙ[b,i,j] − m) / Σ_{allowed j'} exp(Sₙ[b,i,j'] − m)     0 at j not allowed; m the row's max
 * C[b,i,n·e … n·e+e−1] = qm[b,i] · Σ_j Aₙ[b,i,j] Vₙ[b,j,:]   C (B, Tq, h·e); qm the query mask (1 when absent)
 * O = C·Wo + bo       (B, Tq, Do)     Wo (h·e, Do), Do = outputDim, the query's width by default
 * outputs: O, and with returnAttentionScores(true) also A (B, h, Tq, Tv)
 *
 * backward, given ∂L/∂O (and ∂L/∂A, zero when A is not used):
 * ∂L/∂C from the output projection (a Dense), then per head:  G = qm · ∂L/∂Cₙ
 * ∂L/∂Aₙ = G·Vₙᵀ + ∂L/∂A_out     ∂L/∂Vₙ += Aₙᵀ·G     ∂L/∂Sₙ = Aₙ ⊙ (∂L/∂Aₙ − Σ_j Aₙ ⊙ ∂L/∂Aₙ)
 * ∂L/∂Qₙ = ∂L/∂Sₙ·Kₙ / √d          ∂L/∂Kₙ = ∂L/∂Sₙᵀ·Qₙ / √d
 * then ∂L/∂query, ∂L/∂key, ∂L/∂value through the three input projections; with no key input, the value
 * receives the gradients of both its projections
 * </pre>
 *
 * <p><b>Causal.</b> With {@code causal(true)} step i attends only to steps j ≤ i (Keras's
 * {@code use_causal_mask}): the decoder of a Transformer and a language model, where a step must not see the
 * future. The mask is built from the step indices, so it holds for every length T.
 *
 * <p><b>Masks.</b> The value's (B, Tv) mask excludes padded value steps; the query's (B, Tq) mask zeroes C at
 * padded query steps (their output is the output bias) and is passed on as the mask of the outputs. A query
 * step with no allowed value step has A = 0 and C = 0.
 *
 * <p>The projections are {@link Dense} layers (their products run on the engine's GEMM kernels); the softmax
 * attention itself is computed in double precision and stored in the model's precision.
 */
public final class MultiHeadAttention implements Layer {

    private final int heads;
    private final int keyDim;
    private final int valueDim;
    private final int requestedOutputDim;   // 0: the query's width
    private boolean causal;
    private boolean returnScores;
    private Dense queryProjection;
    private Dense keyProjection;
    private Dense valueProjection;
    private Dense outputProjection;

    // caches of the last forward (B, Tq, Tv, h, d, e as in the class comment)
    private int batch;
    private int tq;
    private int tv;
    private int kvStride;           // steps between rows b and b+1 in k, v and the value mask (tv, or a cache's capacity)
    private int queryOffset;        // position of query step 0 among the value steps (0, or the steps cached before)
    private boolean keyGiven;
    private Precision precision;
    private double[] q;             // Q (B, Tq, h·d)
    private double[] k;             // K (B, Tv, h·d)
    private double[] v;             // V (B, Tv, h·e)
    private double[] queryMask;     // (B, Tq) or null
    private double[] weights;       // A (B, h, Tq, Tv)

    private MultiHeadAttention(int heads, int keyDim, int valueDim, int outputDim) {
        this.heads = Checks.positive("MultiHeadAttention heads", heads);
        this.keyDim = Checks.positive("MultiHeadAttention keyDim", keyDim);
        this.valueDim = Checks.positive("MultiHeadAttention valueDim", valueDim);
        if (outputDim < 0) {
            throw new IllegalArgumentException("MultiHeadAttention outputDim: expected a positive width (or 0 for the query's width) but found " + outputDim);
        }
        this.requestedOutputDim = outputDim;
    }

    /** {@code heads} heads of width {@code keyDim} for queries, keys and values; output as wide as the query. */
    public static MultiHeadAttention of(int heads, int keyDim) {
        return new MultiHeadAttention(heads, keyDim, keyDim, 0);
    }

    /** As {@link #of(int, int)} with value heads of width {@code valueDim} and an output of width {@code outputDim} (0: the query's). */
    public static MultiHeadAttention of(int heads, int keyDim, int valueDim, int outputDim) {
        return new MultiHeadAttention(heads, keyDim, valueDim, outputDim);
    }

    /** Lets step i attend only to steps j ≤ i. */
    public MultiHeadAttention causal(boolean value) {
        requireUnbuilt("causal");
        causal = value;
        return this;
    }

    /** Also give the attention weights A (B, heads, Tq, Tv) as a second output. */
    public MultiHeadAttention returnAttentionScores(boolean value) {
        requireUnbuilt("returnAttentionScores");
        returnScores = value;
        return this;
    }

    private void requireUnbuilt(String option) {
        if (queryProjection != null) {
            throw new IllegalStateException("multi-head attention: set " + option + " before the layer is built");
        }
    }

    public int heads() {
        return heads;
    }

    public int keyDim() {
        return keyDim;
    }

    public int valueDim() {
        return valueDim;
    }

    public boolean isCausal() {
        return causal;
    }

    @Override
    public String type() {
        return "multi_head_attention";
    }

    @Override
    public int outputCount(int inputCount) {
        return returnScores ? 2 : 1;
    }

    @Override
    public int[] build(int[] inputShape, BuildContext context) {
        throw new IllegalArgumentException("multi-head attention reads a query and a value: call it on two nodes in a graph model, "
                + "mha.on(query, value), or mha.on(x, x) for self-attention");
    }

    @Override
    public List<int[]> buildAll(List<int[]> shapes, BuildContext context) {
        AttentionChecks.buildShapes("multi-head attention", "mha", shapes);
        int[] query = shapes.get(0);
        int[] value = shapes.get(1);
        int[] key = shapes.size() == 3 ? shapes.get(2) : value;
        if (causal && query[0] != Shape.ANY && value[0] != Shape.ANY && query[0] > value[0]) {
            throw new IllegalArgumentException("multi-head attention: causal attention needs at least as many value steps as query steps, but the query has "
                    + Shape.withBatch(query) + " and the value " + Shape.withBatch(value));
        }
        if (queryProjection == null) {
            queryProjection = new Dense(heads * keyDim, Activation.LINEAR, "query_");
            keyProjection = new Dense(heads * keyDim, Activation.LINEAR, "key_");
            valueProjection = new Dense(heads * valueDim, Activation.LINEAR, "value_");
            outputProjection = new Dense(requestedOutputDim == 0 ? query[1] : requestedOutputDim, Activation.LINEAR, "output_");
        }
        queryProjection.build(query, context);
        keyProjection.build(key, context);
        valueProjection.build(value, context);
        int[] out = outputProjection.build(new int[] {query[0], heads * valueDim}, context);
        List<int[]> result = new ArrayList<>();
        result.add(out);
        if (returnScores) {
            result.add(new int[] {heads, query[0], value[0] != Shape.ANY ? value[0] : key[0]});
        }
        return result;
    }

    /** The width of the output, O's last axis; known once built. */
    public int outputDim() {
        return outputProjection == null ? requestedOutputDim : outputProjection.units();
    }

    @Override
    public MultiHeadAttention replica() {
        MultiHeadAttention r = new MultiHeadAttention(heads, keyDim, valueDim, requestedOutputDim);
        r.causal = causal;
        r.returnScores = returnScores;
        if (queryProjection != null) {
            r.queryProjection = queryProjection.replica();
            r.keyProjection = keyProjection.replica();
            r.valueProjection = valueProjection.replica();
            r.outputProjection = outputProjection.replica();
        }
        return r;
    }

    @Override
    public Tensor forward(Tensor x, Tensor mask, Mode mode) {
        throw new IllegalStateException("multi-head attention reads a query and a value: use it in a graph model, mha.on(query, value)");
    }

    @Override
    public Tensor backward(Tensor dOutput) {
        throw new IllegalStateException("multi-head attention reads a query and a value: use it in a graph model, mha.on(query, value)");
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
        kvStride = tv;
        queryOffset = 0;
        precision = query.precision();
        q = queryProjection.forward(query, null, mode).toDoubleArray();
        k = keyProjection.forward(key, null, mode).toDoubleArray();
        v = valueProjection.forward(value, null, mode).toDoubleArray();
        queryMask = mask(masks[0], "query", tq);
        double[] valueMask = mask(masks.length > 1 ? masks[1] : null, "value", tv);
        return attend(valueMask, mode);
    }

    /** A and C for the cached q, k, v, then O = C·Wo + bo (and A when asked). */
    private Tensor[] attend(double[] valueMask, Mode mode) {
        weights = new double[batch * heads * tq * tv];
        double[] context = new double[batch * tq * heads * valueDim];
        double[] row = new double[tv];
        for (int b = 0; b < batch; b++) {
            for (int n = 0; n < heads; n++) {
                for (int i = 0; i < tq; i++) {
                    attendOneRow(b, n, i, valueMask, row, context);
                }
            }
        }
        Tensor o = outputProjection.forward(Tensor.of(context, batch, tq, heads * valueDim).to(precision), null, mode);
        if (!returnScores) {
            return new Tensor[] {o};
        }
        return new Tensor[] {o, Tensor.of(weights.clone(), batch, heads, tq, tv).to(precision)};
    }

    /** Fills row (b, n, i) of A and head n's part of C[b, i, :]. */
    private void attendOneRow(int b, int n, int i, double[] valueMask, double[] scores, double[] context) {
        double scale = 1 / Math.sqrt(keyDim);
        int rowAt = ((b * heads + n) * tq + i) * tv;
        int qAt = (b * tq + i) * heads * keyDim + n * keyDim;
        int allowed = causal ? Math.min(tv, queryOffset + i + 1) : tv;
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < allowed; j++) {
            if (valueMask == null || valueMask[b * kvStride + j] != 0) {
                int kAt = (b * kvStride + j) * heads * keyDim + n * keyDim;
                double sum = 0;
                for (int c = 0; c < keyDim; c++) {
                    sum += q[qAt + c] * k[kAt + c];
                }
                scores[j] = sum * scale;
                max = Math.max(max, scores[j]);
            }
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return;   // nothing to attend to: A and C stay 0
        }
        double total = 0;
        for (int j = 0; j < allowed; j++) {
            if (valueMask == null || valueMask[b * kvStride + j] != 0) {
                weights[rowAt + j] = Math.exp(scores[j] - max);
                total += weights[rowAt + j];
            }
        }
        double qm = queryMask == null ? 1 : queryMask[b * tq + i];
        int cAt = (b * tq + i) * heads * valueDim + n * valueDim;
        for (int j = 0; j < allowed; j++) {
            double a = weights[rowAt + j] /= total;
            if (a == 0) {
                continue;
            }
            int vAt = (b * kvStride + j) * heads * valueDim + n * valueDim;
            for (int e = 0; e < valueDim; e++) {
                context[cAt + e] += qm * a * v[vAt + e];
            }
        }
    }

    /**
     * Streaming self-attention (inference): {@code x} (B, k, D) holds the next k steps of a stream; their keys and
     * values are appended to {@code cache}, and each new step attends to every cached step up to itself. Calling
     * this chunk by chunk gives what {@link #forwardAll} gives on the whole sequence (to float rounding). Only for
     * causal layers: a step that may see the future cannot be computed before the future arrives.
     */
    public Tensor[] forwardCached(Tensor x, Tensor mask, AttentionCache cache) {
        if (!causal) {
            throw new IllegalStateException("multi-head self-attention without causal(true) lets every step see the whole "
                    + "sequence, future included, so it cannot be stepped as a stream arrives");
        }
        if (x.rank() != 3 || cache.batch() != x.dim(0)) {
            throw new IllegalArgumentException("multi-head attention: a stream chunk must be (" + cache.batch()
                    + ", steps, features) but has shape " + x.shapeString());
        }
        batch = x.dim(0);
        tq = x.dim(1);
        precision = x.precision();
        keyGiven = false;
        q = queryProjection.forward(x, null, Mode.INFERENCE).toDoubleArray();
        queryMask = mask(mask, "query", tq);
        cache.append(keyProjection.forward(x, null, Mode.INFERENCE).toDoubleArray(),
                valueProjection.forward(x, null, Mode.INFERENCE).toDoubleArray(), queryMask, tq);
        k = cache.keys();
        v = cache.values();
        tv = cache.steps();
        kvStride = cache.capacity();
        queryOffset = tv - tq;
        return attend(cache.valid(), Mode.INFERENCE);
    }

    /**
     * The keys and values of a value input that stays the same over many calls — the encoder memory a Transformer
     * decoder's cross-attention reads at every decoding step — projected once, for {@link #forwardOnMemory}.
     *
     * <pre>
     * value (B, Tv, Dv), mask (B, Tv) or null     K = value·Wk + bk (B, Tv, h·d)   V = value·Wv + bv (B, Tv, h·e)   valid = mask (or 1)
     * </pre>
     * The key is the value (a layer called with a separate key input has no single memory to project).
     */
    public AttentionCache projectMemory(Tensor value, Tensor mask) {
        if (queryProjection == null) {
            throw new IllegalStateException("multi-head attention: build the layer (call it in a graph model) before projecting a memory");
        }
        if (value.rank() != 3) {
            throw new IllegalArgumentException("multi-head attention: a memory must be (batch, steps, features) but has shape " + value.shapeString());
        }
        int rows = value.dim(0);
        int steps = value.dim(1);
        AttentionCache memory = new AttentionCache(rows, heads * keyDim, heads * valueDim);
        memory.append(keyProjection.forward(value, null, Mode.INFERENCE).toDoubleArray(),
                valueProjection.forward(value, null, Mode.INFERENCE).toDoubleArray(),
                AttentionChecks.mask("multi-head attention", mask, "value", rows, steps), steps);
        return memory;
    }

    /**
     * Inference: {@code query} (B, Tq, Dq) attends to every valid step of a memory projected by
     * {@link #projectMemory} — what {@link #forwardAll} gives on (query, value) with the value's mask (to float
     * rounding), without projecting the value again; the memory is only read. Only for layers without
     * {@code causal(true)} (cross-attention: a query may read every memory step).
     */
    public Tensor[] forwardOnMemory(Tensor query, Tensor mask, AttentionCache memory) {
        if (causal) {
            throw new IllegalStateException("multi-head attention: a causal layer attends to its own sequence step by step "
                    + "(forwardCached); forwardOnMemory is for cross-attention to a fixed memory");
        }
        if (query.rank() != 3 || memory.batch() != query.dim(0)) {
            throw new IllegalArgumentException("multi-head attention: the query must be (" + memory.batch()
                    + ", steps, features), one row per memory row, but has shape " + query.shapeString());
        }
        batch = query.dim(0);
        tq = query.dim(1);
        precision = query.precision();
        keyGiven = false;
        q = queryProjection.forward(query, null, Mode.INFERENCE).toDoubleArray();
        queryMask = mask(mask, "query", tq);
        k = memory.keys();
        v = memory.values();
        tv = memory.steps();
        kvStride = memory.capacity();
        queryOffset = 0;
        return attend(memory.valid(), Mode.INFERENCE);
    }

    @Override
    public Tensor[] backwardAll(Tensor[] dOutputs) {
        double[] dContext = outputProjection.backward(dOutputs[0]).toDoubleArray();
        double[] dWeights = returnScores && dOutputs.length > 1 && dOutputs[1] != null ? dOutputs[1].toDoubleArray() : null;
        double[] dq = new double[q.length];
        double[] dk = new double[k.length];
        double[] dv = new double[v.length];
        double[] dScores = new double[tv];
        for (int b = 0; b < batch; b++) {
            for (int n = 0; n < heads; n++) {
                for (int i = 0; i < tq; i++) {
                    backOneRow(b, n, i, dContext, dWeights, dScores, dq, dk, dv);
                }
            }
        }
        Tensor dQuery = queryProjection.backward(Tensor.of(dq, batch, tq, heads * keyDim).to(precision));
        Tensor dKey = keyProjection.backward(Tensor.of(dk, batch, tv, heads * keyDim).to(precision));
        Tensor dValue = valueProjection.backward(Tensor.of(dv, batch, tv, heads * valueDim).to(precision));
        if (!keyGiven) {
            for (int i = 0; i < dValue.size(); i++) {
                dValue.add(i, dKey.get(i));
            }
            return new Tensor[] {dQuery, dValue};
        }
        return new Tensor[] {dQuery, dValue, dKey};
    }

    /** The softmax-attention backward of row (b, n, i), adding into ∂L/∂Q, ∂L/∂K, ∂L/∂V. */
    private void backOneRow(int b, int n, int i, double[] dContext, double[] dWeights, double[] dScores,
                            double[] dq, double[] dk, double[] dv) {
        double scale = 1 / Math.sqrt(keyDim);
        int rowAt = ((b * heads + n) * tq + i) * tv;
        int cAt = (b * tq + i) * heads * valueDim + n * valueDim;
        int qAt = (b * tq + i) * heads * keyDim + n * keyDim;
        double qm = queryMask == null ? 1 : queryMask[b * tq + i];
        int allowed = causal ? Math.min(tv, queryOffset + i + 1) : tv;
        double dot = 0;
        for (int j = 0; j < allowed; j++) {
            double a = weights[rowAt + j];
            double dA = dWeights == null ? 0 : dWeights[rowAt + j];
            int vAt = (b * kvStride + j) * heads * valueDim + n * valueDim;
            for (int e = 0; e < valueDim; e++) {
                double g = qm * dContext[cAt + e];
                dA += g * v[vAt + e];
                dv[vAt + e] += a * g;
            }
            dScores[j] = dA;
            dot += a * dA;
        }
        for (int j = 0; j < allowed; j++) {
            double dS = weights[rowAt + j] * (dScores[j] - dot) * scale;
            if (dS == 0) {
                continue;
            }
            int kAt = (b * kvStride + j) * heads * keyDim + n * keyDim;
            for (int c = 0; c < keyDim; c++) {
                dq[qAt + c] += dS * k[kAt + c];
                dk[kAt + c] += dS * q[qAt + c];
            }
        }
    }

    @Override
    public Tensor[] outputMasks(Tensor[] inputMasks) {
        return returnScores ? new Tensor[] {inputMasks[0], null} : new Tensor[] {inputMasks[0]};
    }

    private void checkShapes(Tensor query, Tensor value, Tensor key) {
        AttentionChecks.callShapes("multi-head attention", query, value, key, keyGiven);
    }

    private double[] mask(Tensor mask, String name, int steps) {
        return AttentionChecks.mask("multi-head attention", mask, name, batch, steps);
    }

    @Override
    public List<Parameter> parameters() {
        if (queryProjection == null) {
            return List.of();
        }
        List<Parameter> all = new ArrayList<>();
        for (Dense projection : List.of(queryProjection, keyProjection, valueProjection, outputProjection)) {
            all.addAll(projection.parameters());
        }
        return all;
    }

    @Override
    public Map<String, String> config() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("heads", Integer.toString(heads));
        c.put("key_dim", Integer.toString(keyDim));
        c.put("value_dim", Integer.toString(valueDim));
        c.put("output_dim", Integer.toString(outputDim()));
        c.put("causal", Boolean.toString(causal));
        c.put("return_attention_scores", Boolean.toString(returnScores));
        return c;
    }
}
