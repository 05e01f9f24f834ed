package dev.gated.studio.pipeline;

import dev.gated.timeseries.baseline.Baseline;
import dev.gated.timeseries.baseline.MovingAverageBaseline;
import dev.gated.timeseries.baseline.NaiveBaseline;
import dev.gated.timeseries.baseline.SeasonalNaiveBaseline;
import dev.gated.timeseries.metrics.MetricReport;
import dev.gated.timeseries.window.Windows;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The numbers of the Results table, in the target's original units: RMSE, MAE and MAPE on the validation and
 * test windows, for models and for the baselines, which predict the very same targets.
 */
public final class Scores {

    private Scores() {
    }

    /** rmse, mae, mape (percent) of one part; null when the part does not exist. */
    public static Map<String, Double> metrics(double[] actual, double[] predicted) {
        if (actual == null) {
            return null;
        }
        MetricReport r = MetricReport.of(actual, predicted);
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
    public static List<Map<String, Object>> baselines(Prepared p, List<String> notes) {
        List<Map<String, Object>> rows = new ArrayList<>();
        add(rows, "naive", "last value", new NaiveBaseline(), p, notes);
        try {
            SeasonalNaiveBaseline s = SeasonalNaiveBaseline.detected(p.rawTarget(), p.split().train());
            add(rows, "seasonal_naive", "period " + s.period() + ", detected", s, p, notes);
        } catch (IllegalArgumentException e) {
            notes.add("seasonal_naive left out: " + e.getMessage());
        }
        add(rows, "moving_average", "mean of the last " + p.spec().window(),
                new MovingAverageBaseline(p.spec().window()), p, notes);
        return rows;
    }

    private static void add(List<Map<String, Object>> rows, String name, String detail, Baseline b, Prepared p,
                            List<String> notes) {
        try {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("model", name);
            row.put("label", name.replace('_', ' ') + " (" + detail + ")");
            row.put("type", "baseline");
            row.put("params", 0);
            row.put("train_seconds", 0.0);
            row.put("validation", p.validation() == null ? null : score(b, p, p.validation()));
            row.put("test", score(b, p, p.test()));
            rows.add(row);
        } catch (IllegalArgumentException e) {
            notes.add(name + " left out: " + e.getMessage());
        }
    }

    private static Map<String, Double> score(Baseline b, Prepared p, Windows w) {
        return metrics(p.actual(w), b.predict(p.rawTarget(), w));
    }
}
