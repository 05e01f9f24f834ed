package dev.gated.timeseries.window;

/**
 * The shape of the sliding windows cut from a series, with the meaning of Keras's
 * {@code timeseries_dataset_from_array(sequence_length, sequence_stride, sampling_rate)} plus a forecast
 * horizon.
 *
 * <p>Window i starts at row s_i = s_0 + i·stride and, with L = length, r = samplingRate, h = horizon:
 * <pre>
 *   input  x_i = ( v[s_i], v[s_i + r], …, v[s_i + (L-1)·r] )                 L rows
 *   last input row  e_i = s_i + (L-1)·r
 *   target y_i = ( y[e_i + 1], y[e_i + 2], …, y[e_i + h] )                  h rows, always 1 apart
 * </pre>
 * The target steps are consecutive rows after the last input row whatever the sampling rate (as in the Keras
 * weather example, where the target is a fixed number of raw rows ahead). With r = 1 and h = 1 this is the
 * Keras idiom {@code timeseries_dataset_from_array(data[:-L], targets=data[L:], sequence_length=L)}.
 *
 * <p>A window needs {@link #span()} = (L-1)·r + 1 + h consecutive rows.
 *
 * @param length       L, input steps per window (Keras sequence_length), &ge; 1
 * @param horizon      h, target steps per window (1 = one-step forecast), &ge; 1
 * @param stride       rows between the starts of consecutive windows (Keras sequence_stride), &ge; 1
 * @param samplingRate r, rows between consecutive input steps inside a window (Keras sampling_rate), &ge; 1
 */
public record WindowSpec(int length, int horizon, int stride, int samplingRate) {

    public WindowSpec {
        requirePositive(length, "window length (sequence_length)");
        requirePositive(horizon, "horizon");
        requirePositive(stride, "stride (sequence_stride)");
        requirePositive(samplingRate, "sampling rate");
    }

    /** Windows of {@code length} inputs, one-step targets, stride 1, sampling rate 1. */
    public static WindowSpec of(int length) {
        return new WindowSpec(length, 1, 1, 1);
    }

    /** Windows of {@code length} inputs and {@code horizon} targets, stride 1, sampling rate 1. */
    public static WindowSpec of(int length, int horizon) {
        return new WindowSpec(length, horizon, 1, 1);
    }

    public WindowSpec withStride(int s) {
        return new WindowSpec(length, horizon, s, samplingRate);
    }

    public WindowSpec withSamplingRate(int r) {
        return new WindowSpec(length, horizon, stride, r);
    }

    /** Rows from the first input row to the last target row of one window: (L-1)·r + 1 + h. */
    public int span() {
        return (length - 1) * samplingRate + 1 + horizon;
    }

    /** Rows from the first input row to the last input row, inclusive: (L-1)·r + 1. */
    public int inputSpan() {
        return (length - 1) * samplingRate + 1;
    }

    /**
     * The number of windows whose rows all lie in {@code [first, end)} when the first window starts at
     * {@code first}: floor((end - first - span) / stride) + 1, or 0 if that is negative.
     */
    public int count(int first, int end) {
        int room = end - first - span();
        return room < 0 ? 0 : room / stride + 1;
    }

    private static void requirePositive(int v, String name) {
        if (v < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, got " + v);
        }
    }
}
