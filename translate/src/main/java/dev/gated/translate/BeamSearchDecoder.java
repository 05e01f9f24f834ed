package dev.gated.translate;

import dev.gated.tensor.Tensor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Beam search, one sentence at a time; the k live hypotheses are one batch of k rows of the model's
 * {@link Decoding} session (recurrent: the step model with the rows' states; Transformer: the decoder on the
 * k prefixes).
 *
 * <pre>
 * session = model.begin([source]);  beam = {([], 0, row 0)}
 * repeat up to L = GreedyDecoder.limit(S, maxLength) steps:
 *   logits = session.next(last tokens of the beam (k), rows = the row each hypothesis extends)
 *   log p = log_softmax(logits)                                            (k, V)
 *   candidates: every (hypothesis, token) with score + log p(token); keep the k best
 *   a candidate ending in END is finished: final score = score / |y|^α   (|y| counts END; α = 0: raw log-prob)
 *   stop when k hypotheses are finished or none is live
 * result: the finished hypothesis with the best final score (else the best live one)
 * </pre>
 * Width 1 is greedy decoding. Length normalisation (Wu et al. 2016 use ((5+|y|)/6)^α; here |y|^α) keeps
 * short outputs from winning only because they multiply fewer probabilities.
 */
public final class BeamSearchDecoder {

    private BeamSearchDecoder() {
    }

    private record Hypothesis(int[] tokens, double score, int row) {
    }

    public static int[] decode(TranslationModel model, int[] source, int width, double alpha, int maxLength) {
        return search(model.begin(List.of(source)), source.length, width, alpha, maxLength).tokens();
    }

    /**
     * The best hypothesis and its final score (length-normalised when it finished), through a session already
     * begun on one source of {@code sourceLength} tokens.
     */
    static Result search(Decoding session, int sourceLength, int width, double alpha, int maxLength) {
        if (width < 1) {
            throw new IllegalArgumentException("beam width must be ≥ 1 but is " + width);
        }
        if (alpha < 0) {
            throw new IllegalArgumentException("length-normalisation α must be ≥ 0 but is " + alpha);
        }
        List<Hypothesis> live = List.of(new Hypothesis(new int[0], 0, 0));
        List<Hypothesis> finished = new ArrayList<>();
        int limit = GreedyDecoder.limit(sourceLength, maxLength);
        for (int t = 0; t <= limit && !live.isEmpty() && finished.size() < width; t++) {
            int k = live.size();
            float[] tokens = new float[k];
            int[] rows = new int[k];
            for (int i = 0; i < k; i++) {
                int[] y = live.get(i).tokens();
                tokens[i] = y.length == 0 ? SymbolTokenizer.START : y[y.length - 1];
                rows[i] = live.get(i).row();
            }
            Tensor logits = session.next(tokens, rows);
            int v = logits.dim(2);
            List<Hypothesis> candidates = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                double[] logp = logSoftmax(logits, i * v, v);
                for (int c = SymbolTokenizer.END; c < v; c++) {
                    if (c == SymbolTokenizer.UNKNOWN) {
                        continue;
                    }
                    int[] y = live.get(i).tokens();
                    int[] next = java.util.Arrays.copyOf(y, y.length + 1);
                    next[y.length] = c;
                    candidates.add(new Hypothesis(next, live.get(i).score() + logp[c], i));
                }
            }
            candidates.sort(Comparator.comparingDouble(Hypothesis::score).reversed());
            List<Hypothesis> nextLive = new ArrayList<>();
            for (Hypothesis h : candidates) {
                if (nextLive.size() + finished.size() >= width) {
                    break;
                }
                boolean ends = h.tokens()[h.tokens().length - 1] == SymbolTokenizer.END || t == limit;
                if (ends) {
                    finished.add(new Hypothesis(h.tokens(), h.score() / Math.pow(h.tokens().length, alpha), h.row()));
                } else {
                    nextLive.add(h);
                }
            }
            live = nextLive;
        }
        List<Hypothesis> pool = finished.isEmpty() ? live : finished;
        Hypothesis best = pool.stream().max(Comparator.comparingDouble(Hypothesis::score)).orElseThrow();
        int[] y = best.tokens();
        int n = y.length > 0 && y[y.length - 1] == SymbolTokenizer.END ? y.length - 1 : y.length;
        return new Result(java.util.Arrays.copyOf(y, n), best.score());
    }

    /** A decoded output (END removed) and its score. */
    record Result(int[] tokens, double score) {
    }

    private static double[] logSoftmax(Tensor logits, int offset, int v) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < v; c++) {
            max = Math.max(max, logits.get(offset + c));
        }
        double sum = 0;
        for (int c = 0; c < v; c++) {
            sum += Math.exp(logits.get(offset + c) - max);
        }
        double log = max + Math.log(sum);
        double[] out = new double[v];
        for (int c = 0; c < v; c++) {
            out[c] = logits.get(offset + c) - log;
        }
        return out;
    }
}
