package dev.gated.forecast;

/**
 * One row of a comparison: a trained model or a baseline scored on the same validation and test targets.
 * Serialised to JSON with snake_case names (model, params, train_seconds, epochs, val_rmse, test_rmse, test_mae,
 * test_mse, test_mape, test_smape, test_r2, test_mse_scaled, test_mae_scaled, best, and with quantiles
 * interval_nominal, test_coverage, test_interval_width, test_quantile_loss, test_wql); see docs/forecasting.md.
 * Errors are in the target's units except the {@code _scaled} ones (on the scaler's scale); a value that does
 * not exist (no validation part, MAPE of an all-zero target) is null.
 *
 * @param model         lstm, gru, rnn, naive, seasonal_naive or moving_average
 * @param detail        e.g. "seasonal-naive(12)", "2x50 units" (text output only)
 * @param params        trainable parameters (0 for baselines)
 * @param trainSeconds  wall time of training (0 for baselines)
 * @param epochs        epochs run (0 for baselines)
 * @param valRmse       RMSE on the validation targets, or null
 * @param testRmse      RMSE on the test targets
 * @param testMae       MAE on the test targets
 * @param testMse       MSE on the test targets
 * @param testMape      MAPE in percent, or null
 * @param testSmape     sMAPE in percent
 * @param testR2        R², or null
 * @param testMseScaled MSE on the scaled test targets
 * @param testMaeScaled MAE on the scaled test targets
 * @param best          true for the row with the lowest test RMSE
 * @param intervalNominal   the share of targets the prediction interval should cover (τ_Q − τ₁), or null
 *                          without quantiles
 * @param testCoverage      the share of test targets inside the interval, or null (see {@link IntervalScore})
 * @param testIntervalWidth the mean interval width on the test targets, target units, or null
 * @param testQuantileLoss  the mean pinball loss over test targets and levels, target units, or null
 * @param testWql           the weighted quantile loss on the test targets, or null
 */
public record ResultRow(String model, String detail, long params, double trainSeconds, int epochs, Double valRmse,
                        double testRmse, double testMae, double testMse, Double testMape, double testSmape,
                        Double testR2, double testMseScaled, double testMaeScaled, boolean best,
                        Double intervalNominal, Double testCoverage, Double testIntervalWidth,
                        Double testQuantileLoss, Double testWql) {

    /** A row without interval scores. */
    public ResultRow(String model, String detail, long params, double trainSeconds, int epochs, Double valRmse,
                     double testRmse, double testMae, double testMse, Double testMape, double testSmape,
                     Double testR2, double testMseScaled, double testMaeScaled, boolean best) {
        this(model, detail, params, trainSeconds, epochs, valRmse, testRmse, testMae, testMse, testMape, testSmape,
                testR2, testMseScaled, testMaeScaled, best, null, null, null, null, null);
    }

    public ResultRow withBest(boolean value) {
        return new ResultRow(model, detail, params, trainSeconds, epochs, valRmse, testRmse, testMae, testMse, testMape,
                testSmape, testR2, testMseScaled, testMaeScaled, value, intervalNominal, testCoverage,
                testIntervalWidth, testQuantileLoss, testWql);
    }

    /** This row with the interval scores of its test forecast (unchanged when {@code s} is null). */
    public ResultRow withInterval(IntervalScore s) {
        if (s == null) {
            return this;
        }
        return new ResultRow(model, detail, params, trainSeconds, epochs, valRmse, testRmse, testMae, testMse, testMape,
                testSmape, testR2, testMseScaled, testMaeScaled, best, s.nominal(), s.coverage(), s.meanWidth(),
                s.quantileLoss(), Double.isFinite(s.weightedQuantileLoss()) ? s.weightedQuantileLoss() : null);
    }
}
