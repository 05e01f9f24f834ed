package dev.gated.text.classify;

import java.util.Arrays;

/**
 * Accuracy, macro-F1, ROC AUC (two classes) and the confusion matrix of predicted class probabilities.
 * <pre>
 *   predicted_i   = argmax_k p_ik                   (ties: the lowest index)
 *   confusion[t][p] = #{i : truth_i = t, predicted_i = p}          rows: true class, columns: predicted
 *   accuracy      = Σ_k confusion[k][k] / n
 *   F1_k          = 2·TP_k / (2·TP_k + FP_k + FN_k)     (0 when the class is neither present nor predicted)
 *   macro-F1      = mean_k F1_k
 *   ROC AUC       = P(score of a random positive > score of a random negative) + ½·P(tie),
 *                   score = p_i1, positive = class 1 (Mann–Whitney U / (n₊·n₋); NaN unless K = 2 and both present)
 * </pre>
 */
public record ClassificationMetrics(double accuracy, double macroF1, double rocAuc, int[][] confusion) {

    public static ClassificationMetrics of(int[] truth, double[][] probabilities, int classes) {
        if (truth.length != probabilities.length || truth.length == 0) {
            throw new IllegalArgumentException(truth.length + " labels but " + probabilities.length
                    + " predictions — need the same number, at least one");
        }
        int[][] confusion = new int[classes][classes];
        int correct = 0;
        for (int i = 0; i < truth.length; i++) {
            int p = argmax(probabilities[i]);
            confusion[truth[i]][p]++;
            if (p == truth[i]) {
                correct++;
            }
        }
        double f1 = 0;
        for (int k = 0; k < classes; k++) {
            int tp = confusion[k][k];
            int fn = Arrays.stream(confusion[k]).sum() - tp;
            int fp = 0;
            for (int t = 0; t < classes; t++) {
                fp += t == k ? 0 : confusion[t][k];
            }
            f1 += 2 * tp + fp + fn == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
        }
        double auc = classes == 2 ? rocAuc(truth, probabilities) : Double.NaN;
        return new ClassificationMetrics(correct / (double) truth.length, f1 / classes, auc, confusion);
    }

    public static int argmax(double[] p) {
        int best = 0;
        for (int k = 1; k < p.length; k++) {
            if (p[k] > p[best]) {
                best = k;
            }
        }
        return best;
    }

    /** Mann–Whitney: average ranks of the class-1 scores (ties share their mean rank). */
    static double rocAuc(int[] truth, double[][] probabilities) {
        int n = truth.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(probabilities[a][1], probabilities[b][1]));
        double positiveRankSum = 0;
        long positives = 0;
        for (int start = 0; start < n; ) {
            int end = start;
            while (end < n && probabilities[order[end]][1] == probabilities[order[start]][1]) {
                end++;
            }
            double rank = (start + 1 + end) / 2.0; // mean of ranks start+1 … end
            for (int k = start; k < end; k++) {
                if (truth[order[k]] == 1) {
                    positiveRankSum += rank;
                    positives++;
                }
            }
            start = end;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }
}
