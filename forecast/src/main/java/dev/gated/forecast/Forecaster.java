package dev.gated.forecast;

import dev.gated.model.Sequential;
import dev.gated.tensor.Tensor;

/**
 * Forecasts the rows after the end of a series, from its last T rows (T = the model's window, H = its horizon):
 * <pre>
 *   steps &le; H          direct:    one prediction of H steps, the first {@code steps} kept
 *   steps &gt; H, F = 1   recursive: predict H steps, append them to the inputs, predict again, … (H = 1 is the
 *                                 classic one-step recursion; errors compound with every step fed back)
 *   steps &gt; H, F &gt; 1   refused:   the other features' future values are unknown — train with --horizon N
 *   steps &gt; H, quantiles refused:   quantiles of fed-back medians are not the forecast's quantiles
 *   several targets       direct, steps &le; H (the other targets' futures are unknown); {@code series} is the
 *                         view of one target ({@link ScaledSeries#forTarget}), which reads that target's outputs
 *   known-future inputs   direct, steps &le; H: the series holds the history rows, then at least H future rows with
 *                         the known-future inputs (the target unknown there); the network reads the window and
 *                         those H rows, see {@link FutureInputs}
 * </pre>
 * A model trained with quantile levels gives its median as the forecast and every level beside it, with the
 * intervals' conformal correction when it has one ({@link ConformalCalibration}).
 */
public final class Forecaster {

    /**
     * @param method    "direct" or "recursive"
     * @param values    (steps) forecast in the target's units (the median for a quantile model)
     * @param quantiles the levels and their (Q, steps) forecasts, or null for a point model
     */
    public record Result(String method, double[] values, QuantileForecast quantiles) {
    }

    private Forecaster() {
    }

    /** Forecasts {@code steps} rows after the last row of {@code series}. */
    public static Result forecast(ForecastModel fm, ScaledSeries series, int steps) {
        return forecast(fm, series, series.rows(), steps);
    }

    /**
     * Forecasts {@code steps} rows after the first {@code origin} rows of {@code series}; the rows after them
     * are the future rows of a model with known-future inputs ({@link FutureRows}), none for other models.
     */
    public static Result forecast(ForecastModel fm, ScaledSeries series, int origin, int steps) {
        if (fm.data().hasKnownFuture()) {
            return knownFutureForecast(fm, series, origin, steps);
        }
        if (origin != series.rows()) {
            throw new IllegalArgumentException("the model has no known-future inputs, so the series must end with "
                    + "its history; it has " + (series.rows() - origin) + " rows after it");
        }
        int t = fm.hp().window();
        int h = fm.hp().horizon();
        if (steps < 1) {
            throw new IllegalArgumentException("--steps must be >= 1, got " + steps);
        }
        if (series.rows() < t) {
            throw new IllegalArgumentException(series.table().source() + " has " + series.rows()
                    + " rows but the model reads windows of " + t + " rows; give at least the last " + t + " rows");
        }
        if (steps > h && !fm.data().univariate()) {
            throw new UnsupportedForecastException("the model predicts " + h + " step" + (h == 1 ? "" : "s")
                    + " at once from the features " + fm.data().features() + "; forecasting " + steps
                    + " steps would need future values of the other features; train with --horizon " + steps
                    + " for a direct " + steps + "-step forecast, or with the target as the only feature");
        }
        QuantileLevels levels = PartForecast.levelsOf(fm.network());
        if (steps > h && levels.any()) {
            throw new UnsupportedForecastException("the model predicts the quantiles " + levels.text() + " of " + h
                    + " step" + (h == 1 ? "" : "s") + " at once; feeding its medians back for " + steps
                    + " steps would not give the quantiles of the later steps; train with --horizon " + steps
                    + " for a direct " + steps + "-step forecast with intervals");
        }
        double[][] features = series.features();
        int f = features.length;
        if (levels.any()) {
            return quantileForecast(fm, series, steps, levels);
        }
        int r = series.rows();
        // history[j·F + c] = feature c at row r - t + j; grows as predictions are fed back (univariate only)
        double[] history = new double[(t + steps + h) * f];
        for (int j = 0; j < t; j++) {
            for (int c = 0; c < f; c++) {
                history[j * f + c] = features[c][r - t + j];
            }
        }
        float[] out = new float[steps];
        int done = 0;
        while (done < steps) {
            float[] x = new float[t * f];
            for (int i = 0; i < t * f; i++) {
                x[i] = (float) history[done * f + i];
            }
            // the scaled target at the last input row: the offset of relative windows
            double last = done == 0 ? series.target()[r - 1] : out[done - 1];
            if (fm.hp().relative()) {
                Part.relativeToLast(x, 1, t, f);
            }
            float[] y = TargetColumns.select(predict(fm.network(), x, t, f), series.spec().targetIndex(),
                    series.spec().targetCount(), 1);
            int take = Math.min(h, steps - done);
            for (int k = 0; k < take; k++) {
                out[done + k] = fm.hp().relative() ? (float) (y[k] + last) : y[k];
                history[(t + done + k) * f] = out[done + k]; // absolute (scaled) values, whatever the window form
            }
            done += take;
        }
        return new Result(steps <= h ? "direct" : "recursive", series.unscale(out), null);
    }

