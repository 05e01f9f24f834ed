package dev.gated.studio.jobs;

import dev.gated.forecast.Baselines;
import dev.gated.forecast.Part;
import dev.gated.forecast.PartForecast;
import dev.gated.forecast.PreparedData;
import dev.gated.timeseries.baseline.Baseline;
import dev.gated.timeseries.baseline.SeasonalNaiveBaseline;
import dev.gated.timeseries.metrics.MetricReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The numbers of the Results table as the page reads them: RMSE, MAE and MAPE in the target's original units on
 * the validation and test windows, for models and for the shared pipeline's {@link Baselines}, which predict the
 * very same targets. The scoring itself is {@link PartForecast}'s, as in {@code gated compare}.
 */
final class ForecastScores {

    private ForecastScores() {
    }

    /** rmse, mae, mape (percent; null when it does not exist). */
    static Map<String, Double> metrics(PartForecast f) {
        MetricReport r = f.metrics();
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("rmse", r.rmse());
        m.put("mae", r.mae());
        m.put("mape", Double.isNaN(r.mape()) ? null : r.mape());
        return m;
    }

    /**
     * The baseline rows: naive, seasonal_naive (period detected on the training rows), moving_average over the
     * window length. A baseline that cannot run on this data (too little history, no season) is left out with
     * a note.
     */
    static List<Map<String, Object>> baselines(PreparedData p, int window, List<String> notes) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Baselines.Named b : Baselines.standard(p, window, notes::add)) {
            try {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("model", b.name());
                row.put("label", b.name().replace('_', ' ') + " (" + detail(b, window) + ")");
                row.put("type", "baseline");
                row.put("params", 0);
                row.put("train_seconds", 0.0);
                row.put("validation", p.validation() == null ? null : score(b.baseline(), p, p.validation()));
                row.put("test", score(b.baseline(), p, p.test()));
                rows.add(row);
            } catch (IllegalArgumentException e) {
                notes.add(b.name() + " left out: " + e.getMessage());
            }
        }
        return rows;
    }

    /** "last value", "period 12, detected", "mean of the last 12". */
    private static String detail(Baselines.Named b, int window) {
        return switch (b.name()) {
            case "naive" -> "last value";
            case "seasonal_naive" -> "period " + ((SeasonalNaiveBaseline) b.baseline()).period()
                    + (b.detected() ? ", " + ((SeasonalNaiveBaseline) b.baseline()).reason() : "");
            default -> "mean of the last " + window;
        };
    }

    private static Map<String, Double> score(Baseline b, PreparedData p, Part part) {
        return metrics(PartForecast.ofBaseline(b, part, p.series()));
    }
}
