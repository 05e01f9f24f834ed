package dev.gated.cli.output;

import dev.gated.forecast.ResultRow;
import dev.gated.forecast.RollingEvaluation;
import java.util.List;
import java.util.Locale;

/**
 * The comparison table as text, one row per model or baseline, the best test RMSE marked with '*':
 * <pre>
 *   model           detail                params  train_s  epochs  val_rmse  test_rmse  test_mae  test_mape%
 *   lstm            1x50 units, window 12  10,451     12.3      40    21.456     40.123    30.456       7.12
 * * gru             …
 * </pre>
 * With {@code scaled} the error columns are MSE and MAE on the scaler's scale (the Informer protocol). When the
 * rows have intervals (a model trained with quantiles) three columns follow: the share of test targets inside the
 * interval in percent, its mean width and the mean pinball loss (see {@code IntervalScore}).
 */
public final class ResultTable {

    private ResultTable() {
    }

    public static String render(List<ResultRow> rows, boolean scaled) {
        StringBuilder sb = new StringBuilder();
        Double nominal = rows.stream().map(ResultRow::intervalNominal).filter(java.util.Objects::nonNull).findFirst()
                .orElse(null);
        boolean intervals = nominal != null;
        String head = scaled ? String.format(Locale.ROOT, "  %-15s %-24s %9s %8s %6s %10s %10s %10s%n", "model", "detail",
                "params", "train_s", "epochs", "val_rmse", "test_mse*", "test_mae*")
                : String.format(Locale.ROOT, "  %-15s %-24s %9s %8s %6s %10s %10s %10s %8s%n", "model", "detail",
                "params", "train_s", "epochs", "val_rmse", "test_rmse", "test_mae", "mape%");
        sb.append(intervals ? head.stripTrailing() + String.format(Locale.ROOT, " %7s %10s %10s%n", "cover%",
                "width", "qloss") : head);
        for (ResultRow r : rows) {
            String common = String.format(Locale.ROOT, "%s %-15s %-24s %,9d %8.1f %6d %10s", r.best() ? "*" : " ", r.model(),
                    r.detail(), r.params(), r.trainSeconds(), r.epochs(), number(r.valRmse()));
            if (scaled) {
                sb.append(common).append(String.format(Locale.ROOT, " %10.4f %10.4f", r.testMseScaled(),
                        r.testMaeScaled()));
            } else {
                sb.append(common).append(String.format(Locale.ROOT, " %10s %10s %8s", number(r.testRmse()),
                        number(r.testMae()), r.testMape() == null ? "-" : String.format(Locale.ROOT, "%.2f", r.testMape())));
            }
            if (intervals) {
                sb.append(r.testCoverage() == null ? String.format(Locale.ROOT, " %7s %10s %10s", "-", "-", "-")
                        : String.format(Locale.ROOT, " %7.1f %10s %10s", 100 * r.testCoverage(),
                        number(r.testIntervalWidth()), number(r.testQuantileLoss())));
            }
            sb.append(String.format("%n"));
        }
        if (intervals) {
            sb.append(String.format(Locale.ROOT, "cover%% = test targets inside the %.0f%% interval (lowest to highest "
                    + "quantile); width = its mean width; qloss = mean pinball loss over the levels; baselines' "
                    + "intervals: quantiles of their errors on the training windows%n", 100 * nominal));
        }
        return sb.toString();
    }

    /**
     * The rolling-origin table: one row per model or baseline, mean ± sample sd over the folds.
     * <pre>
     *   model           detail                   rmse (mean ± sd)        mae (mean ± sd)      smape% (mean ± sd)
     *   lstm            1x50 units, T=12          21.456 ± 3.210          17.001 ± 2.113         4.51 ± 0.80
     * </pre>
     */
    public static String renderRolling(List<RollingEvaluation.Row> rows) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "  %-15s %-24s %23s %23s %19s%n", "model",
                "detail", "rmse (mean ± sd)", "mae (mean ± sd)", "smape% (mean ± sd)"));
        for (RollingEvaluation.Row r : rows) {
            sb.append(String.format(Locale.ROOT, "  %-15s %-24s %23s %23s %19s%n", r.model(), r.detail(),
                    number(r.rmse().mean()) + " ± " + number(r.rmse().sd()),
                    number(r.mae().mean()) + " ± " + number(r.mae().sd()),
                    String.format(Locale.ROOT, "%.2f ± %.2f", r.smape().mean(), r.smape().sd())));
        }
        return sb.toString();
    }

    /** Four significant-ish decimals for small numbers, fewer for large ones. */
    static String number(Double v) {
        if (v == null) {
            return "-";
        }
        double a = Math.abs(v);
        return String.format(Locale.ROOT, a >= 1000 ? "%.1f" : a >= 10 ? "%.3f" : "%.4f", v);
    }
}
