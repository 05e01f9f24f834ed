package dev.gated.loss;

import dev.gated.tensor.Tensor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns per-frame CTC outputs into label sequences: greedy (best path) and prefix beam search. Class 0 is the
 * blank, as in {@link CtcLoss}; logits (B, T, C), and a (B, T) mask whose kept frames come first.
 *
 * <pre>
 * greedy:  π_t = argmax_c z[t, c];  collapse runs of equal π_t, then drop blanks       ("aa-ab-" → "aab")
 * prefix beam search (Hannun et al. 2014, without a language model): for every prefix ℓ keep
 *   p_b(ℓ)  = P(ℓ, last frame blank)      p_nb(ℓ) = P(ℓ, last frame a label)     (log space)
 *   frame t, class c, q = softmax(z[t])_c:
 *     c = blank:        p_b'(ℓ)   += (p_b(ℓ) + p_nb(ℓ)) · q
 *     c = last of ℓ:    p_nb'(ℓ)  += p_nb(ℓ) · q            p_nb'(ℓ+c) += p_b(ℓ) · q   (a repeat needs a blank between)
 *     otherwise:        p_nb'(ℓ+c) += (p_b(ℓ) + p_nb(ℓ)) · q
 *   keep the {@code width} prefixes of highest p_b + p_nb; answer the best after the last kept frame
 * </pre>
 * Width 1 is not always greedy (it sums over paths of one prefix); a wider beam finds the most probable label
 * sequence more often than the best path does.
 */
public final class CtcDecoder {

    private CtcDecoder() {
    }

    /** Best-path decoding of every row. */
    public static List<int[]> greedy(Tensor logits, Tensor mask) {
        List<int[]> out = new ArrayList<>();
        int frames = logits.dim(1);
        int classes = logits.dim(2);
        for (int b = 0; b < logits.dim(0); b++) {
            int kept = kept(mask, b, frames);
            List<Integer> labels = new ArrayList<>();
            int previous = CtcLoss.BLANK;
            for (int t = 0; t < kept; t++) {
                int best = argmax(logits, (b * frames + t) * classes, classes);
                if (best != CtcLoss.BLANK && best != previous) {
                    labels.add(best);
                }
                previous = best;
            }
            out.add(labels.stream().mapToInt(Integer::intValue).toArray());
        }
        return out;
    }

    /** Prefix beam search of every row, keeping {@code width} prefixes per frame. */
    public static List<int[]> prefixBeam(Tensor logits, Tensor mask, int width) {
        if (width < 1) {
            throw new IllegalArgumentException("CTC beam width: expected at least 1 but found " + width);
        }
        List<int[]> out = new ArrayList<>();
        for (int b = 0; b < logits.dim(0); b++) {
            out.add(prefixBeamRow(logits, b, kept(mask, b, logits.dim(1)), width));
        }
        return out;
    }

    /** A prefix's two probabilities (log). */
    private static final class Beam {
        double blank = Double.NEGATIVE_INFINITY;
        double label = Double.NEGATIVE_INFINITY;

        double total() {
            return CtcLoss.logSumExp(blank, label);
        }
    }

    private static int[] prefixBeamRow(Tensor logits, int b, int kept, int width) {
        int frames = logits.dim(1);
        int classes = logits.dim(2);
        Map<String, Beam> beams = new HashMap<>();
        Beam empty = new Beam();
        empty.blank = 0;
        beams.put("", empty);
        double[] lp = new double[classes];
        for (int t = 0; t < kept; t++) {
            CtcLoss.logSoftmax(logits, (b * frames + t) * classes, classes, lp);
            Map<String, Beam> next = new HashMap<>();
            for (Map.Entry<String, Beam> e : beams.entrySet()) {
                extend(e.getKey(), e.getValue(), lp, next);
            }
            beams = best(next, width);
        }
        String winner = beams.entrySet().stream()
                .max(Comparator.comparingDouble((Map.Entry<String, Beam> e) -> e.getValue().total()))
                .orElseThrow().getKey();
        return winner.chars().toArray();
    }

    private static void extend(String prefix, Beam beam, double[] lp, Map<String, Beam> next) {
        double either = beam.total();
        int last = prefix.isEmpty() ? -1 : prefix.charAt(prefix.length() - 1);
        Beam same = next.computeIfAbsent(prefix, k -> new Beam());
        same.blank = CtcLoss.logSumExp(same.blank, either + lp[CtcLoss.BLANK]);
        for (int c = 1; c < lp.length; c++) {
            Beam longer = next.computeIfAbsent(prefix + (char) c, k -> new Beam());
            if (c == last) {
                same.label = CtcLoss.logSumExp(same.label, beam.label + lp[c]);
                longer.label = CtcLoss.logSumExp(longer.label, beam.blank + lp[c]);
            } else {
                longer.label = CtcLoss.logSumExp(longer.label, either + lp[c]);
            }
        }
    }

    private static Map<String, Beam> best(Map<String, Beam> all, int width) {
        Map<String, Beam> kept = new HashMap<>();
        all.entrySet().stream()
                .sorted(Comparator.comparingDouble((Map.Entry<String, Beam> e) -> -e.getValue().total())
                        .thenComparing(Map.Entry::getKey))
                .limit(width)
                .forEach(e -> kept.put(e.getKey(), e.getValue()));
        return kept;
    }

    private static int argmax(Tensor z, int at, int classes) {
        int best = 0;
        for (int c = 1; c < classes; c++) {
            if (z.get(at + c) > z.get(at + best)) {
                best = c;
            }
        }
        return best;
    }

    private static int kept(Tensor mask, int b, int frames) {
        if (mask == null) {
            return frames;
        }
        int kept = 0;
        for (int t = 0; t < frames; t++) {
            kept += mask.get(b * frames + t) != 0 ? 1 : 0;
        }
        return kept;
    }

    /** Levenshtein distance between two label sequences: substitutions, insertions and deletions, each 1. */
    public static int editDistance(int[] reference, int[] hypothesis) {
        int[] previous = new int[hypothesis.length + 1];
        int[] current = new int[hypothesis.length + 1];
        for (int j = 0; j <= hypothesis.length; j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= reference.length; i++) {
            current[0] = i;
            for (int j = 1; j <= hypothesis.length; j++) {
                int substitute = previous[j - 1] + (reference[i - 1] == hypothesis[j - 1] ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[hypothesis.length];
    }
}
