package dev.gated.translate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Corpus BLEU (Papineni, Roukos, Ward &amp; Zhu 2002, "BLEU: a Method for Automatic Evaluation of Machine
 * Translation") computed as sacreBLEU 2.x computes it by default (Post 2018, "A Call for Clarity in Reporting
 * BLEU Scores"): 13a tokenisation, n-grams up to 4, case-sensitive, "exp" smoothing, closest reference length.
 *
 * <pre>
 * per sentence i, hypothesis h, references r_1 … r_R (all tokenised by {@link Tokenizer13a}, split on spaces):
 *   for n = 1 … 4:  correct_n += Σ_g min(count_h(g), max_r count_r(g))     g an n-gram of h (clipped counts)
 *                   total_n   += max(0, |h| − n + 1)
 *   c += |h|;   r += |r_k| with k = argmin |(|r_k| − |h|)| (ties: the shorter reference)
 * p_n = correct_n / total_n; where correct_n = 0 ("exp" smoothing, mteval-v13a's): p_n = 1 / (2^k · total_n),
 *       k counting the zero orders so far; if total_n = 0 the orders from n on are left out (p = 0)
 * BP = 1 if c > r, else exp(1 − r/c) (0 when c = 0)
 * BLEU = 100 · BP · exp( (1/4) Σ_n log p_n )       log 0 taken as −9999999999, so BLEU = 0
 * </pre>
 * {@link Smoothing#FLOOR} (Chen &amp; Cherry 2014 method 1) and {@link Smoothing#NONE} match sacreBLEU's
 * {@code smooth_method='floor'} and {@code 'none'}; {@link #score(List, List, Smoothing, double, boolean)} with
 * {@code tokenize=false} is its {@code tokenize='none'}.
 */
public final class Bleu {

    public enum Smoothing { NONE, FLOOR, EXP }

    static final int ORDER = 4;

    private Bleu() {
    }

    /** The score and its parts. {@code precisions} in percent, as sacreBLEU prints them. */
    public record Result(double score, double[] precisions, double brevityPenalty, int hypothesisLength, int referenceLength) {
    }

    /** sacreBLEU's default corpus BLEU: one hypothesis per entry of {@code references}, each with its references. */
    public static double corpus(List<String> hypotheses, List<List<String>> references) {
        return score(hypotheses, references, Smoothing.EXP, 0, true).score();
    }

    public static Result score(List<String> hypotheses, List<List<String>> references, Smoothing smoothing,
                               double floor, boolean tokenize) {
        if (hypotheses.size() != references.size()) {
            throw new IllegalArgumentException("BLEU: " + hypotheses.size() + " hypotheses but " + references.size()
                    + " reference lists — give one list of references per hypothesis");
        }
        long[] correct = new long[ORDER];
        long[] total = new long[ORDER];
        long sysLen = 0;
        long refLen = 0;
        for (int i = 0; i < hypotheses.size(); i++) {
            List<String> refs = references.get(i);
            if (refs.isEmpty()) {
                throw new IllegalArgumentException("BLEU: hypothesis " + i + " has no reference");
            }
            String[] h = words(hypotheses.get(i), tokenize);
            Map<String, Integer> maxRef = new HashMap<>();
            int closest = -1;
            for (String ref : refs) {
                String[] r = words(ref, tokenize);
                int diff = Math.abs(r.length - h.length);
                if (closest < 0 || diff < Math.abs(closest - h.length) || (diff == Math.abs(closest - h.length) && r.length < closest)) {
                    closest = r.length;
                }
                ngrams(r).forEach((g, c) -> maxRef.merge(g, c, Math::max));
            }
            sysLen += h.length;
            refLen += closest;
            for (Map.Entry<String, Integer> e : ngrams(h).entrySet()) {
                int n = order(e.getKey());
                correct[n - 1] += Math.min(e.getValue(), maxRef.getOrDefault(e.getKey(), 0));
            }
            for (int n = 1; n <= ORDER; n++) {
                total[n - 1] += Math.max(0, h.length - n + 1);
            }
        }
        return compute(correct, total, sysLen, refLen, smoothing, floor);
    }

    static Result compute(long[] correct, long[] total, long sysLen, long refLen, Smoothing smoothing, double floor) {
        double[] precisions = new double[ORDER];
        double smooth = 1;
        for (int n = 0; n < ORDER; n++) {
            if (total[n] == 0) {
                break;
            }
            if (correct[n] == 0) {
                if (smoothing == Smoothing.EXP) {
                    smooth *= 2;
                    precisions[n] = 100.0 / (smooth * total[n]);
                } else if (smoothing == Smoothing.FLOOR) {
                    precisions[n] = 100.0 * floor / total[n];
                }
            } else {
                precisions[n] = 100.0 * correct[n] / total[n];
            }
        }
        double bp = sysLen == 0 ? 0 : sysLen > refLen ? 1 : Math.exp(1 - (double) refLen / sysLen);
        double logSum = 0;
        for (double p : precisions) {
            logSum += p == 0 ? -9999999999.0 : Math.log(p);
        }
        double score = bp * Math.exp(logSum / ORDER);
        return new Result(score, precisions, bp, (int) sysLen, (int) refLen);
    }

    private static String[] words(String text, boolean tokenize) {
        return Tokenizer13a.words(tokenize ? Tokenizer13a.tokenize(text) : text);
    }

    /** n-grams of orders 1 … 4 joined by a space, with counts (the order is the number of spaces + 1). */
    private static Map<String, Integer> ngrams(String[] w) {
        Map<String, Integer> counts = new HashMap<>();
        for (int n = 1; n <= ORDER; n++) {
            for (int i = 0; i + n <= w.length; i++) {
                counts.merge(String.join(" ", java.util.Arrays.copyOfRange(w, i, i + n)), 1, Integer::sum);
            }
        }
        return counts;
    }

    private static int order(String gram) {
        int n = 1;
        for (int i = 0; i < gram.length(); i++) {
            n += gram.charAt(i) == ' ' ? 1 : 0;
        }
        return n;
    }
}
