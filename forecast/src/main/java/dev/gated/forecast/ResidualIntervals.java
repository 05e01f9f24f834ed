package dev.gated.forecast;

/**
 * Prediction intervals for a point forecaster (a baseline) from its own errors on an earlier part: the empirical
 * quantiles of the residuals of each horizon step are added to its forecasts.
 * <pre>
 *   r_k(i)      = y(i, k) − ŷ(i, k)                  residuals of step k on the calibration part's N windows
 *   q_τ(i', k)  = ŷ(i', k) + Quantile_τ(r_k)         forecast of level τ, step k, window i' of the scored part
 *   Quantile_τ(r) = r₍ⱼ₎ + (h − j)·(r₍ⱼ₊₁₎ − r₍ⱼ₎)   h = (N − 1)·τ, j = ⌊h⌋, r₍₀₎ ≤ … ≤ r₍N−1₎ sorted
 *                                                    (Hyndman and Fan's type 7, numpy's default)
 * </pre>
 * With the median level the "point" forecast becomes ŷ + median residual, a bias correction; the errors of the
 * baselines' rows stay those of ŷ itself.
 */
public final class ResidualIntervals {

    private ResidualIntervals() {
    }

    /**
     * @param calibration the forecaster's predictions on the calibration part (the residuals' source)
     * @param scored      its predictions on the part to give intervals to, same horizon H
     */
    public static QuantileForecast of(PartForecast calibration, PartForecast scored, QuantileLevels levels) {
        int h = calibration.horizon();
        int n = calibration.part().count();
        double[] tau = levels.toArray();
        double[][] shift = new double[tau.length][h];
        double[] residuals = new double[n];
        for (int k = 0; k < h; k++) {
            for (int i = 0; i < n; i++) {
                residuals[i] = calibration.actual()[i * h + k] - calibration.predicted()[i * h + k];
            }
            java.util.Arrays.sort(residuals);
            for (int q = 0; q < tau.length; q++) {
                shift[q][k] = quantile(residuals, tau[q]);
            }
        }
        double[] predicted = scored.predicted();
        double[][] values = new double[tau.length][predicted.length];
        for (int q = 0; q < tau.length; q++) {
            for (int i = 0; i < predicted.length; i++) {
                values[q][i] = predicted[i] + shift[q][i % h];
            }
        }
        return new QuantileForecast(levels, values);
    }

    /** Quantile_τ of sorted values (type 7, see the class comment). */
    static double quantile(double[] sorted, double tau) {
        double pos = (sorted.length - 1) * tau;
        int j = (int) Math.floor(pos);
        if (j >= sorted.length - 1) {
            return sorted[sorted.length - 1];
        }
        return sorted[j] + (pos - j) * (sorted[j + 1] - sorted[j]);
    }
}
