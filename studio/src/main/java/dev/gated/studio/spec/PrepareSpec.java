package dev.gated.studio.spec;

import dev.gated.forecast.DataSpec;
import dev.gated.forecast.SplitSpec;
import dev.gated.forecast.Windowing;
import dev.gated.studio.data.StoredDataset;
import dev.gated.timeseries.scale.ScalerKind;
import java.util.ArrayList;
import java.util.List;

/**
 * The Data and Prepare panels' choices: which file and columns, and how the series becomes windows. Every
 * field has a default that works on the samples; JSON fields that are absent arrive as null and take it.
 * The shared pipeline reads them as a {@link DataSpec} ({@link #toDataSpec}) and a {@link Windowing}.
 *
 * @param dataset    the stored data set's id
 * @param target     the column to forecast
 * @param features   input columns (default: the target alone, the univariate set-up)
 * @param time       "auto" (default), "none", or the time column's name
 * @param missing    error (default), interpolate, forward_fill, drop
 * @param window     input steps per window, T (default 12)
 * @param horizon    steps forecast per window (default 1)
 * @param stride     rows between training and validation windows (default 1); test windows always use 1
 * @param scaler     minmax (default) or standard, fitted on the training rows only
 * @param train      fraction of rows for training (default 0.6)
 * @param validation fraction of rows for validation (default 0.15); the rest is test
 * @param relative   windows relative to their last value (default true): the network learns changes, not
 *                   levels, so a trending series' test years above the training range stay reachable
 *                   (the CLI's --relative; see docs/forecasting.md)
 */
public record PrepareSpec(String dataset, String target, List<String> features, String time, String missing,
                          Integer window, Integer horizon, Integer stride, String scaler, Double train,
                          Double validation, Boolean relative) {

    public PrepareSpec {
        if (dataset == null || dataset.isBlank()) {
            throw new IllegalArgumentException("dataset: choose a data set (upload a CSV or pick a sample) first");
        }
        if (target == null || target.isBlank()) {
            throw new IllegalArgumentException("target: choose the column to forecast");
        }
        List<String> f = new ArrayList<>(features == null ? List.of() : features);
        f.removeIf(s -> s == null || s.isBlank());
        if (f.isEmpty()) {
            f.add(target);
        }
        features = List.copyOf(f);
        time = time == null || time.isBlank() ? "auto" : time;
        missing = missing == null || missing.isBlank() ? "error" : missing;
        window = window == null ? 12 : window;
        horizon = horizon == null ? 1 : horizon;
        stride = stride == null ? 1 : stride;
        scaler = scaler == null || scaler.isBlank() ? "minmax" : scaler;
        train = train == null ? 0.6 : train;
        validation = validation == null ? 0.15 : validation;
        relative = relative == null || relative;
        requireRange("window", window, 1, 1000);
        requireRange("horizon", horizon, 1, 500);
        requireRange("stride", stride, 1, 10_000);
        if (!(train > 0 && train < 1)) {
            throw new IllegalArgumentException("train fraction must be between 0 and 1 (exclusive), got " + train);
        }
        if (!(validation >= 0) || train + validation >= 1) {
            throw new IllegalArgumentException("validation fraction must be >= 0 and leave rows for the test part "
                    + "(train + validation < 1), got train " + train + " and validation " + validation);
        }
    }

    private static void requireRange(String name, int v, int lo, int hi) {
        if (v < lo || v > hi) {
            throw new IllegalArgumentException(name + " must be between " + lo + " and " + hi + ", got " + v);
        }
    }

    /** The columns to read: the features, then the target if it is not among them. */
    public List<String> columns() {
        List<String> c = new ArrayList<>(features);
        if (!c.contains(target)) {
            c.add(target);
        }
        return c;
    }

    /** True when the only input is the target's own past. */
    public boolean univariate() {
        return features.size() == 1 && features.get(0).equals(target);
    }

    /**
     * The data settings of the shared pipeline (and of the model file): columns, missing-value policy, scaler and
     * fraction split; the baselines' period is detected and their moving average spans the window. The time
     * column is named when the user named one; "auto" and "none" leave it to be recorded as read.
     */
    public DataSpec toDataSpec() {
        String timeColumn = time.equalsIgnoreCase("auto") || time.equalsIgnoreCase("none") ? null : time;
        return new DataSpec(target, features, timeColumn, StoredDataset.parseMissing(missing), ScalerKind.parse(scaler),
                new SplitSpec(train, validation, null, 0), 0, 0);
    }

    /** T, H, the stride, and whether windows are relative to their last value. */
    public Windowing windowing() {
        return new Windowing(window, horizon, stride, relative);
    }
}
