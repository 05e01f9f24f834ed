package dev.gated.translate;

import dev.gated.layer.AttentionCache;
import dev.gated.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A decoding session of the {@link TransformerSeq2Seq} with key/value caches: the encoder runs once, and each
 * step feeds only the new token through the decoder; every block's causal self-attention appends the token's
 * keys and values to its cache and reads the cached ones, so the prefix is never run again (O(L) positions for L
 * tokens, against {@link PrefixDecoding}'s O(L²)). Every block's cross-attention projects the encoder memory's
 * keys and values once, when the session begins, and only reads them at each step.
 *
 * <pre>
 * begin:  memory (B, S, D), mask (B, S) = encoder(sources);  per decoder block: an empty self-attention cache and
 *         the memory's cross-attention keys (B, S, h·d) and values (B, S, h·e) = memory·Wk + bk, memory·Wv + bv;  t = 0
 * next:   caches ← caches[rows] (rows of the previous call; beam search reorders, copies and drops them)
 *         memory keys/values ← their rows src = the source of each row (gathered again only when src changes)
 *         y = embed(tokens (n, 1)) + P_t;  per block: y = step(y, memory keys/values[src], cache);  logits (n, 1, V) = head(y)
 *         t ← t + 1
 * self-attention cache of a block: keys (n, t, h·d), values (n, t, h·e)
 * </pre>
 * Projecting the memory once saves 2·S·D·(h·d) multiply-adds per block, row and step against projecting it at
 * every step ({@link #reprojecting}, the way steps ran before, kept to check this against).
 */
final class CachedDecoding implements Decoding {

    private final TransformerSeq2Seq.StepHead head;
    private final boolean reproject;
    private final Tensor memory;                  // (B, S, D)
    private final Tensor mask;                    // (B, S)
    private final List<AttentionCache> memoryKeysValues;   // per block, (B, S, h·d) and (B, S, h·e); empty when reprojecting
    private List<AttentionCache> memoryOfRows;    // per block, the rows sourceOfRow of memoryKeysValues
    private int[] memoryRows;                     // the sourceOfRow memoryOfRows was gathered for
    private List<AttentionCache> caches;
    private int[] sourceOfRow;                    // (n)
    private int steps;

    CachedDecoding(TransformerSeq2Seq model, List<int[]> sources) {
        this(model, sources, false);
    }

    private CachedDecoding(TransformerSeq2Seq model, List<int[]> sources, boolean reproject) {
        Tensor[] source = EncodedBatch.sources(sources);
        this.memory = model.encoder().predict(List.of(source[0]), null).get(0);
        this.mask = source[1];
        this.head = model.stepHead();
        this.reproject = reproject;
        this.sourceOfRow = Decoding.identity(sources.size());
        this.caches = new ArrayList<>();
        this.memoryKeysValues = new ArrayList<>();
        for (var block : head.blocks()) {
            caches.add(block.newCache(sources.size()));
            if (!reproject) {
                memoryKeysValues.add(block.project(memory, mask));
            }
        }
        this.memoryOfRows = memoryKeysValues;
        this.memoryRows = sourceOfRow;
    }

    /** A session that projects the memory's keys and values again at every step: the reference for this one. */
    static CachedDecoding reprojecting(TransformerSeq2Seq model, List<int[]> sources) {
        return new CachedDecoding(model, sources, true);
    }

    @Override
    public Tensor next(float[] tokens, int[] rows) {
        int n = tokens.length;
        sourceOfRow = Decoding.follow(sourceOfRow, rows);
        if (!Arrays.equals(rows, Decoding.identity(caches.get(0).batch()))) {
            caches = caches.stream().map(c -> rowsOf(c, rows)).toList();
        }
        Tensor y = head.embed(Tensor.of(tokens.clone(), n, 1), steps);
        if (reproject) {
            boolean whole = Arrays.equals(sourceOfRow, Decoding.identity(memory.dim(0)));
            Tensor m = whole ? memory : Decoding.gather(memory, sourceOfRow);
            Tensor k = whole ? mask : Decoding.gather(mask, sourceOfRow);
            for (int i = 0; i < caches.size(); i++) {
                y = head.blocks().get(i).stepReprojecting(y, m, k, caches.get(i));
            }
        } else {
            List<AttentionCache> memories = memoryOfRows();
            for (int i = 0; i < caches.size(); i++) {
                y = head.blocks().get(i).step(y, memories.get(i), caches.get(i));
            }
        }
        steps++;
        return head.toLogits(y);
    }

    /** Each block's memory keys and values for the current rows (sourceOfRow), gathered only when those change. */
    private List<AttentionCache> memoryOfRows() {
        if (!Arrays.equals(sourceOfRow, memoryRows)) {
            int[] rows = sourceOfRow;
            memoryOfRows = Arrays.equals(rows, Decoding.identity(memory.dim(0))) ? memoryKeysValues
                    : memoryKeysValues.stream().map(c -> rowsOf(c, rows)).toList();
            memoryRows = rows;
        }
        return memoryOfRows;
    }

    /** A cache holding rows {@code rows} of {@code cache}: row i of the result is row rows[i] of it. */
    static AttentionCache rowsOf(AttentionCache cache, int[] rows) {
        int t = cache.steps();
        int kw = cache.keyWidth();
        int vw = cache.valueWidth();
        AttentionCache out = new AttentionCache(rows.length, kw, vw);
        if (t == 0) {
            return out;
        }
        double[][] all = cache.snapshot();   // keys (B, t, kw), values (B, t, vw), valid (B, t)
        double[] k = new double[rows.length * t * kw];
        double[] v = new double[rows.length * t * vw];
        double[] m = new double[rows.length * t];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(all[0], rows[i] * t * kw, k, i * t * kw, t * kw);
            System.arraycopy(all[1], rows[i] * t * vw, v, i * t * vw, t * vw);
            System.arraycopy(all[2], rows[i] * t, m, i * t, t);
        }
        out.append(k, v, m, t);
        return out;
    }
}
