package dev.gated.forecast;

import dev.gated.model.Sequential;
import dev.gated.timeseries.baseline.Baseline;
import dev.gated.timeseries.metrics.MetricReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Scores models and the three {@link Baselines} on the same validation and test windows and marks the best test
 * RMSE (p = --period, k = --ma-window on the command line). A model trained with quantile levels also gets its
 * test interval scored ({@link IntervalScore}); given the same levels, each baseline gets an interval from the
 * quantiles of its own residuals on the training windows ({@link ResidualIntervals}), scored the same way.
 * <p>For a model of several targets ({@link TargetColumns}) every target is scored on its own, in its own units,
 * against its own baselines ({@link #rows(String)}); {@link #rows()} are the first target's, and
 * {@link #overall()} sums up each model over the targets on the scaled values:
 * <pre>
 *   overall RMSE (scaled) = √( (1/M) Σ_m MSE_m (scaled) )        overall MAE (scaled) = (1/M) Σ_m MAE_m (scaled)
 * </pre>
 */
public final class Scoreboard {

    /** A scored row with the test forecast behind it (for plots). */
    public record Entry(ResultRow row, PartForecast test) {
    }

    /**
     * A model (or baseline) over every target, on the scaled values (each target scaled on its training rows).
     *
     * @param model          the model's or baseline's name
     * @param testRmseScaled √ of the mean over targets of the test MSE on the scaled values
     * @param testMaeScaled  the mean over targets of the test MAE on the scaled values
     */
    public record Overall(String model, double testRmseScaled, double testMaeScaled) {
    }

    private final Map<String, List<Entry>> byTarget = new LinkedHashMap<>();

    private List<Entry> list(String target) {
        return byTarget.computeIfAbsent(target, k -> new ArrayList<>());
    }

    /** Scores a trained network, on each target of a model of several; the first target's entry is returned. */
    public Entry addModel(String name, String detail, Sequential model, double seconds, int epochs, PreparedData data) {
        Entry first = null;
        for (String target : data.series().spec().targets()) {
            Entry e = addModelOn(name, detail, model, seconds, epochs, data.forTarget(target));
            first = first == null ? e : first;
        }
        return first;
    }

    private Entry addModelOn(String name, String detail, Sequential model, double seconds, int epochs,
                             PreparedData data) {
        PartForecast test = PartForecast.ofModel(model, data.test(), data.series());
        requireFinite(name, test);
        Double val = data.validation() == null ? null
                : PartForecast.ofModel(model, data.validation(), data.series()).metrics().rmse();
        return add(data, row(name, detail, model.parameterCount(), seconds, epochs, val, test)
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
        List<String> targets = data.series().spec().targets();
        for (String target : targets) {
            PreparedData view = data.forTarget(target);
            Consumer<String> says = targets.size() == 1 ? warn : m -> warn.accept(target + ": " + m);
            for (Baselines.Named b : Baselines.standard(view, window, says)) {
                add(b.name(), b.baseline(), view, says, levels);
            }
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
        add(data, row(name, baseline.name(), 0, 0, 0, val, test).withInterval(test.intervalScore()), test);
    }

    private Entry add(PreparedData data, ResultRow row, PartForecast test) {
        Entry e = new Entry(row, test);
        list(data.series().spec().target()).add(e);
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

    /** The first target's rows in the order added, the one with the lowest test RMSE marked best. */
    public List<ResultRow> rows() {
        return byTarget.isEmpty() ? List.of() : rows(targets().get(0));
    }

    /** The targets scored, in order (one for a one-target model). */
    public List<String> targets() {
        return List.copyOf(byTarget.keySet());
    }

    /** Each model and baseline over all targets (scored on every one), in the order added. */
    public List<Overall> overall() {
        List<Overall> out = new ArrayList<>();
        for (ResultRow r : rows()) {
            double mse = 0;
            double mae = 0;
            int n = 0;
            for (List<Entry> list : byTarget.values()) {
                for (Entry e : list) {
                    if (e.row().model().equals(r.model())) {
                        mse += e.row().testMseScaled();
                        mae += e.row().testMaeScaled();
                        n++;
                    }
                }
            }
            if (n == byTarget.size()) {
                out.add(new Overall(r.model(), Math.sqrt(mse / n), mae / n));
            }
        }
        return out;
    }

    /** One target's rows in the order added, the one with the lowest test RMSE marked best. */
    public List<ResultRow> rows(String target) {
        List<Entry> entries = list(target);
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

    /** The first target's entries. */
    public List<Entry> entries() {
        return byTarget.isEmpty() ? List.of() : entries(targets().get(0));
    }

    /** One target's entries, in the order added. */
    public List<Entry> entries(String target) {
        return List.copyOf(list(target));
    }
}
