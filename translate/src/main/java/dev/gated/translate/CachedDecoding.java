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
 * tokens, against {@link PrefixDecoding}'s O(L²)).
 *
 * <pre>
 * begin:  memory (B, S, D), mask (B, S) = encoder(sources);  one empty cache per decoder block, t = 0
 * next:   caches ← caches[rows] (rows of the previous call; beam search reorders, copies and drops them)
 *         logits (n, 1, V) = stepHead(tokens (n, 1) at position t, memory[src] with mask[src], caches);  t ← t + 1
 * cache of a block: keys (n, t, h·d), values (n, t, h·e) of its self-attention
 * </pre>
 * The cross-attention still projects the memory's keys and values at every step (O(S·D²) per step and row; core's
 * attention takes its value input whole), which does not grow with the output.
 */
final class CachedDecoding implements Decoding {

    private final TransformerSeq2Seq.StepHead head;
    private final Tensor memory;     // (B, S, D)
    private final Tensor mask;       // (B, S)
    private List<AttentionCache> caches;
    private int[] sourceOfRow;       // (n)
    private int steps;

    CachedDecoding(TransformerSeq2Seq model, List<int[]> sources) {
        Tensor[] source = EncodedBatch.sources(sources);
        this.memory = model.encoder().predict(List.of(source[0]), null).get(0);
        this.mask = source[1];
        this.head = model.stepHead();
        this.sourceOfRow = Decoding.identity(sources.size());
        this.caches = new ArrayList<>();
        for (var block : head.blocks()) {
            caches.add(block.newCache(sources.size()));
        }
    }

    @Override
    public Tensor next(float[] tokens, int[] rows) {
        int n = tokens.length;
        sourceOfRow = Decoding.follow(sourceOfRow, rows);
        if (!Arrays.equals(rows, Decoding.identity(caches.get(0).batch()))) {
            caches = caches.stream().map(c -> rowsOf(c, rows)).toList();
        }
        boolean whole = Arrays.equals(sourceOfRow, Decoding.identity(memory.dim(0)));
        Tensor logits = head.step(Tensor.of(tokens.clone(), n, 1), steps, whole ? memory : Decoding.gather(memory, sourceOfRow),
                whole ? mask : Decoding.gather(mask, sourceOfRow), caches);
        steps++;
        return logits;
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
