package dev.gated.forecast;

import dev.gated.timeseries.window.WindowSpec;

/**
 * How a series is cut into the windows a network reads: T input steps, H target steps, the stride between
 * training (and validation) windows, and whether windows are relative to their last value (see {@link Part}).
 * The part of {@link HyperParameters} that data preparation needs, so data can be prepared (and shown) before
 * a network is chosen.
 *
 * @param window   T, input steps per window, &ge; 1
 * @param horizon  H, target steps per window, &ge; 1
 * @param stride   rows between the starts of consecutive training and validation windows, &ge; 1
 * @param relative inputs and targets relative to each window's last value
 */
public record Windowing(int window, int horizon, int stride, boolean relative) {

    /** The largest --window, --horizon and --stride: far beyond useful, small enough for int arithmetic. */
    public static final int MAX_STEPS = 1_000_000;

    public Windowing {
        inRange(window, "--window");
        inRange(horizon, "--horizon");
        inRange(stride, "--stride");
    }

    private static void inRange(int value, String option) {
        if (value < 1 || value > MAX_STEPS) {
            throw new IllegalArgumentException(option + " must be in [1, " + MAX_STEPS + "], got " + value);
        }
    }

    /** The window shape, stride 1 (the test part's: every row is forecast). */
    public WindowSpec shape() {
        return WindowSpec.of(window, horizon);
    }
}
