package dev.gated.timeseries.baseline;

import dev.gated.timeseries.window.Windows;

/**
 * A forecast rule without learning, predicting the same targets as a model's windows so the two can be
 * compared row for row.
 *
 * <p>For window i let o = targetStart[i] - 1 be the forecast origin (the last input row; the rule may also read
 * earlier rows of the series, never o + 1 or later). The prediction for step h = 1..H (target row o + h) goes
 * to {@code out[i·H + h - 1]}, the layout of {@link Windows#y()}.
 */
public interface Baseline {

    /** A short name for reports, e.g. "naive", "seasonal-naive(12)", "moving-average(3)". */
    String name();

    /**
     * Predicts every target of every window.
     *
     * @param series      (R) the target column, on the same scale as the windows' y (raw or scaled)
     * @param targetStart (N) the series row of each window's first target
     * @param horizon     H, targets per window
     * @return (N·H) predictions in the layout of {@link Windows#y()}
     * @throws IllegalArgumentException if some window has too little history before its origin
     */
    double[] predict(double[] series, int[] targetStart, int horizon);

    /** Predicts the targets of {@code windows}; see {@link #predict(double[], int[], int)}. */
    default double[] predict(double[] series, Windows windows) {
        return predict(series, windows.targetStart(), windows.horizon());
    }

    /**
     * Checks that window i's origin o = targetStart[i] - 1 has {@code need} rows [o - need + 1, o] inside the
     * series.
     */
    static int origin(double[] series, int[] targetStart, int i, int need, String name) {
        int o = targetStart[i] - 1;
        if (o - need + 1 < 0 || o >= series.length) {
            throw new IllegalArgumentException(name + " needs " + need + " rows of history up to each forecast"
                    + " origin, but window " + i + " has its first target at row " + targetStart[i]
                    + (o >= series.length ? " past the end of the series (" + series.length + " rows)"
                    : " (only " + (o + 1) + " rows before it)") + "; start the windows later or shorten the rule");
        }
        return o;
    }
}
