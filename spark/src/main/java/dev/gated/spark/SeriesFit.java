package dev.gated.spark;

import dev.gated.forecast.DataSpec;
import dev.gated.forecast.ForecastModel;
import dev.gated.forecast.Forecaster;
import dev.gated.forecast.FutureTimes;
import dev.gated.forecast.HyperParameters;
import dev.gated.forecast.PreparedData;
import dev.gated.forecast.ResultRow;
import dev.gated.forecast.Scoreboard;
import dev.gated.forecast.TrainingRun;
import dev.gated.layer.recurrent.RecurrentKind;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * {@code gated compare} on one series, as one Spark task runs it:
 * <pre>
 *   rows in time order ─► CSV reader (missing-value policy) ─► PreparedData (split, scaler fitted on the train rows,
 *   windows) ─► per kind: TrainingRun ─► Scoreboard.addModel ─► Forecaster (steps past the end)
 *   ─► Scoreboard.addBaselines (naive, seasonal naive, moving average on the same windows)
 * </pre>
 * A series that cannot be prepared (too short, all missing, constant, duplicate times) gives one row with its
 * error and model = null; a network that fails (diverges) gives its own error row; neither fails the task.
 */
public final class SeriesFit {

    /** The rows one series contributes to the results and the forecasts tables. */
    public record Outcome(List<Row> results, List<Row> forecasts) implements Serializable {
    }

    private SeriesFit() {
    }

    /** Fits and scores every kind in {@code plan} on the series {@code id} (its points not yet sorted). */
    public static Outcome run(String id, Iterable<TimePoint> points, FitPlan plan) {
        HyperParameters hp = plan.hyperParameters();
        PreparedData data;
        try {
            SeriesPoints series = SeriesPoints.of(id, points);
            DataSpec spec = plan.dataSpec();
            data = PreparedData.prepare(series.table(spec), spec, hp.windowing(), null);
        } catch (RuntimeException e) {
            return new Outcome(List.of(ResultColumns.failed(id, null, hp, message(e))), List.of());
        }
        Scoreboard board = new Scoreboard();
        List<String> warnings = new ArrayList<>();
        List<Row> failures = new ArrayList<>();
        List<Row> forecasts = new ArrayList<>();
        List<byte[]> files = new ArrayList<>();
        for (RecurrentKind kind : plan.recurrentKinds()) {
            try {
                TrainingRun run = TrainingRun.train(kind, hp, data, List.of());
                board.addModel(kind.id(), hp.layers() + "x" + hp.units() + " units, T=" + hp.window(), run.model(),
                        run.seconds(), run.epochs(), data);
                ForecastModel fm = new ForecastModel(run.model(), kind, hp, data.series().spec(),
                        data.series().scaler(), id, run.seconds(), run.bestEpoch());
                forecasts.addAll(forecast(id, fm, data, plan.steps()));
                files.add(plan.keepModels() ? bytes(fm) : null);
            } catch (RuntimeException e) {
                failures.add(ResultColumns.failed(id, kind.id(), hp, message(e)));
            }
        }
        board.addBaselines(data, hp.window(), warnings::add);
        return new Outcome(rows(id, hp, board.rows(), files, warnings, failures), forecasts);
    }

    private static List<Row> rows(String id, HyperParameters hp, List<ResultRow> scored, List<byte[]> files,
                                  List<String> warnings, List<Row> failures) {
        Double bestBaseline = null;
        for (ResultRow r : scored) {
            if (r.params() == 0 && (bestBaseline == null || r.testRmse() < bestBaseline)) {
                bestBaseline = r.testRmse();
            }
        }
        String warning = warnings.isEmpty() ? null : String.join("; ", warnings);
        List<Row> out = new ArrayList<>();
        int network = 0;
        for (ResultRow r : scored) {
            boolean trained = r.params() > 0;
            out.add(ResultColumns.scored(id, hp, r, trained ? bestBaseline : null, warning,
                    trained ? files.get(network++) : null));
        }
        out.addAll(failures);
        return out;
    }

    private static List<Row> forecast(String id, ForecastModel fm, PreparedData data, int steps) {
        Forecaster.Result f = Forecaster.forecast(fm, data.series(), steps);
        String[] times = FutureTimes.after(data.series().table().time(), steps);
        List<Row> out = new ArrayList<>();
        for (int k = 0; k < steps; k++) {
            out.add(ResultColumns.forecast(id, fm.kind().id(), fm.hp(), k + 1, times[k], f.values()[k], f.method()));
        }
        return out;
    }

    private static byte[] bytes(ForecastModel fm) {
        try {
            Path file = Files.createTempFile("gated-series-", ".gated");
            try {
                fm.save(file);
                return Files.readAllBytes(file);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String message(RuntimeException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
