package dev.gated.translate;

import dev.gated.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Greedy decoding: the encoder runs once, then each step feeds every row's most likely token to the model's
 * {@link Decoding} session — the recurrent models' step model (state carried, never the prefix again), or the
 * Transformer's decoder on the prefix.
 *
 * <pre>
 * session = model.begin(sources)                          the encoder, once
 * y_0 = START
 * for t = 1 … L:  logits_t = session.next(y_{t−1}, rows = identity)     logits (B, 1, V)
 *                 y_t = argmax logits_t        a row stops at END or at its length limit
 * L_i = min(maxLength, 2·S_i + 10)   bounded: an unseen long input cannot make decoding run away
 * </pre>
 * All sentences of a call decode as one batch (rows that have ended still run, their outputs are ignored).
 */
public final class GreedyDecoder {

    private GreedyDecoder() {
    }

    /** The length limit of one output: twice the source plus ten tokens, and never above {@code maxLength}. */
    public static int limit(int sourceLength, int maxLength) {
        return Math.max(1, Math.min(maxLength, 2 * sourceLength + 10));
    }

    public static List<int[]> decode(TranslationModel model, List<int[]> sources, int maxLength) {
        return sources.isEmpty() ? List.of() : decode(model.begin(sources), sources, maxLength);
    }

    /** Greedy decoding through a session already begun on {@code sources}. */
    static List<int[]> decode(Decoding session, List<int[]> sources, int maxLength) {
        int n = sources.size();
        int[] rows = Decoding.identity(n);
        int[] limits = new int[n];
        int longest = 0;
        for (int i = 0; i < n; i++) {
            limits[i] = limit(sources.get(i).length, maxLength);
            longest = Math.max(longest, limits[i]);
        }
        List<List<Integer>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new ArrayList<>());
        }
        boolean[] done = new boolean[n];
        float[] token = new float[n];
        Arrays.fill(token, SymbolTokenizer.START);
        for (int t = 0; t < longest; t++) {
            Tensor logits = session.next(token.clone(), rows);
            int v = logits.dim(2);
            boolean all = true;
            for (int i = 0; i < n; i++) {
                int best = argmax(logits, i * v, v);
                token[i] = best;
                if (!done[i]) {
                    if (best == SymbolTokenizer.END || out.get(i).size() >= limits[i]) {
                        done[i] = true;
                    } else {
                        out.get(i).add(best);
                    }
                }
                all &= done[i];
            }
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
    static int argmax(Tensor logits, int offset, int width) {
        int best = 0;
        double bestValue = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < width; k++) {
            double value = logits.get(offset + k);
            if (value > bestValue) {
                bestValue = value;
                best = k;
            }
        }
        return best;
    }
}