    /**
     * The direct forecast of a model with known-future inputs: x⁺ (1, T + H, F + 1) from the T history rows
     * before row {@code history} and the H rows from it on.
     */
    private static Result knownFutureForecast(ForecastModel fm, ScaledSeries series, int history, int steps) {
        int t = fm.hp().window();
        int h = fm.hp().horizon();
        if (steps > h) {
            throw new UnsupportedForecastException("the model predicts " + h + " step" + (h == 1 ? "" : "s")
                    + " at once from known-future inputs " + fm.data().knownFuture() + "; train with --horizon "
                    + steps + " for a direct " + steps + "-step forecast");
        }
        if (history < t) {
            throw new IllegalArgumentException(series.table().source() + " has " + history + " rows of history but "
                    + "the model reads windows of " + t + " rows; give at least the last " + t + " rows");
        }
        if (series.rows() - history < h) {
            throw new IllegalArgumentException(series.table().source() + " has " + (series.rows() - history)
                    + " future rows after the last value of \"" + fm.data().target() + "\"; the model reads its "
                    + "known-future inputs " + fm.data().knownFuture() + " on the " + h + " rows of its horizon");
        }
        double[][] features = series.features();
        int f = features.length;
        float[] x = window(features, history, t);
        FutureInputs future = FutureInputs.of(features, fm.data().knownFutureInputs(), new int[] {history}, h);
        float[] xPlus = future.extend(x, 1, t, f, fm.hp().relative());
        QuantileLevels levels = PartForecast.levelsOf(fm.network());
        float[] y = TargetColumns.select(fm.network().predict(Tensor.of(xPlus, 1, future.steps(t), f + 1))
                .toFloatArray(), series.spec().targetIndex(), series.spec().targetCount(), levels.perStep());
        Result r = levelsOf(fm, series, history, steps, levels, y);
        return levels.any() ? r : new Result("direct", r.values(), null);
    }

    /** The direct forecast of a quantile model: every level of the first {@code steps} ≤ H steps. */
    private static Result quantileForecast(ForecastModel fm, ScaledSeries series, int steps, QuantileLevels levels) {
        int t = fm.hp().window();
        double[][] features = series.features();
        int f = features.length;
        int r = series.rows();
        float[] x = window(features, r, t);
        if (fm.hp().relative()) {
            Part.relativeToLast(x, 1, t, f);
        }
        return levelsOf(fm, series, r, steps, levels, TargetColumns.select(predict(fm.network(), x, t, f),
                series.spec().targetIndex(), series.spec().targetCount(), levels.perStep()));
    }

    /**
     * The network's output y (H·Q) for the window ending at row {@code history} − 1, as a forecast: each level
     * un-shifted (relative windows) and un-scaled, the median the point; Q = 1 for a point model.
     */
    private static Result levelsOf(ForecastModel fm, ScaledSeries series, int history, int steps,
                                   QuantileLevels levels, float[] y) {
        double[] yD = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            yD[i] = y[i];
        }
        double[][] byLevel = QuantileForecast.byLevel(yD, levels.perStep());
        ConformalCalibration calibration = ConformalCalibration.of(fm.network());
        if (calibration != null) {
            calibration.apply(byLevel);   // a shift is invariant to the offset added below
        }
        double last = series.target()[history - 1];
        double[][] values = new double[byLevel.length][];
        for (int q = 0; q < byLevel.length; q++) {
            float[] scaled = new float[steps];
            for (int k = 0; k < steps; k++) {
                scaled[k] = (float) (byLevel[q][k] + (fm.hp().relative() ? last : 0));
            }
            values[q] = series.unscale(scaled);
        }
        return new Result("direct", values[levels.median()], new QuantileForecast(levels, values));
    }

    /** The window (T, F) of the T rows before row {@code end}: x[j·F + c] = feature c at row end − T + j. */
    private static float[] window(double[][] features, int end, int t) {
        int f = features.length;
        float[] x = new float[t * f];
        for (int j = 0; j < t; j++) {
            for (int c = 0; c < f; c++) {
                x[j * f + c] = (float) features[c][end - t + j];
            }
        }
        return x;
    }

    private static float[] predict(Sequential model, float[] x, int t, int f) {
        return model.predict(Tensor.of(x, 1, t, f)).toFloatArray();
    }

    /** A forecast this model cannot make as asked; the message says how to train one that can. */
    public static final class UnsupportedForecastException extends IllegalArgumentException {
        UnsupportedForecastException(String message) {
            super(message);
        }
    }
}
