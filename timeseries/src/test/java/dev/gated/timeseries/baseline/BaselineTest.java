package dev.gated.timeseries.baseline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gated.timeseries.RowRange;
import dev.gated.timeseries.window.WindowMaker;
import dev.gated.timeseries.window.WindowSpec;
import dev.gated.timeseries.window.Windows;
import org.junit.jupiter.api.Test;

class BaselineTest {

    private static final double[] SERIES = {10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25};

    @Test
    void naiveRepeatsTheLastInput() {
        Windows w = WindowMaker.make(SERIES, WindowSpec.of(3, 2));
        double[] p = new NaiveBaseline().predict(SERIES, w);
        assertEquals(w.y().length, p.length);
        // window 0: inputs rows 0..2, origin row 2 (12), targets rows 3, 4
        assertArrayEquals(new double[] {12, 12, 13, 13}, java.util.Arrays.copyOfRange(p, 0, 4));
    }

    @Test
    void seasonalNaiveMultiStepUsesTheLastSeason() {
        // origin o = 10, p = 3: ŷ(o+h) = v[o + h - 3⌈h/3⌉] → rows 8, 9, 10, 8, 9, 10, 8 for h = 1..7
        double[] p = new SeasonalNaiveBaseline(3).predict(SERIES, new int[] {11}, 7);
        assertArrayEquals(new double[] {18, 19, 20, 18, 19, 20, 18}, p);
        assertEquals("seasonal-naive(3)", new SeasonalNaiveBaseline(3).name());
    }

    @Test
    void movingAverageOfTheLastK() {
        double[] p = new MovingAverageBaseline(3).predict(SERIES, new int[] {5, 6}, 2);
        // origin 4: (12 + 13 + 14) / 3 = 13; origin 5: 14
        assertArrayEquals(new double[] {13, 13, 14, 14}, p, 1e-12);
        assertArrayEquals(new NaiveBaseline().predict(SERIES, new int[] {5}, 1),
                new MovingAverageBaseline(1).predict(SERIES, new int[] {5}, 1));
    }

    @Test
    void tooLittleHistoryIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SeasonalNaiveBaseline(12).predict(SERIES, new int[] {12, 5}, 1));
        assertEquals("seasonal-naive(12) needs 12 rows of history up to each forecast origin, but window 1 has its"
                + " first target at row 5 (only 5 rows before it); start the windows later or shorten the rule",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MovingAverageBaseline(0));
        assertThrows(IllegalArgumentException.class, () -> new SeasonalNaiveBaseline(0));
    }

    @Test
    void periodDetectionOnASyntheticSeasonWithTrend() {
        double[] v = new double[140];
        for (int t = 0; t < v.length; t++) {
            v[t] = 0.5 * t + 3 * Math.sin(2 * Math.PI * t / 7);
        }
        assertEquals(7, PeriodDetector.detect(v, RowRange.all(v.length)).lag());
        IllegalArgumentException line = assertThrows(IllegalArgumentException.class,
                () -> PeriodDetector.detect(new double[] {1, 2, 3, 4, 5, 6}, RowRange.all(6)));
        assertTrue(line.getMessage().contains("give the period explicitly"), line.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PeriodDetector.detect(v, new RowRange(0, 4)));
    }

    @Test
    void autocorrelationByHand() {
        // x = 1, 2, 3, 4: mean 2.5, deviations -1.5 -0.5 0.5 1.5, Σd² = 5
        // ACF(1) = (0.75 - 0.25 + 0.75) / 5 = 0.25; ACF(2) = (-0.75 - 0.75) / 5 = -0.3
        assertArrayEquals(new double[] {1, 0.25, -0.3}, Autocorrelation.acf(new double[] {1, 2, 3, 4}, 2), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Autocorrelation.acf(new double[] {2, 2, 2}, 1));
    }
}
