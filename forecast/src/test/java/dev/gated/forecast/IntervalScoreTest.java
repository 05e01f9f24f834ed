package dev.gated.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Coverage, width and quantile losses on hand-computed cases; the residual quantile; the levels' rules. */
class IntervalScoreTest {

    private static final double[] LEVELS = {0.1, 0.5, 0.9};

    @Test
    void coverageCountsTargetsInsideTheIntervalBoundsIncluded() {
        double[] y = {1, 2, 3, 4, 5};
        double[][] q = {
                {0, 2.5, 2, 4, 6},      // lower
                {1, 2.7, 3, 4, 6.5},    // median
                {2, 3, 4, 4, 7}};       // upper
        IntervalScore s = IntervalScore.of(y, LEVELS, q);
        // inside: 1 ∈ [0, 2], 3 ∈ [2, 4], 4 ∈ [4, 4]; outside: 2 < 2.5, 5 < 6
        assertEquals(0.6, s.coverage(), 1e-12);
        assertEquals((2 + 0.5 + 2 + 0 + 1) / 5.0, s.meanWidth(), 1e-12);
        assertEquals(0.8, s.nominal(), 1e-12);
        // pinball per target: 0.2, 0.45 + 0.35 + 0.1, 0.2, 0, 0.9 + 0.75 + 0.2 → 3.15 over 15 (target, level) pairs
        assertEquals(3.15 / 15, s.quantileLoss(), 1e-12);
        assertEquals(2 * 3.15 / (3 * 15.0), s.weightedQuantileLoss(), 1e-12);
    }

    @Test
    void aPerfectIntervalOfWidthZeroCoversEverythingAndLosesNothing() {
        double[] y = {-1, 0, 2};
        IntervalScore s = IntervalScore.of(y, LEVELS, new double[][] {y, y, y});
        assertEquals(1.0, s.coverage());
        assertEquals(0.0, s.meanWidth());
        assertEquals(0.0, s.quantileLoss());
    }

    @Test
    void crossingOutputsAreSortedAtEachTarget() {
        // two targets, three levels each, the second target's levels crossed
        double[][] byLevel = QuantileForecast.byLevel(new double[] {1, 2, 3, 9, 5, 7}, 3);
        assertArrayEquals(new double[] {1, 5}, byLevel[0]);
        assertArrayEquals(new double[] {2, 7}, byLevel[1]);
        assertArrayEquals(new double[] {3, 9}, byLevel[2]);
    }

    @Test
    void residualQuantilesInterpolateAsNumpyDoes() {
        double[] sorted = {1, 2, 3, 4};
        assertEquals(1.3, ResidualIntervals.quantile(sorted, 0.1), 1e-12);   // numpy.quantile([1,2,3,4], 0.1)
        assertEquals(2.5, ResidualIntervals.quantile(sorted, 0.5), 1e-12);
        assertEquals(3.7, ResidualIntervals.quantile(sorted, 0.9), 1e-12);
    }

    @Test
    void levelsAreSortedWithTheMedianAddedAndBadOnesRefused() {
        QuantileLevels q = QuantileLevels.parse("0.9, 0.1");
        assertEquals(List.of(0.1, 0.5, 0.9), q.levels());
        assertEquals(1, q.median());
        assertEquals(3, q.perStep());
        assertEquals(0.8, q.nominalCoverage(), 1e-12);
        assertEquals(q, QuantileLevels.parse(q.text()));
        assertEquals(1, QuantileLevels.NONE.perStep());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> QuantileLevels.parse("0.1,1.5"))
                .getMessage().contains("strictly between 0 and 1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> QuantileLevels.parse("0.5"))
                .getMessage().contains("no interval"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> QuantileLevels.parse("0.1,ten"))
                .getMessage().contains("\"ten\" is not a number"));
    }
}
