package dev.gated.timeseries.split;

import dev.gated.timeseries.RowRange;

/**
 * One fold of a rolling-origin evaluation: fit on {@code train}, forecast {@code test}, which starts where
 * train ends (the forecast origin).
 *
 * @param index 0-based fold number
 * @param train rows [0, origin)
 * @param test  rows [origin, origin + testSize)
 */
public record Fold(int index, RowRange train, RowRange test) {

    /** The forecast origin: the first test row, = train.end. */
    public int origin() {
        return test.start();
    }
}
