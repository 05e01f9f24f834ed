package dev.gated.timeseries.metrics;

/**
 * Forecast error measures on paired actual values A and predictions F of length n &ge; 1:
 * <pre>
 *   MSE   = (1/n) Σ (A_t - F_t)²
 *   RMSE  = sqrt(MSE)
 *   MAE   = (1/n) Σ |A_t - F_t|
 *   MAPE  = (100/m) Σ_{t: A_t ≠ 0} |A_t - F_t| / |A_t|          in percent; m = number of non-zero A_t
 *   sMAPE = (100/n) Σ 2·|F_t - A_t| / (|A_t| + |F_t|)          in percent, 0..200; a term with A_t = F_t = 0 is 0
 *   R²    = 1 - Σ (A_t - F_t)² / Σ (A_t - mean(A))²
 * </pre>
 * MAPE skips rows whose actual is exactly 0 (the ratio is undefined there) and fails if every actual is 0;
 * {@link #mapeSkipped} says how many were skipped. R² fails if the actuals are constant (Σ (A - mean)² = 0).
 * All inputs must be finite and of equal length.
 */
public final class Metrics {

    private Metrics() {
    }

    public static double mse(double[] actual, double[] predicted) {
        check(actual, predicted);
        double s = 0;
        for (int t = 0; t < actual.length; t++) {
            double d = actual[t] - predicted[t];
            s += d * d;
        }
        return s / actual.length;
    }

    public static double rmse(double[] actual, double[] predicted) {
        return Math.sqrt(mse(actual, predicted));
    }

    public static double mae(double[] actual, double[] predicted) {
        check(actual, predicted);
        double s = 0;
        for (int t = 0; t < actual.length; t++) {
            s += Math.abs(actual[t] - predicted[t]);
        }
        return s / actual.length;
    }

    /** Mean absolute percentage error in percent, over the rows with a non-zero actual. */
    public static double mape(double[] actual, double[] predicted) {
        check(actual, predicted);
        double s = 0;
        int m = 0;
        for (int t = 0; t < actual.length; t++) {
            if (actual[t] != 0) {
                s += Math.abs(actual[t] - predicted[t]) / Math.abs(actual[t]);
                m++;
            }
        }
        if (m == 0) {
            throw new IllegalArgumentException("MAPE is undefined: all " + actual.length
                    + " actual values are 0; use MAE or sMAPE");
        }
        return 100 * s / m;
    }

    /** The number of rows MAPE skips because their actual is 0. */
    public static int mapeSkipped(double[] actual) {
        int z = 0;
        for (double a : actual) {
            z += a == 0 ? 1 : 0;
        }
        return z;
    }

    /** Symmetric MAPE in percent (0..200). */
    public static double smape(double[] actual, double[] predicted) {
        check(actual, predicted);
        double s = 0;
        for (int t = 0; t < actual.length; t++) {
            double denominator = Math.abs(actual[t]) + Math.abs(predicted[t]);
            if (denominator != 0) {
                s += 2 * Math.abs(predicted[t] - actual[t]) / denominator;
            }
        }
        return 100 * s / actual.length;
    }

    /** Coefficient of determination; 1 is perfect, 0 is as good as predicting the mean, negative is worse. */
    public static double r2(double[] actual, double[] predicted) {
        check(actual, predicted);
        double mean = 0;
        for (double a : actual) {
            mean += a;
        }
        mean /= actual.length;
        double ssRes = 0;
        double ssTot = 0;
        for (int t = 0; t < actual.length; t++) {
            ssRes += (actual[t] - predicted[t]) * (actual[t] - predicted[t]);
            ssTot += (actual[t] - mean) * (actual[t] - mean);
        }
        if (ssTot == 0) {
            throw new IllegalArgumentException("R² is undefined: the " + actual.length
                    + " actual values are all equal (" + actual[0] + ")");
        }
        return 1 - ssRes / ssTot;
    }

    private static void check(double[] actual, double[] predicted) {
        if (actual.length != predicted.length) {
            throw new IllegalArgumentException(actual.length + " actual values but " + predicted.length
                    + " predictions; they must pair up one to one");
        }
        if (actual.length == 0) {
            throw new IllegalArgumentException("no values to score: actual and predicted are empty");
        }
        for (int t = 0; t < actual.length; t++) {
            if (!Double.isFinite(actual[t]) || !Double.isFinite(predicted[t])) {
                throw new IllegalArgumentException("value " + t + " is not finite: actual " + actual[t]
                        + ", predicted " + predicted[t]);
            }
        }
    }
}
