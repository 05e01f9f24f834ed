package dev.gated.cli.output;

import dev.gated.forecast.DataSpec;
import dev.gated.forecast.Part;
import dev.gated.forecast.PartForecast;
import dev.gated.forecast.PreparedData;
import dev.gated.forecast.ResultRow;
import dev.gated.forecast.RollingEvaluation;
import dev.gated.forecast.Scoreboard;
import dev.gated.timeseries.RowRange;
import dev.gated.timeseries.TimeSeriesTable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The description of prepared data shared by train, evaluate and compare, as text lines and as JSON. */
public final class Reports {

    private Reports() {
    }

    /**
     * JSON: {@code {"file", "rows", "target", "targets" (with several), "features", "inputs", "known_future", "time_column", "scaler", "split", "train", "validation",
     * "test"}} where each part is {@code {"rows": [start, end], "windows": N}} or null.
     */
    public static Map<String, Object> data(PreparedData d) {
        TimeSeriesTable table = d.series().table();
        DataSpec spec = d.series().spec();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", table.source());
        m.put("rows", table.rowCount());
        m.put("target", spec.target());
        if (spec.targetCount() > 1) {
            m.put("targets", spec.targets());
        }
        m.put("features", spec.features());
        m.put("inputs", spec.inputColumns());
        m.put("known_future", spec.knownFuture());
        m.put("time_column", table.timeColumnName());
        m.put("scaler", d.series().scaler().kind());
        m.put("split", spec.split().describe());
        m.put("train", part(d.train()));
        m.put("validation", d.validation() == null ? null : part(d.validation()));
        m.put("test", part(d.test()));
        return m;
    }

    private static Map<String, Object> part(Part p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rows", List.of(p.rows().start(), p.rows().end()));
        m.put("windows", p.count());
        return m;
    }

    /** Two lines: the data and columns, then the parts. */
    public static String dataText(PreparedData d) {
        TimeSeriesTable table = d.series().table();
        DataSpec spec = d.series().spec();
        String first = "data: " + table.source() + ", " + table.rowCount() + " rows; target"
                + (spec.targetCount() > 1 ? "s " + String.join(", ", spec.targets()) : " " + spec.target())
                + (spec.univariate() ? "" : ", features " + spec.features())
                + (spec.hasKnownFuture() ? " (known over the horizon: " + spec.knownFuture() + ")" : "")
                + (table.timeColumnName() == null ? "" : ", time " + table.timeColumnName())
                + "; " + d.series().scaler().kind() + " scaler fitted on the training rows " + d.split().train();
        String second = "split " + spec.split().describe() + ": train " + text(d.train())
                + (d.validation() == null ? "" : ", validation " + text(d.validation())) + ", test " + text(d.test());
        return first + "\n" + second;
    }

    private static String text(Part p) {
        RowRange r = p.targetSpan();
        return "targets in rows " + r + " (" + p.count() + " windows"
                + (p.windows().count() > 1 && p.windows().targetStart()[1] - p.windows().targetStart()[0] > 1
                ? ", stride " + (p.windows().targetStart()[1] - p.windows().targetStart()[0]) : "") + ")";
    }

    /** The JSON rows plus the name of the best one: {@code {"rows": [...], "best": "gru"}} entries. */
    public static void putRows(Map<String, Object> doc, List<ResultRow> rows) {
        doc.put("rows", rows);
        doc.put("best", rows.stream().filter(ResultRow::best).map(ResultRow::model).findFirst().orElse(null));
    }

    /**
     * Plots actual vs the step-1 test forecasts of the scoreboard's entries, with the split boundaries; entries
     * with quantiles (a quantile model's, and the baselines' beside it) get their interval as a shaded band.
     */
    public static void plotForecasts(Path png, String title, PreparedData d, List<Scoreboard.Entry> entries)
            throws IOException {
        List<Plots.Line> lines = new ArrayList<>();
        List<Plots.Band> bands = new ArrayList<>();
        for (Scoreboard.Entry e : entries) {
            PartForecast f = e.test();
            double[][] step = f.step(0);
            String name = e.row().model() + (f.horizon() > 1 ? " (1 step ahead)" : "");
            lines.add(new Plots.Line(name, step[0], step[1]));
            if (f.quantiles() != null && e.row().params() > 0) {   // the networks' bands; baselines' would crowd it
                double[][] lower = f.step(0, f.quantiles().lower());
                double[][] upper = f.step(0, f.quantiles().upper());
                bands.add(new Plots.Band(name + String.format(java.util.Locale.ROOT, " %.0f%% interval",
                        100 * f.quantiles().levels().nominalCoverage()), lower[0], lower[1], upper[1]));
            }
        }
        List<Plots.Boundary> boundaries = new ArrayList<>();
        if (d.validation() != null) {
            boundaries.add(new Plots.Boundary("validation starts", d.validation().rows().start()));
        }
        boundaries.add(new Plots.Boundary("train | test", d.split().test().start()));
        int from = Math.max(0, d.split().test().start() - 2 * d.split().test().length());
        double[] actual = java.util.Arrays.copyOf(d.series().rawTarget(), d.split().test().end());
        Plots.forecastVsActual(png, title, d.series().spec().target(), d.series().table().time(), actual, from,
                lines, bands, boundaries);
    }

    /**
     * JSON of a rolling-origin evaluation: {@code {"folds": N, "fold_starts": [row …], "rows": [{"model", "detail",
     * "rmse": {"mean", "sd", "folds": [...]}, "mae": {…}, "smape": {…}}]}}; a fold start is the first target row
     * of the fold, as a time label of the file.
     */
    public static Map<String, Object> rolling(List<RollingEvaluation.Row> rows, int[] foldStarts, PreparedData data) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("folds", foldStarts.length);
        List<String> starts = new ArrayList<>();
        for (int r : foldStarts) {
            starts.add(data.series().table().time().label(r));
        }
        m.put("fold_starts", starts);
        m.put("rows", rows.stream().map(r -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("model", r.model());
            row.put("detail", r.detail());
            row.put("rmse", r.rmse().toMap());
            row.put("mae", r.mae().toMap());
            row.put("smape", r.smape().toMap());
            return row;
        }).toList());
        return m;
    }
}
