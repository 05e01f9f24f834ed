package dev.gated.layer;

import dev.gated.tensor.Shape;
import java.util.Arrays;

/** Argument checks whose messages name the option, what was expected and what was found. */
public final class Checks {

    private Checks() {
    }

    public static int positive(String option, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(option + ": expected a positive integer but found " + value);
        }
        return value;
    }

    public static double positive(String option, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(option + ": expected a positive finite number but found " + value);
        }
        return value;
    }

    public static double nonNegative(String option, double value) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(option + ": expected a number ≥ 0 but found " + value);
        }
        return value;
    }

    /** A value in [0, 1) — dropout rates, momentum. */
    public static double fraction(String option, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(option + ": expected a value in [0, 1) but found " + value);
        }
        return value;
    }

    /**
     * The shape a layer built for {@code built} accepts per call: the same with the time axis free when
     * there is one (rank ≥ 2: (T, features…)). Layers run on any T whatever T they were built for.
     */
    public static int[] freeTime(int[] built) {
        int[] shape = built.clone();
        if (shape.length >= 2) {
            shape[0] = Shape.ANY;
        }
        return shape;
    }

    /**
     * Checks a batch's shape (without the batch axis) against what the layer was built for; dimensions
     * {@link Shape#ANY} in {@code expected} match any size.
     */
    public static void inputShape(String layer, int[] expected, int[] actualWithBatch) {
        int[] actual = Arrays.copyOfRange(actualWithBatch, 1, actualWithBatch.length);
        if (!Shape.fits(expected, actual)) {
            throw new IllegalArgumentException(layer + ": expected input of shape (batch, "
                    + Shape.describe(expected) + ") but found (" + Shape.describe(actualWithBatch) + ")"
                    + (expected.length != actual.length
                    ? " — rank " + (expected.length + 1) + " expected, " + actualWithBatch.length + " found"
                    + (expected.length == 2 && actual.length == 1
                    ? "; recurrent layers take (batch, time, features): reshape a univariate series to features = 1" : "")
                    : ""));
        }
    }

}
