package dev.gated.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.gated.timeseries.RowRange;
import dev.gated.timeseries.window.WindowMaker;
import dev.gated.timeseries.window.WindowSpec;
import dev.gated.timeseries.window.Windows;
import org.junit.jupiter.api.Test;

/** --relative: windows shifted to their last value, targets to the last target value, and shifted back. */
class RelativeWindowsTest {

    @Test
    void everyFeatureIsShiftedToItsLastStep() {
        float[] x = {1, 10, 2, 20, 3, 30,   5, 50, 4, 40, 6, 60}; // 2 windows, T = 3, F = 2
        Part.relativeToLast(x, 2, 3, 2);
        assertArrayEquals(new float[] {-2, -20, -1, -10, 0, 0,   -1, -10, -2, -20, 0, 0}, x);
    }

    @Test
    void targetsAreChangesFromTheLastValueAndPredictionsAddItBack() {
        double[] series = {1, 2, 4, 7, 11, 16};
        Windows w = WindowMaker.make(series, WindowSpec.of(2, 2)); // targets (4,7), (7,11), (11,16)
        double[] offsets = {2, 4, 7};
        Part part = new Part("test", new RowRange(0, 6), w, offsets);
        assertArrayEquals(new float[] {2, 5, 3, 7, 4, 9}, part.dataset().y().toFloatArray());
        assertArrayEquals(new float[] {-1, 0, -2, 0, -3, 0}, part.inputs().toFloatArray());
        double[] predicted = {2, 5, 3, 7, 4, 9};
        part.addOffsets(predicted);
        assertArrayEquals(w.yAsDoubles(), predicted);
        Part tail = part.slice("tail", 1, 3);
        assertArrayEquals(new double[] {4, 7}, tail.offsets());
    }
}
