package dev.gated.timeseries.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * All {@link Metrics} of one forecast at once, for reports and {@code --json} output. Where a metric is
 * undefined (MAPE with all actuals 0, R² with constant actuals) it is NaN here instead of an error.
 *
 * @param n           number of scored values
 * @param mse         mean squared error
 * @param rmse        root mean squared error
 * @param mae         mean absolute error
 * @param mape        mean absolute percentage error in percent (NaN if every actual is 0)
 * @param mapeSkipped values left out of MAPE because their actual is 0
 * @param smape       symmetric MAPE in percent
 * @param r2          coefficient of determination (NaN if the actuals are constant)
 */
public record MetricReport(int n, double mse, double rmse, double mae, double mape, int mapeSkipped,
                           double smape, double r2) {

    /** Scores {@code predicted} against {@code actual}. */
    public static MetricReport of(double[] actual, double[] predicted) {
        double mse = Metrics.mse(actual, predicted);
        int skipped = Metrics.mapeSkipped(actual);
        double mape = skipped == actual.length ? Double.NaN : Metrics.mape(actual, predicted);
        double r2;
        try {
            r2 = Metrics.r2(actual, predicted);
        } catch (IllegalArgumentException constantActuals) {
            r2 = Double.NaN;
        }
        return new MetricReport(actual.length, mse, Math.sqrt(mse), Metrics.mae(actual, predicted), mape, skipped,
                Metrics.smape(actual, predicted), r2);
    }

    /** The metrics by name, in a fixed order: n, mse, rmse, mae, mape, mape_skipped, smape, r2. */
    public Map<String, Double> asMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("n", (double) n);
        m.put("mse", mse);
        m.put("rmse", rmse);
        m.put("mae", mae);
        m.put("mape", mape);
        m.put("mape_skipped", (double) mapeSkipped);
        m.put("smape", smape);
        m.put("r2", r2);
        return m;
    }
}
