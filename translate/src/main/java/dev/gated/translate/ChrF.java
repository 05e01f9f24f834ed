package dev.gated.translate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Corpus chrF (Popović 2015, "chrF: character n-gram F-score for automatic MT evaluation"), computed as
 * sacreBLEU 2.x's default {@code CHRF()}: character n-grams of orders 1 … 6, whitespace removed, β = 2.
 *
 * <pre>
 * per sentence and order n: hyp_n = #n-grams of h (0 when the reference has none of that order),
 *   ref_n = #n-grams of r, match_n = Σ_g min(count_h(g), count_r(g))
 * several references: keep the statistics of the reference with the best sentence-level chrF
 * corpus: sum hyp_n, ref_n, match_n over sentences
 * chrP = mean over orders with hyp_n &gt; 0 and ref_n &gt; 0 of match_n / hyp_n;  chrR likewise with ref_n
 * chrF_β = 100 · (1 + β²) · chrP · chrR / (β² · chrP + chrR)   (0 when chrP + chrR = 0)
 * </pre>
 * β = 2 weighs recall twice as much as precision. Characters are Unicode code points; "whitespace" is Python's
 * ({@link Tokenizer13a#isSpace}), so the narrow no-break space of French typography is removed too.
 */
public final class ChrF {

    static final int ORDER = 6;
    static final double BETA = 2;

    private ChrF() {
    }

    public static double corpus(List<String> hypotheses, List<List<String>> references) {
        if (hypotheses.size() != references.size()) {
            throw new IllegalArgumentException("chrF: " + hypotheses.size() + " hypotheses but " + references.size()
                    + " reference lists — give one list of references per hypothesis");
        }
        long[] stats = new long[3 * ORDER];
        for (int i = 0; i < hypotheses.size(); i++) {
            long[] best = sentence(hypotheses.get(i), references.get(i));
            for (int k = 0; k < stats.length; k++) {
                stats[k] += best[k];
            }
        }
        return fScore(stats);
    }

    /** The sentence's (hyp, ref, match) counts per order against its best reference: 3 · 6 numbers. */
    static long[] sentence(String hypothesis, List<String> references) {
        if (references.isEmpty()) {
            throw new IllegalArgumentException("chrF: a hypothesis has no reference");
        }
        List<Map<String, Integer>> hyp = ngrams(hypothesis);
        long[] best = null;
        double bestScore = -1;
        for (String ref : references) {
            List<Map<String, Integer>> r = ngrams(ref);
            long[] stats = new long[3 * ORDER];
            for (int n = 0; n < ORDER; n++) {
                long hypCount = 0;
                long match = 0;
                for (Map.Entry<String, Integer> e : hyp.get(n).entrySet()) {
                    hypCount += e.getValue();
                    match += Math.min(e.getValue(), r.get(n).getOrDefault(e.getKey(), 0));
                }
                long refCount = r.get(n).values().stream().mapToLong(Integer::longValue).sum();
                stats[3 * n] = r.get(n).isEmpty() ? 0 : hypCount;
                stats[3 * n + 1] = refCount;
                stats[3 * n + 2] = match;
            }
            double f = fScore(stats);
            if (f > bestScore) {
                bestScore = f;
                best = stats;
            }
        }
        return best;
    }

    static double fScore(long[] stats) {
        double precision = 0;
        double recall = 0;
        int effective = 0;
        for (int n = 0; n < ORDER; n++) {
            long hyp = stats[3 * n];
            long ref = stats[3 * n + 1];
            long match = stats[3 * n + 2];
            if (hyp > 0 && ref > 0) {
                precision += (double) match / hyp;
                recall += (double) match / ref;
                effective++;
            }
        }
        if (effective == 0) {
            return 0;
        }
        precision /= effective;
        recall /= effective;
        if (precision + recall == 0) {
            return 0;
        }
        double b2 = BETA * BETA;
        return 100 * (1 + b2) * precision * recall / (b2 * precision + recall);
    }

    private static List<Map<String, Integer>> ngrams(String text) {
        int[] cps = text.codePoints().filter(c -> !Tokenizer13a.isSpace(c)).toArray();
        List<Map<String, Integer>> out = new java.util.ArrayList<>();
        for (int n = 1; n <= ORDER; n++) {
            Map<String, Integer> counts = new HashMap<>();
            for (int i = 0; i + n <= cps.length; i++) {
                counts.merge(new String(cps, i, n), 1, Integer::sum);
            }
            out.add(counts);
        }
        return out;
    }
}
