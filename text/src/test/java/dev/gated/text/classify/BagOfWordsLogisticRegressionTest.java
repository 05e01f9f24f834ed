package dev.gated.text.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gated.text.Vocabulary;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BagOfWordsLogisticRegressionTest {

    /**
     * One word "good" in 4 texts (3 positive) and absent from 4 (1 positive): without a penalty the maximum
     * likelihood fit gives p(positive | good) = 3/4 and p(positive | no good) = 1/4 exactly, so the logit
     * difference b_1 − b_0 = log(1/3) and (W_1 − W_0)·good = log 3 − log(1/3) = 2·log 3.
     */
    @Test
    void unpenalisedFitMatchesTheClosedForm() {
        List<List<String>> texts = new ArrayList<>();
        int[] labels = {1, 1, 1, 0, 1, 0, 0, 0};
        for (int i = 0; i < 8; i++) {
            texts.add(i < 4 ? List.of("good") : List.of("meh"));
        }
        Vocabulary v = Vocabulary.build(List.of(List.of("good")));
        BagOfWordsLogisticRegression lr = BagOfWordsLogisticRegression.fit(texts, labels, 2, v, 1e12, 20_000, 1e-9);
        assertEquals(0.75, lr.probabilities(List.of("good"))[1], 1e-6);
        assertEquals(0.25, lr.probabilities(List.of("meh"))[1], 1e-6);
        int good = v.indexOf("good");
        assertEquals(2 * Math.log(3), lr.weight(1, good) - lr.weight(0, good), 1e-4);
        assertEquals(Math.log(1 / 3.0), lr.bias(1) - lr.bias(0), 1e-4);
    }

    /** The penalty shrinks the weights; the gradient of J is zero at the fit (checked by finite differences). */
    @Test
    void penalisedFitIsAStationaryPointOfTheObjective() {
        List<List<String>> texts = List.of(List.of("a", "b"), List.of("b", "c"), List.of("c", "c"), List.of("a"),
                List.of("d", "a"), List.of("d"));
        int[] labels = {0, 1, 2, 0, 0, 2};
        Vocabulary v = Vocabulary.build(texts);
        BagOfWordsLogisticRegression lr = BagOfWordsLogisticRegression.fit(texts, labels, 3, v, 1.0, 20_000, 1e-10);
        int[][] features = texts.stream().map(v::encode).toArray(int[][]::new);
        int width = v.size() - 1;
        var objective = new BagOfWordsLogisticRegression.Objective(features, labels, 3, width, 1.0 / 6);
        double[][] w = new double[3][width];
        for (int k = 0; k < 3; k++) {
            w[k][0] = lr.bias(k);
            for (int t = 2; t < v.size(); t++) {
                w[k][t - 1] = lr.weight(k, t);
            }
        }
        double h = 1e-5;
        for (int k = 0; k < 3; k++) {
            for (int f = 0; f < width; f++) {
                double keep = w[k][f];
                w[k][f] = keep + h;
                double up = objective.valueAndGradient(w, null);
                w[k][f] = keep - h;
                double down = objective.valueAndGradient(w, null);
                w[k][f] = keep;
                assertEquals(0, (up - down) / (2 * h), 1e-6, "∂J/∂W[" + k + "][" + f + "]");
            }
        }
        double[] p = lr.probabilities(List.of("a"));
        assertTrue(p[0] > p[1] && p[0] > p[2], "'a' appears only in class 0 texts");
        assertEquals(1.0, p[0] + p[1] + p[2], 1e-12);
    }
}
