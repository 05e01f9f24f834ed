package dev.gated.translate;

import dev.gated.tensor.Tensor;
import java.util.List;

/**
 * A decoding session of the {@link TransformerSeq2Seq} without a key/value cache: the encoder runs once, but the
 * decoder runs again on the whole prefix at every step. Step t costs t decoder positions: O(L²) for L tokens
 * ({@link CachedDecoding}, the default, is O(L)); kept to check the cache against and to measure the difference.
 *
 * <pre>
 * begin:  memory (B, S, D), mask (B, S) = encoder(sources)
 * next:   prefix_i ← prefix[rows[i]] + tokens[i]        (n, t) — every live row has the same length t
 *         logits (n, t, V) = decoder(prefix, memory[src] with mask[src]);  returns the last step (n, 1, V)
 * </pre>
 */
final class PrefixDecoding implements Decoding {

    private final TransformerSeq2Seq model;
    private final Tensor memory;     // (B, S, D)
    private final Tensor mask;       // (B, S)
    private float[][] prefixes;      // (n, t): START and the tokens chosen so far, one row per live row
    private int[] sourceOfRow;       // (n)

    PrefixDecoding(TransformerSeq2Seq model, List<int[]> sources) {
        this.model = model;
        Tensor[] source = EncodedBatch.sources(sources);
        this.memory = model.encoder().predict(List.of(source[0]), null).get(0);
        this.mask = source[1];
        this.prefixes = new float[sources.size()][0];
        this.sourceOfRow = Decoding.identity(sources.size());
    }

    @Override
    public Tensor next(float[] tokens, int[] rows) {
        int n = tokens.length;
        sourceOfRow = Decoding.follow(sourceOfRow, rows);
        float[][] next = new float[n][];
        for (int i = 0; i < n; i++) {
            float[] p = prefixes[rows[i]];
            next[i] = java.util.Arrays.copyOf(p, p.length + 1);
            next[i][p.length] = tokens[i];
        }
        prefixes = next;
        int t = next[0].length;
        float[] flat = new float[n * t];
        for (int i = 0; i < n; i++) {
            System.arraycopy(next[i], 0, flat, i * t, t);
        }
        boolean whole = java.util.Arrays.equals(sourceOfRow, Decoding.identity(memory.dim(0)));
        Tensor logits = model.decoder().predict(
                List.of(Tensor.of(flat, n, t), whole ? memory : Decoding.gather(memory, sourceOfRow)),
                java.util.Arrays.asList(null, whole ? mask : Decoding.gather(mask, sourceOfRow))).get(0);
        int v = logits.dim(2);
        Tensor last = Tensor.zeros(logits.precision(), n, 1, v);
        for (int i = 0; i < n; i++) {
            last.copyFrom(logits, (i * t + t - 1) * v, i * v, v);
        }
        return last;
    }
}
