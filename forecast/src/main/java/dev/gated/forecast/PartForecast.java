package dev.gated.forecast;

import dev.gated.loss.PinballLoss;
import dev.gated.model.Sequential;
import dev.gated.timeseries.baseline.Baseline;
import dev.gated.timeseries.metrics.MetricReport;

/**
 * Predictions of every target of a part next to the actual values, in the file's units and on the model's
 * scale, in the layout of {@code Windows.y()}: value i·H + k is step k + 1 of window i, series row
 * {@code rows[i·H + k]}.
 *
 * @param part            the windows predicted
 * @param rows            (N·H) the series row of each value
 * @param actual          (N·H) actual target, file units
 * @param predicted       (N·H) prediction, file units
 * @param actualScaled    (N·H) actual target, model scale
 * @param predictedScaled (N·H) prediction, model scale
 * @param quantiles       the quantile predictions, file units, or null for a point forecast; when present,
 *                        {@code predicted} is their median
 */
public record PartForecast(Part part, int[] rows, double[] actual, double[] predicted, double[] actualScaled,
                           double[] predictedScaled, QuantileForecast quantiles) {

    /**
     * The network's predictions, un-scaled with the series' scaler; a network of Q quantile levels
     * ({@code levels}, Q outputs per step) gives its median as the prediction and all levels as quantiles.
     */
    public static PartForecast ofModel(Sequential model, Part part, ScaledSeries series, QuantileLevels levels) {
        DataSpec spec = series.spec();
        double[][] byLevel = rawScaledLevels(model, part, spec.targetIndex(), spec.targetCount(), levels);
        ConformalCalibration calibration = levels.any() ? ConformalCalibration.of(model) : null;
        if (calibration != null) {
            calibration.apply(byLevel);
        }
        double[][] unscaled = new double[byLevel.length][];
        for (int q = 0; q < byLevel.length; q++) {
            unscaled[q] = series.unscale(toFloats(byLevel[q]));
        }
        int median = levels.median();
        PartForecast f = of(part, series, unscaled[median], byLevel[median]);
        return levels.any() ? f.withQuantiles(new QuantileForecast(levels, unscaled)) : f;
    }

    /**
     * The network's outputs on {@code part}, one (N·H) array per level (sorted at each target), on the model's
     * scale with the relative windows' offsets added back, before any conformal correction.
     */
    static double[][] rawScaledLevels(Sequential model, Part part, int target, int targets, QuantileLevels levels) {
        // a model of several targets: target's outputs (of the targets per step)
        float[] out = TargetColumns.select(model.predict(part.inputs()).toFloatArray(), target, targets,
                levels.perStep());
        double[] outD = new double[out.length];
        for (int i = 0; i < out.length; i++) {
            outD[i] = out[i];
        }
        double[][] byLevel = QuantileForecast.byLevel(outD, levels.perStep());
        for (double[] level : byLevel) {
            part.addOffsets(level);
        }
        return byLevel;
    }

    /**
     * The network's predictions, with quantiles when it was compiled with a pinball loss (a model trained with
     * {@code --quantiles}, whose levels the loss holds).
     */
    public static PartForecast ofModel(Sequential model, Part part, ScaledSeries series) {
        return ofModel(model, part, series, levelsOf(model));
    }

    /** The quantile levels of a network compiled with a pinball loss, else {@link QuantileLevels#NONE}. */
    public static QuantileLevels levelsOf(Sequential model) {
        if (model.loss() instanceof PinballLoss p) {
            return new QuantileLevels(java.util.Arrays.stream(p.levels()).boxed().toList());
        }
        return QuantileLevels.NONE;
    }

    private static float[] toFloats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }

    /** The same forecast with quantile predictions beside it. */
    public PartForecast withQuantiles(QuantileForecast value) {
        return new PartForecast(part, rows, actual, predicted, actualScaled, predictedScaled, value);
    }

    /** Coverage, width and quantile loss of the quantiles on the actual values, or null without quantiles. */
    public IntervalScore intervalScore() {
        return quantiles == null ? null : quantiles.score(actual);
    }

    /** A baseline's predictions, computed on the series in file units (the rule reads only past rows). */
    public static PartForecast ofBaseline(Baseline baseline, Part part, ScaledSeries series) {
        double[] predicted = baseline.predict(series.rawTarget(), part.windows());
        return of(part, series, predicted, series.scale(predicted));
    }

    private static PartForecast of(Part part, ScaledSeries series, double[] predicted, double[] predictedScaled) {
        int[] rows = part.windows().targetRows();
        double[] actual = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            actual[i] = series.rawTarget()[rows[i]];
        }
        return new PartForecast(part, rows, actual, predicted, part.windows().yAsDoubles(), predictedScaled, null);
    }

    /** Metrics in the file's units. */
    public MetricReport metrics() {
        return MetricReport.of(actual, predicted);
    }

    /** Metrics on the model's scale (the Informer protocol reports MSE and MAE there). */
    public MetricReport scaledMetrics() {
        return MetricReport.of(actualScaled, predictedScaled);
    }

    /** H, steps per window. */
    public int horizon() {
        return part.windows().horizon();
    }

    /** The step-k predictions (k = 0 is one step ahead), one per window: (N) rows and values, for plots. */
    public double[][] step(int k) {
        return step(k, predicted);
    }

    /** The step-k values of {@code values} (layout N·H, e.g. one quantile level): (N) rows and values. */
    public double[][] step(int k, double[] values) {
        int h = horizon();
        int n = part.count();
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rows[i * h + k];
            y[i] = values[i * h + k];
        }
        return new double[][] {x, y};
    }
}
