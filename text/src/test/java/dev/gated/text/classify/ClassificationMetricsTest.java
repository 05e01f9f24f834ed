package dev.gated.text.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ClassificationMetricsTest {

    private static double[][] binary(double... p1) {
        double[][] p = new double[p1.length][];
        for (int i = 0; i < p1.length; i++) {
            p[i] = new double[] {1 - p1[i], p1[i]};
        }
        return p;
    }

    @Test
    void binaryByHand() {
        // truth 1 1 1 0 0 ; p(1) .9 .4 .6 .7 .2 → predicted 1 0 1 1 0
        int[] truth = {1, 1, 1, 0, 0};
        ClassificationMetrics m = ClassificationMetrics.of(truth, binary(.9, .4, .6, .7, .2), 2);
        assertArrayEquals(new int[] {1, 1}, m.confusion()[0]); // true 0: one predicted 0, one predicted 1
        assertArrayEquals(new int[] {1, 2}, m.confusion()[1]);
        assertEquals(3 / 5.0, m.accuracy(), 1e-12);
        // F1_0 = 2·1/(2+1+1) = 0.5 ; F1_1 = 2·2/(4+1+1) = 2/3
        assertEquals((0.5 + 2 / 3.0) / 2, m.macroF1(), 1e-12);
        // pairs (pos, neg): (.9,.7)+ (.9,.2)+ (.4,.7)- (.4,.2)+ (.6,.7)- (.6,.2)+ → 4/6
        assertEquals(4 / 6.0, m.rocAuc(), 1e-12);
    }

    @Test
    void tiesCountHalfInTheAuc() {
        int[] truth = {1, 0, 1, 0};
        ClassificationMetrics m = ClassificationMetrics.of(truth, binary(.5, .5, .8, .1), 2);
        // pairs: (.5,.5) tie ½, (.5,.1) 1, (.8,.5) 1, (.8,.1) 1 → 3.5/4
        assertEquals(3.5 / 4, m.rocAuc(), 1e-12);
        ClassificationMetrics constant = ClassificationMetrics.of(truth, binary(.3, .3, .3, .3), 2);
        assertEquals(0.5, constant.rocAuc(), 1e-12);
    }

    @Test
    void threeClassesByHand() {
        int[] truth = {0, 0, 1, 1, 2, 2};
        double[][] p = {{.8, .1, .1}, {.2, .7, .1}, {.1, .8, .1}, {.1, .3, .6}, {.2, .2, .6}, {.5, .2, .3}};
        ClassificationMetrics m = ClassificationMetrics.of(truth, p, 3); // predicted 0 1 1 2 2 0
        assertArrayEquals(new int[] {1, 1, 0}, m.confusion()[0]);
        assertArrayEquals(new int[] {0, 1, 1}, m.confusion()[1]);
        assertArrayEquals(new int[] {1, 0, 1}, m.confusion()[2]);
        assertEquals(0.5, m.accuracy(), 1e-12);
        // each class: TP 1, FP 1, FN 1 → F1 = 2/4
        assertEquals(0.5, m.macroF1(), 1e-12);
        assertTrue(Double.isNaN(m.rocAuc()));
    }

    @Test
    void aClassNeverPredictedHasF1Zero() {
        int[] truth = {0, 0, 0, 1};
        ClassificationMetrics m = ClassificationMetrics.of(truth, binary(.1, .1, .1, .1), 2);
        assertEquals(0.75, m.accuracy(), 1e-12);
        assertEquals((2 * 3 / (6.0 + 1)) / 2, m.macroF1(), 1e-12); // F1_0 = 6/7, F1_1 = 0
    }
}
