package dev.gated.forecast;

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
 */
public record PartForecast(Part part, int[] rows, double[] actual, double[] predicted, double[] actualScaled,
                           double[] predictedScaled) {

    /** The network's predictions, un-scaled with the series' scaler. */
    public static PartForecast ofModel(Sequential model, Part part, ScaledSeries series) {
        float[] scaled = model.predict(part.inputs()).toFloatArray();
        double[] scaledD = new double[scaled.length];
        for (int i = 0; i < scaled.length; i++) {
            scaledD[i] = scaled[i];
        }
        part.addOffsets(scaledD);
        float[] absolute = new float[scaled.length];
        for (int i = 0; i < scaled.length; i++) {
            absolute[i] = (float) scaledD[i];
        }
        return of(part, series, series.unscale(absolute), scaledD);
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
        return new PartForecast(part, rows, actual, predicted, part.windows().yAsDoubles(), predictedScaled);
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
        int h = horizon();
        int n = part.count();
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rows[i * h + k];
            y[i] = predicted[i * h + k];
        }
        return new double[][] {x, y};
    }
}
