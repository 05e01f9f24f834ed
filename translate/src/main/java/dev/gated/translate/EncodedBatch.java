package dev.gated.translate;

import dev.gated.tensor.Tensor;
import java.util.List;

/**
 * Token indices as padded tensors for teacher forcing.
 *
 * <pre>
 * pair i: source ids s (length S_i), target ids y (length T_i)
 * source[i]  = s_1 … s_{S_i} 0 … 0                     (N, S),  S = max S_i
 * decoderIn  = START y_1 … y_{T_i} 0 … 0                 (N, T),  T = max T_i + 1
 * decoderOut = y_1 … y_{T_i} END 0 … 0                   (N, T)   class indices; 0s are masked by decoderIn's padding
 * </pre>
 * Post-padding: the recurrent layers carry their state unchanged through masked steps, so the encoder's final
 * state is that of the last real token and attention gives padded source steps zero weight.
 */
public record EncodedBatch(Tensor source, Tensor decoderIn, Tensor decoderOut) {

    public static EncodedBatch of(List<int[]> sources, List<int[]> targets) {
        if (sources.size() != targets.size() || sources.isEmpty()) {
            throw new IllegalArgumentException("batch: " + sources.size() + " sources and " + targets.size()
                    + " targets — need the same number, at least one");
        }
        int n = sources.size();
        int s = 1;
        int t = 1;
        for (int i = 0; i < n; i++) {
            s = Math.max(s, sources.get(i).length);
            t = Math.max(t, targets.get(i).length + 1);
        }
        float[] src = new float[n * s];
        float[] in = new float[n * t];
        float[] out = new float[n * t];
        for (int i = 0; i < n; i++) {
            int[] x = sources.get(i);
            if (x.length == 0) {
                throw new IllegalArgumentException("batch: source " + i + " has no tokens — empty sentences cannot be translated");
            }
            for (int k = 0; k < x.length; k++) {
                src[i * s + k] = x[k];
            }
            int[] y = targets.get(i);
            in[i * t] = SymbolTokenizer.START;
            for (int k = 0; k < y.length; k++) {
                in[i * t + k + 1] = y[k];
                out[i * t + k] = y[k];
            }
            out[i * t + y.length] = SymbolTokenizer.END;
        }
        return new EncodedBatch(Tensor.of(src, n, s), Tensor.of(in, n, t), Tensor.of(out, n, t));
    }

    /** Sources only (for decoding): (N, S) post-padded, and its (N, S) mask of 1 = token, 0 = padding. */
    public static Tensor[] sources(List<int[]> sources) {
        int n = sources.size();
        int s = 1;
        for (int[] x : sources) {
            s = Math.max(s, x.length);
        }
        float[] src = new float[n * s];
        float[] mask = new float[n * s];
        for (int i = 0; i < n; i++) {
            int[] x = sources.get(i);
            for (int k = 0; k < x.length; k++) {
                src[i * s + k] = x[k];
                mask[i * s + k] = 1;
            }
        }
        return new Tensor[] {Tensor.of(src, n, s), Tensor.of(mask, n, s)};
    }
}
