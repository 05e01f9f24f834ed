package dev.gated.timeseries.window;

import dev.gated.timeseries.RowRange;

/**
 * Cuts (x, y) windows from columns of a series; the semantics are in {@link WindowSpec}, the layout in
 * {@link Windows}.
 *
 * <p>Features and target are separate arguments, so the target may be one of the features (the usual
 * autoregressive set-up: pass the same column in both) or not (forecast OT from the six loads only).
 */
public final class WindowMaker {

    private WindowMaker() {
    }

    /**
     * Windows over the whole series.
     *
     * @param features (F, R) feature columns, column-major; all of length R
     * @param target   (R) the target column
     */
    public static Windows make(double[][] features, double[] target, WindowSpec spec) {
        return make(features, target, spec, RowRange.all(target.length), InputHistory.WITHIN_PART);
    }

    /** Univariate windows: the series is both the only feature and the target. */
    public static Windows make(double[] series, WindowSpec spec) {
        return make(new double[][] {series}, series, spec);
    }

    /**
     * Windows whose targets all lie in {@code part}; inputs as the {@code history} policy allows.
     *
     * @param features (F, R) feature columns, column-major
     * @param target   (R) target column
     * @param part     the rows the targets must lie in (e.g. the test part of a split)
     * @throws IllegalArgumentException if the part cannot hold one window, saying how many rows are needed
     */
    public static Windows make(double[][] features, double[] target, WindowSpec spec, RowRange part,
                               InputHistory history) {
        int rows = target.length;
        checkColumns(features, rows);
        part.requireWithin(rows, "the rows of the part");
        int first = history == InputHistory.WITHIN_PART ? part.start()
                : Math.max(0, part.start() - spec.inputSpan());
        int n = spec.count(first, part.end());
        if (n == 0) {
            throw tooFewRows(spec, part, first, history, target.length);
        }
        int t = spec.length();
        int f = features.length;
        int h = spec.horizon();
        int r = spec.samplingRate();
        float[] x = new float[n * t * f];
        float[] y = new float[n * h];
        int[] targetStart = new int[n];
        for (int i = 0; i < n; i++) {
            int s = first + i * spec.stride();
            for (int j = 0; j < t; j++) {
                int row = s + j * r;
                int base = (i * t + j) * f;
                for (int c = 0; c < f; c++) {
                    x[base + c] = (float) features[c][row];
                }
            }
            int e = s + (t - 1) * r;
            targetStart[i] = e + 1;
            for (int k = 0; k < h; k++) {
                y[i * h + k] = (float) target[e + 1 + k];
            }
        }
        return new Windows(x, y, n, t, f, h, targetStart);
    }

    private static void checkColumns(double[][] features, int rows) {
        if (features.length == 0) {
            throw new IllegalArgumentException("no feature columns: give at least one (F >= 1)");
        }
        for (int c = 0; c < features.length; c++) {
            if (features[c].length != rows) {
                throw new IllegalArgumentException("feature column " + c + " has " + features[c].length
                        + " rows but the target has " + rows + "; all columns must have the same length");
            }
        }
    }

    private static IllegalArgumentException tooFewRows(WindowSpec spec, RowRange part, int first,
                                                       InputHistory history, int seriesRows) {
        int have = part.end() - first;
        String needs = "one window of length " + spec.length()
                + (spec.samplingRate() > 1 ? " at sampling rate " + spec.samplingRate() : "")
                + " and horizon " + spec.horizon() + " needs " + spec.span() + " rows ((L-1)*r + 1 + h = ("
                + spec.length() + "-1)*" + spec.samplingRate() + " + 1 + " + spec.horizon() + ")";
        String where = part.start() == 0 && first == 0 && part.end() == seriesRows ? "the series has " + have + " rows"
                : "the part " + part + (history == InputHistory.FROM_EARLIER_ROWS && first < part.start()
                ? " with its history from row " + first : "") + " has " + have + " rows";
        return new IllegalArgumentException(needs + ", but " + where
                + "; use a shorter window or horizon, or more data");
    }
}
