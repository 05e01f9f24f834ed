package dev.gated.translate;

import dev.gated.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Greedy decoding by re-running the whole training graph on the prefix decoded so far: step t runs the encoder
 * and t decoder steps again, O(L²) decoder steps for an output of L tokens against {@link GreedyDecoder}'s O(L)
 * with a recurrent step model. Kept only to measure that difference (same outputs, see the tests); use
 * {@link GreedyDecoder}. (The Transformer's {@link PrefixDecoding} also re-runs the prefix, but not the encoder.)
 *
 * <pre>
 * prefix_0 = [START];  for t = 1 … L:  logits = training(source, prefix_{t−1}) (B, t, V);  y_t = argmax logits[:, t−1]
 * </pre>
 */
public final class PrefixGreedyDecoder {

    private PrefixGreedyDecoder() {
    }

    public static List<int[]> decode(TranslationModel model, List<int[]> sources, int maxLength) {
        int n = sources.size();
        Tensor[] source = EncodedBatch.sources(sources);
        int longest = 0;
        int[] limits = new int[n];
        for (int i = 0; i < n; i++) {
            limits[i] = GreedyDecoder.limit(sources.get(i).length, maxLength);
            longest = Math.max(longest, limits[i]);
        }
        List<List<Integer>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new ArrayList<>());
        }
        boolean[] done = new boolean[n];
        List<float[]> prefix = new ArrayList<>();
        for (int t = 0; t < longest; t++) {
            float[] p = new float[n * (t + 1)];
            for (int i = 0; i < n; i++) {
                p[i * (t + 1)] = SymbolTokenizer.START;
                for (int k = 0; k < t; k++) {
                    p[i * (t + 1) + k + 1] = prefix.get(k)[i];
                }
            }
            Tensor logits = model.training().predict(List.of(source[0], Tensor.of(p, n, t + 1)), null).get(0);
            int v = logits.dim(2);
            float[] next = new float[n];
            boolean all = true;
            for (int i = 0; i < n; i++) {
                int best = GreedyDecoder.argmax(logits, (i * (t + 1) + t) * v, v);
                next[i] = best;
                if (!done[i]) {
                    if (best == SymbolTokenizer.END || out.get(i).size() >= limits[i]) {
                        done[i] = true;
                    } else {
                        out.get(i).add(best);
                    }
                }
                all &= done[i];
            }
            prefix.add(next);
            if (all) {
                break;
            }
        }
        List<int[]> result = new ArrayList<>(n);
        for (List<Integer> ids : out) {
            result.add(ids.stream().mapToInt(Integer::intValue).toArray());
        }
        return result;
    }
}
