package dev.gated.cli;

import dev.gated.cli.output.ForecastCsv;
import dev.gated.cli.output.Json;
import dev.gated.cli.output.Plots;
import dev.gated.forecast.ForecastModel;
import dev.gated.forecast.Forecaster;
import dev.gated.forecast.FutureRows;
import dev.gated.forecast.FutureTimes;
import dev.gated.forecast.PreparedData;
import dev.gated.forecast.QuantileLevels;
import dev.gated.forecast.ScaledSeries;
import dev.gated.timeseries.TimeSeriesTable;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gated forecast}: predicts the rows after the end of a CSV file with a saved model and writes them as
 * CSV with a {@code <target> (forecast)} column; direct when the model's horizon covers the steps, recursive
 * (predictions fed back) beyond it for univariate models.
 */
@Command(name = "forecast", mixinStandardHelpOptions = true, sortOptions = false, description = {
        "Forecast the steps after the end of a CSV file with a saved model; CSV with a '<target> (forecast)' column.",
        "Example: gated forecast --model airline.gated --data airline.csv --steps 12 --out next-year.csv"})
final class ForecastCommand extends BaseCommand {

    @Option(names = {"--model", "-m"}, required = true, paramLabel = "MODEL_FILE",
            description = "A model written by gated train.")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "FILE.csv",
            description = "CSV file whose last rows are the history to forecast from.")
    Path data;

    @Option(names = "--steps", paramLabel = "N", description = "Steps to forecast (default: the model's horizon).")
    Integer steps;

    @Option(names = "--out", paramLabel = "FILE.csv", description = "Write the CSV here (default: standard output).")
    Path out;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "Save the recent history and the forecast.")
    Path plot;

    /** The most steps one run forecasts: far beyond a useful forecast, small enough to allocate at once. */
    static final int MAX_STEPS = 1_000_000;

    @Override
    public Integer call() throws Exception {
        if (steps != null && (steps < 1 || steps > MAX_STEPS)) {
            throw usage("--steps must be in [1, " + MAX_STEPS + "], got " + steps);
        }
        FileGuard.input(model, "--model");
        FileGuard.streamedInput(data, "--data");
        FileGuard.output(out, "--out", model, data);
        FileGuard.distinct(out, "--out", plot, "--plot");
        FileGuard.output(plot, "--plot", model, data);
        ForecastModel fm = steps().run("loading " + model, () -> ForecastModel.load(model));
        int n = steps == null ? fm.hp().horizon() : steps;
        // with known-future inputs the file ends with future rows (target empty) that give them
        FutureRows read = steps().run("reading " + data, () -> fm.data().hasKnownFuture()
                ? FutureRows.read(data, fm.data(), fm.hp().horizon())
                : new FutureRows(ScaledSeries.read(data, fm.data()), -1));
        int origin = read.history() < 0 ? read.table().rowCount() : read.history();
        TimeSeriesTable table = read.table();
        PreparedData.rejectHugeValues(table, fm.data());
        ScaledSeries series = ScaledSeries.of(table, fm.data(), fm.scaler());
        List<String> targets = fm.data().targets();
        List<Forecaster.Result> results = new ArrayList<>();   // one per target
        try {
            for (String t : targets) {
                results.add(steps().run("forecasting " + n + " steps" + (targets.size() > 1 ? " of " + t : ""),
                        () -> Forecaster.forecast(fm, series.forTarget(t), origin, n)));
            }
        } catch (Forecaster.UnsupportedForecastException e) {
            throw usage(e.getMessage());
        }
        Forecaster.Result result = results.get(0);
        for (Forecaster.Result r : results) {
            requireFinite(r.values(), data);
        }
        String[] labels = origin == table.rowCount() ? FutureTimes.after(table.time(), n)
                : java.util.Arrays.copyOfRange(table.time().labels(), origin, origin + n);
        String timeName = table.timeColumnName() == null ? "row" : table.timeColumnName();
        String target = fm.data().target();
        try (Outputs outputs = new Outputs()) {
            if (out != null) {
                outputs.write("--out", out, csv -> {
                    try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                        ForecastCsv.write(w, timeName, targets, labels, results);
                    }
                });
            }
            if (plot != null) {
                List<Path> files = TargetReports.plotFiles(plot, targets);
                for (int m = 0; m < targets.size(); m++) {
                    FileGuard.output(files.get(m), "--plot", model, data);
                    ScaledSeries view = series.forTarget(targets.get(m));
                    Forecaster.Result r = results.get(m);
                    outputs.write("--plot", files.get(m), png -> plot(png, fm, view, origin, r));
                }
            }
            outputs.publish();
        }
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("command", "forecast");
            doc.put("model_file", model.toString());
            doc.put("target", target);
            if (targets.size() > 1) {
                doc.put("targets", targets);
            }
            doc.put("method", result.method());
            doc.put("steps", n);
            if (result.quantiles() != null) {
                doc.put("interval_nominal", result.quantiles().levels().nominalCoverage());
            }
            doc.put("time_column", timeName);
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("time", labels[i]);
                r.putAll(step(result, i));
                if (targets.size() > 1) {   // "value" … above are the first target's, as for one target
                    Map<String, Object> each = new LinkedHashMap<>();
                    for (int m = 0; m < targets.size(); m++) {
                        each.put(targets.get(m), step(results.get(m), i));
                    }
                    r.put("targets", each);
                }
                rows.add(r);
            }
            doc.put("forecast", rows);
            Json.print(io().out(), doc);
        } else if (out == null) {
            Writer w = new OutputStreamWriter(io().out(), StandardCharsets.UTF_8);
            ForecastCsv.write(w, timeName, targets, labels, results);
            w.flush();
        } else {
            io().err().println("gated: wrote " + n + " " + result.method() + " forecast rows of "
                    + String.join(", ", targets.stream().map(ForecastCsv::columnName).toList()) + " to " + out);
        }
        return 0;
    }

    /** Step i of one target's forecast as JSON: value, and lower, upper and every level of a quantile model. */
    private static Map<String, Object> step(Forecaster.Result result, int i) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("value", result.values()[i]);
        if (result.quantiles() != null) {
            r.put("lower", result.quantiles().lower()[i]);
            r.put("upper", result.quantiles().upper()[i]);
            Map<String, Object> q = new LinkedHashMap<>();
            List<Double> tau = result.quantiles().levels().levels();
            for (int k = 0; k < tau.size(); k++) {
                q.put(QuantileLevels.label(tau.get(k)), result.quantiles().values()[k][i]);
            }
            r.put("quantiles", q);
        }
        return r;
    }

    /** A forecast that is not a number is an error with a hint, never a CSV of NaN or Infinity. */
    private static void requireFinite(double[] values, Path data) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalStateException("the forecast of step " + (i + 1) + " is " + values[i] + ": the "
                        + "recent values of " + data + " are far outside what the model was trained on (its saved "
                        + "scaler maps them beyond the network's range); retrain on data that includes them");
            }
        }
    }

    private static void plot(Path png, ForecastModel fm, ScaledSeries series, int origin, Forecaster.Result result)
            throws java.io.IOException {
        double[] values = result.values();
        int r = origin;
        double[] rows = new double[values.length + 1];
        double[] v = new double[values.length + 1];
        rows[0] = r - 1;
        v[0] = series.rawTarget()[r - 1];
        for (int i = 0; i < values.length; i++) {
            rows[i + 1] = r + i;
            v[i + 1] = values[i];
        }
        int from = Math.max(0, r - Math.max(4 * fm.hp().window(), 3 * values.length));
        Plots.forecastVsActual(png, fm.data().target() + ": forecast of " + values.length + " steps",
                fm.data().target(), series.table().time(), java.util.Arrays.copyOf(series.rawTarget(), r), from,
                List.of(new Plots.Line("forecast", rows, v)), bands(result, rows, v),
                List.of(new Plots.Boundary("forecast origin", r)));
    }

    /** The interval of a quantile forecast, from the last actual value (where it has width 0) on. */
    private static List<Plots.Band> bands(Forecaster.Result result, double[] rows, double[] v) {
        if (result.quantiles() == null) {
            return List.of();
        }
        double[] lower = v.clone();
        double[] upper = v.clone();
        for (int i = 1; i < rows.length; i++) {
            lower[i] = result.quantiles().lower()[i - 1];
            upper[i] = result.quantiles().upper()[i - 1];
        }
        return List.of(new Plots.Band(String.format(java.util.Locale.ROOT, "%.0f%% interval",
                100 * result.quantiles().levels().nominalCoverage()), rows, lower, upper));
    }
}
