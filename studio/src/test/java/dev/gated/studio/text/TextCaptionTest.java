package dev.gated.studio.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gated.text.classify.ClassificationMetrics;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Text tab's caption says only what the counts of test texts classified right say. */
class TextCaptionTest {

    /**
     * Scores whose confusion matrix gets {@code right} of 10 texts right (2 classes, 5 each; the first {@code right}
     * texts right): 7 right is [[5, 0], [3, 2]], macro-F1 = (10/13 + 4/7) / 2 = 0.670; 9 right: (10/11 + 8/9) / 2 = 0.899.
     */
    static TextCaption.Scored scored(String label, int right) {
        int[] truth = {0, 0, 0, 0, 0, 1, 1, 1, 1, 1};
        double[][] p = new double[10][];
        for (int i = 0; i < 10; i++) {
            boolean correct = i < right;
            int predicted = correct ? truth[i] : 1 - truth[i];
            p[i] = predicted == 1 ? new double[] {0.2, 0.8} : new double[] {0.8, 0.2};
        }
        return new TextCaption.Scored(label, ClassificationMetrics.of(truth, p, 2));
    }

    static final TextCaption.Scored MAJORITY = scored("majority class ('1')", 5);
    static final TextCaption.Scored BOW = scored("bag-of-words logistic regression", 7);

    @Test
    void aNetworkAheadOfTheBaselineIsSaidToBeAheadByItsCount() {
        assertEquals("Of the 10 test texts, the majority class ('1') gets 5 right (50.0%) and the bag-of-words logistic "
                + "regression 7 (70.0%). The best network of 2, GRU(8), gets 9 right (90.0%, macro-F1 0.899): 2 texts more "
                + "than the bag-of-words baseline.", TextCaption.of(MAJORITY, BOW,
                List.of(scored("RNN(8)", 6), scored("GRU(8)", 9)), 10));
    }

    @Test
    void aTieAndAShortfallAreNeverCalledAWin() {
        assertEquals(" The best network, LSTM(8), gets 7 right (70.0%, macro-F1 0.670): as many as the bag-of-words "
                + "baseline, no better.", tail(TextCaption.of(MAJORITY, BOW, List.of(scored("LSTM(8)", 7)), 10)));
        assertEquals(" The best network, RNN(8), gets 5 right (50.0%, macro-F1 0.333): 2 texts fewer than the bag-of-words "
                + "baseline, which stays the one to beat on this data. It does no better than always answering the "
                + "majority class.", tail(TextCaption.of(MAJORITY, BOW, List.of(scored("RNN(8)", 5)), 10)));
    }

    @Test
    void beforeAnyNetworkHasFinishedOnlyTheBaselinesAreDescribed() {
        assertEquals(" No network has finished yet.", tail(TextCaption.of(MAJORITY, BOW, List.of(), 10)));
    }

    private static String tail(String caption) {
        return caption.substring(caption.indexOf("(70.0%).") + "(70.0%).".length());
    }
}
