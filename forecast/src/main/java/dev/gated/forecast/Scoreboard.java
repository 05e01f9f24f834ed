package dev.gated.forecast;

import dev.gated.model.Sequential;
import dev.gated.timeseries.baseline.Baseline;
import dev.gated.timeseries.metrics.MetricReport;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Scores models and the three {@link Baselines} on the same validation and test windows and marks the best test
 * RMSE (p = --period, k = --ma-window on the command line). A model trained with quantile levels also gets its
 * test interval scored ({@link IntervalScore}); given the same levels, each baseline gets an interval from the
 * quantiles of its own residuals on the training windows ({@link ResidualIntervals}), scored the same way.
 */
public final class Scoreboard {

    /** A scored row with the test forecast behind it (for plots). */
    public record Entry(ResultRow row, PartForecast test) {
    }

    private final List<Entry> entries = new ArrayList<>();

    /** Scores a trained network. */
    public Entry addModel(String name, String detail, Sequential model, double seconds, int epochs, PreparedData data) {
        PartForecast test = PartForecast.ofModel(model, data.test(), data.series());
        requireFinite(name, test);
        Double val = data.validation() == null ? null
                : PartForecast.ofModel(model, data.validation(), data.series()).metrics().rmse();
        return add(row(name, detail, model.parameterCount(), seconds, epochs, val, test)
                .withInterval(test.intervalScore()), test);
    }

    /** A model whose test forecast is not finite has diverged or met values it cannot represent: say so. */
    private static void requireFinite(String name, PartForecast test) {
        double rmse = test.metrics().rmse();
        if (!Double.isFinite(rmse) || !Double.isFinite(test.scaledMetrics().mse())) {
            throw new IllegalStateException(name + ": the test RMSE is " + rmse + " (scaled MSE "
                    + test.scaledMetrics().mse() + "): the network's forecasts are not finite numbers; train with a "
                    + "lower --lr or --clip 1.0, and check the data for extreme values");
        }
    }

    /** Scores naive, seasonal naive and moving average; a baseline that cannot run is reported to {@code warn}. */
    public void addBaselines(PreparedData data, int window, Consumer<String> warn) {
        addBaselines(data, window, warn, QuantileLevels.NONE);
    }

    /**
     * As {@link #addBaselines(PreparedData, int, Consumer)}, each baseline with an interval of {@code levels}
     * (when there are any) from the quantiles of its residuals on the training windows, or on the validation
     * windows when the training windows start too early for it.
     */
    public void addBaselines(PreparedData data, int window, Consumer<String> warn, QuantileLevels levels) {
        for (Baselines.Named b : Baselines.standard(data, window, warn)) {
            add(b.name(), b.baseline(), data, warn, levels);
        }
    }

    private static QuantileForecast residualInterval(String name, Baseline baseline, PreparedData data,
                                                     PartForecast test, QuantileLevels levels, Consumer<String> warn) {
        for (Part calibration : new Part[] {data.train(), data.validation()}) {
            if (calibration == null) {
                continue;
            }
            try {
                return ResidualIntervals.of(PartForecast.ofBaseline(baseline, calibration, data.series()), test,
                        levels);
            } catch (IllegalArgumentException tooEarly) {
                // the next part starts later
            }
        }
        warn.accept(name + ": no interval: its rule reaches before the first row of every calibration window");
        return null;
    }

    private void add(String name, Baseline baseline, PreparedData data, Consumer<String> warn, QuantileLevels levels) {
        PartForecast test;
        try {
            test = PartForecast.ofBaseline(baseline, data.test(), data.series());
        } catch (IllegalArgumentException e) {
            warn.accept(name + " left out: " + e.getMessage());
            return;
        }
        Double val = null;
        if (data.validation() != null) {
            try {
                val = PartForecast.ofBaseline(baseline, data.validation(), data.series()).metrics().rmse();
            } catch (IllegalArgumentException tooEarly) {
                warn.accept(name + ": no validation RMSE: " + tooEarly.getMessage());
            }
        }
        if (levels.any()) {
            QuantileForecast interval = residualInterval(name, baseline, data, test, levels, warn);
            test = interval == null ? test : test.withQuantiles(interval);
        }
        add(row(name, baseline.name(), 0, 0, 0, val, test).withInterval(test.intervalScore()), test);
    }

    private Entry add(ResultRow row, PartForecast test) {
        Entry e = new Entry(row, test);
        entries.add(e);
        return e;
    }

    private static ResultRow row(String name, String detail, long params, double seconds, int epochs, Double val,
                                 PartForecast test) {
        MetricReport m = test.metrics();
        MetricReport s = test.scaledMetrics();
        return new ResultRow(name, detail, params, seconds, epochs, val, m.rmse(), m.mae(), m.mse(),
                finite(m.mape()), m.smape(), finite(m.r2()), s.mse(), s.mae(), false);
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** The rows in the order added, the one with the lowest test RMSE marked best. */
    public List<ResultRow> rows() {
        int best = -1;
        for (int i = 0; i < entries.size(); i++) {
            if (best < 0 || entries.get(i).row().testRmse() < entries.get(best).row().testRmse()) {
                best = i;
            }
        }
        List<ResultRow> out = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            out.add(entries.get(i).row().withBest(i == best));
        }
        return out;
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }
}
