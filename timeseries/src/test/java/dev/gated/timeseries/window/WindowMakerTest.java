package dev.gated.timeseries.window;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gated.timeseries.RowRange;
import org.junit.jupiter.api.Test;

class WindowMakerTest {

    private static double[] range(int n, double scale) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = i * scale;
        }
        return v;
    }

    /**
     * Keras docs, example 2 ("use the past 10 timesteps to predict the next"):
     * timeseries_dataset_from_array(data[:-10], targets=data[10:], sequence_length=10) gives
     * x_i = data[i .. i+9], y_i = data[i+10], for i = 0 .. n-11. Hand-computed for data = 0, 1.5, 3, … (14 rows).
     */
    @Test
    void oneStepMatchesTheKerasIdiom() {
        double[] data = range(14, 1.5);
        Windows w = WindowMaker.make(data, WindowSpec.of(10));
        assertEquals(4, w.count());                        // i = 0, 1, 2, 3
        assertEquals(10, w.window());
        assertEquals(1, w.features());
        assertEquals(1, w.horizon());
        assertArrayEquals(new float[] {0, 1.5f, 3, 4.5f, 6, 7.5f, 9, 10.5f, 12, 13.5f},
                java.util.Arrays.copyOfRange(w.x(), 0, 10));
        assertEquals(3 * 1.5f, w.x(3, 0, 0));
        assertArrayEquals(new float[] {15, 16.5f, 18, 19.5f}, w.y());   // data[10..13]
        assertArrayEquals(new int[] {10, 11, 12, 13}, w.targetStart());
    }

    /**
     * Keras docs, example 1: indices 0..98, sequence_length=10, sampling_rate=2, sequence_stride=3:
     * first sequence [0 2 … 18], second [3 5 … 21], last [78 80 … 96].
     */
    @Test
    void strideAndSamplingRateMatchKerasExample() {
        double[] data = range(99, 1);
        Windows w = WindowMaker.make(data, new WindowSpec(10, 1, 3, 2));
        assertEquals(27, w.count());
        float[] first = java.util.Arrays.copyOfRange(w.x(), 0, 10);
        assertArrayEquals(new float[] {0, 2, 4, 6, 8, 10, 12, 14, 16, 18}, first);
        assertArrayEquals(new float[] {3, 5, 7, 9, 11, 13, 15, 17, 19, 21}, java.util.Arrays.copyOfRange(w.x(), 10, 20));
        assertArrayEquals(new float[] {78, 80, 82, 84, 86, 88, 90, 92, 94, 96},
                java.util.Arrays.copyOfRange(w.x(), 26 * 10, 27 * 10));
        assertEquals(19, w.y(0, 0), "the target is the row after the last input, whatever the sampling rate");
        assertEquals(97, w.y(26, 0));
    }

    @Test
    void multivariateMultiStepWithTargetNotAmongFeatures() {
        double[] a = range(8, 1);        // 0..7
        double[] b = range(8, 10);       // 0, 10, .., 70
        double[] target = range(8, 100); // 0, 100, .., 700
        Windows w = WindowMaker.make(new double[][] {a, b}, target, WindowSpec.of(3, 2));
        // span = 3 + 2 = 5 rows → windows start at 0..3
        assertEquals(4, w.count());
        assertEquals(2, w.features());
        // window 1: rows 1,2,3 → (a, b) pairs laid out (T, F)
        assertArrayEquals(new float[] {1, 10, 2, 20, 3, 30}, java.util.Arrays.copyOfRange(w.x(), 6, 12));
        assertArrayEquals(new float[] {400, 500}, java.util.Arrays.copyOfRange(w.y(), 2, 4));
        assertEquals(4, w.targetStart()[1]);
        assertArrayEquals(new int[] {3, 4, 4, 5, 5, 6, 6, 7}, w.targetRows());
        assertArrayEquals(new double[] {300, 400, 400, 500, 500, 600, 600, 700}, w.yAsDoubles());
    }

    @Test
    void tooFewRowsSaysHowManyAreNeeded() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WindowMaker.make(range(12, 1), WindowSpec.of(10, 3)));
        assertEquals("one window of length 10 and horizon 3 needs 13 rows ((L-1)*r + 1 + h = (10-1)*1 + 1 + 3),"
                + " but the series has 12 rows; use a shorter window or horizon, or more data", e.getMessage());
        assertEquals(1, WindowMaker.make(range(13, 1), WindowSpec.of(10, 3)).count());
    }

    @Test
    void partsKeepTargetsInsideAndMayTakeHistoryFromBefore() {
        double[] data = range(30, 1);
        RowRange test = new RowRange(20, 30);
        Windows within = WindowMaker.make(new double[][] {data}, data, WindowSpec.of(4), test, InputHistory.WITHIN_PART);
        assertEquals(6, within.count());                  // starts 20..25, targets 24..29
        assertEquals(24, within.targetStart()[0]);
        assertEquals(20, within.x(0, 0, 0));
        Windows history = WindowMaker.make(new double[][] {data}, data, WindowSpec.of(4), test,
                InputHistory.FROM_EARLIER_ROWS);
        assertEquals(10, history.count());                // every row of the part is a target
        assertEquals(20, history.targetStart()[0]);
        assertEquals(16, history.x(0, 0, 0));             // inputs 16..19 come from before the part
        assertEquals(29, history.targetStart()[history.count() - 1]);
        for (int row : history.targetRows()) {
            assertTrue(test.contains(row), "target row " + row + " is outside the test part");
        }
    }

    @Test
    void badSpecsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new WindowSpec(0, 1, 1, 1));
        assertEquals("window length (sequence_length) must be >= 1, got 0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> WindowSpec.of(3, 0));
        assertThrows(IllegalArgumentException.class, () -> WindowMaker.make(new double[][] {range(5, 1)},
                range(6, 1), WindowSpec.of(2)));
    }
}
