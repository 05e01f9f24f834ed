package dev.gated.studio.text;

import dev.gated.text.classify.ClassificationMetrics;
import java.util.List;
import java.util.Locale;

/**
 * The sentence under the Text tab's results table, written from the measured numbers only: counts of test texts
 * classified right, compared as whole numbers, so the words can never disagree with the table.
 * <pre>
 *   right(m) = Σ_k confusion_m[k][k]          (test texts classified right)
 *   best network = argmax right (first on ties); compared with the bag-of-words baseline and the majority class
 * </pre>
 */
public final class TextCaption {

    /** A scored row of the table. */
    public record Scored(String label, ClassificationMetrics metrics) {
        int right() {
            int r = 0;
            for (int k = 0; k < metrics.confusion().length; k++) {
                r += metrics.confusion()[k][k];
            }
            return r;
        }
    }

    private TextCaption() {
    }

    /**
     * @param majority    the majority-class baseline
     * @param bagOfWords  the bag-of-words logistic regression
     * @param networks    finished networks (may be empty)
     * @param testTexts   texts in the test part
     */
    public static String of(Scored majority, Scored bagOfWords, List<Scored> networks, int testTexts) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "Of the %d test texts, the %s gets %d right (%s) and the bag-of-words logistic regression %d (%s).",
                testTexts, majority.label(), majority.right(), pct(majority, testTexts), bagOfWords.right(),
                pct(bagOfWords, testTexts)));
        if (networks.isEmpty()) {
            return s.append(" No network has finished yet.").toString();
        }
        Scored best = networks.get(0);
        for (Scored n : networks) {
            best = n.right() > best.right() ? n : best;
        }
        s.append(String.format(Locale.ROOT, " The best network%s, %s, gets %d right (%s, macro-F1 %.3f): ",
                networks.size() > 1 ? " of " + networks.size() : "", best.label(), best.right(), pct(best, testTexts),
                best.metrics().macroF1()));
        int versus = best.right() - bagOfWords.right();
        if (versus > 0) {
            s.append(versus).append(versus == 1 ? " text" : " texts").append(" more than the bag-of-words baseline.");
        } else if (versus == 0) {
            s.append("as many as the bag-of-words baseline, no better.");
        } else {
            s.append(-versus).append(-versus == 1 ? " text" : " texts")
                    .append(" fewer than the bag-of-words baseline, which stays the one to beat on this data.");
        }
        if (best.right() <= majority.right()) {
            s.append(" It does no better than always answering the majority class.");
        }
        return s.toString();
    }

    private static String pct(Scored r, int n) {
        return String.format(Locale.ROOT, "%.1f%%", 100.0 * r.right() / n);
    }
}
