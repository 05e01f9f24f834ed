package dev.gated.translate;

import dev.gated.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * A decoding session of a recurrent {@link Seq2Seq} through its step model: one token in, one step, the state
 * carried here — never the prefix again, O(L) steps for L tokens.
 *
 * <pre>
 * begin:  enc (B, S, H), mask (B, S), s_0 = h (B, H) [, c (B, H)]  = encoder(sources)
 * next:   s ← s[rows];  src ← src[rows]
 *         logits (n, 1, V), s = decoderStep(tokens (n, 1), enc[src] with mask[src] — attention only —, s)
 * </pre>
 */
final class RecurrentDecoding implements Decoding {

    private final Seq2Seq model;
    private final Tensor encoded;    // (B, S, H)
    private final Tensor mask;       // (B, S)
    private List<Tensor> state;      // h (n, H) [, c (n, H)], one row per live row
    private int[] sourceOfRow;       // (n): which source sentence each live row decodes

    RecurrentDecoding(Seq2Seq model, List<int[]> sources) {
        this.model = model;
        Tensor[] source = EncodedBatch.sources(sources);
        List<Tensor> out = model.encoder().predict(List.of(source[0]), null);
        this.encoded = out.get(0);
        this.mask = source[1];
        this.state = new ArrayList<>(out.subList(1, out.size()));
        this.sourceOfRow = Decoding.identity(sources.size());
    }

    @Override
    public Tensor next(float[] tokens, int[] rows) {
        int n = tokens.length;
        sourceOfRow = Decoding.follow(sourceOfRow, rows);
        boolean same = java.util.Arrays.equals(rows, Decoding.identity(state.get(0).dim(0)));
        List<Tensor> inputs = new ArrayList<>();
        List<Tensor> masks = new ArrayList<>();
        inputs.add(Tensor.of(tokens.clone(), n, 1));
        masks.add(null);
        if (model.readsEncoderOutputs()) {
            boolean whole = java.util.Arrays.equals(sourceOfRow, Decoding.identity(encoded.dim(0)));
            inputs.add(whole ? encoded : Decoding.gather(encoded, sourceOfRow));
            masks.add(whole ? mask : Decoding.gather(mask, sourceOfRow));
        }
        for (Tensor s : state) {
            inputs.add(same ? s : Decoding.gather(s, rows));
            masks.add(null);
        }
        List<Tensor> out = model.decoderStep().predict(inputs, masks);
        state = new ArrayList<>(out.subList(1, out.size()));
        return out.get(0);
    }
}
