package dev.gated.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gated.forecast.DataSpec;
import dev.gated.forecast.HyperParameters;
import dev.gated.forecast.PreparedData;
import dev.gated.forecast.ResultRow;
import dev.gated.forecast.Scoreboard;
import dev.gated.forecast.SplitSpec;
import dev.gated.forecast.TrainingRun;
import dev.gated.forecast.TuneSearch;
import dev.gated.layer.recurrent.RecurrentKind;
import dev.gated.timeseries.csv.MissingValuePolicy;
import dev.gated.timeseries.scale.ScalerKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManySeriesForecastTest {

    static final DataSpec DATA = new DataSpec("value", List.of(), "time", MissingValuePolicy.INTERPOLATE,
            ScalerKind.MINMAX, SplitSpec.parse("0.7", null, 0), 0, 0);
    static final HyperParameters HP = new HyperParameters(4, 1, 6, 1, 1, 2, 16, 0.01, 7, 0, 0, 0, false);

    static SparkSession spark;
    static List<Row> panelRows;
    static ManySeriesForecast.Output plain;
    static List<Row> results;

    @BeforeAll
    static void fitOnce() {
        spark = SharedSpark.get();
        panelRows = new ArrayList<>(SharedSpark.panel().rows(6, 60, 1));
        for (int t = 0; t < 5; t++) {            // too short for window 6 + horizon 1 and a test part
            panelRows.add(RowFactory.create("short", String.format("2020-01-%02d", t + 1), (double) t));
        }
        for (int t = 0; t < 30; t++) {           // every value missing
            panelRows.add(RowFactory.create("empty", String.format("2020-01-%02d", t + 1), null));
        }
        plain = job().fit(frame());
        results = plain.results().collectAsList();
    }

    static ManySeriesForecast job() {
        return ManySeriesForecast.compare(SeriesPanel.COLUMNS, DATA, HP, List.of(RecurrentKind.LSTM), 3).partitions(4);
    }

    static Dataset<Row> frame() {
        return spark.createDataFrame(panelRows, SeriesPanel.SCHEMA).repartition(3);
    }

    @Test
    void everySeriesGetsItsModelBesideTheBaselinesAndForecasts() {
        List<Row> rows = results.stream().filter(r -> r.getAs("error") == null).toList();
        assertEquals(8, plain.series());
        for (int i = 0; i < 6; i++) {
            String id = String.format("s%05d", i);
            List<Row> mine = rows.stream().filter(r -> r.getString(0).equals(id)).toList();
            List<String> models = mine.stream().map(r -> r.<String>getAs("model")).sorted().toList();
            assertTrue(models.containsAll(List.of("lstm", "naive", "moving_average")), id + ": " + models);
            for (Row r : mine) {
                assertTrue(Double.isFinite(r.<Double>getAs("test_rmse")), id + " " + r);
            }
            Row lstm = mine.stream().filter(r -> r.getAs("model").equals("lstm")).findFirst().orElseThrow();
            assertEquals(mine.stream().filter(r -> !r.getAs("model").equals("lstm"))
                    .mapToDouble(r -> r.<Double>getAs("test_rmse")).min().orElseThrow(),
                    lstm.<Double>getAs("best_baseline_test_rmse"), 0.0);
        }
        List<Row> f = plain.forecasts().filter("series_id = 's00000'").orderBy("step").collectAsList();
        assertEquals(3, f.size());
        assertEquals("recursive", f.get(2).getAs("method"));   // 3 steps from a one-step model: fed back
        String last = panelRows.stream().filter(r -> r.getString(0).equals("s00000")).map(r -> r.getString(1))
                .max(String::compareTo).orElseThrow();
        assertTrue(f.get(0).<String>getAs("time").compareTo(last) > 0,
                "forecast time " + f.get(0).getAs("time") + " should follow the last row " + last);
    }

    @Test
    void aSeriesTooShortOrAllMissingIsAnErrorRowNotAFailedJob() {
        Map<String, String> errors = new TreeMap<>();
        results.stream().filter(r -> r.getAs("error") != null)
                .forEach(r -> errors.put(r.getString(0), r.getAs("error")));
        assertEquals(List.of("empty", "short"), List.copyOf(errors.keySet()), errors.toString());
        assertTrue(errors.get("short").contains("series \"short\" has 5 data rows but one window needs window + horizon"),
                errors.get("short"));
        assertTrue(errors.get("empty").contains("series \"empty\""), errors.get("empty"));
        System.out.println("error rows: " + errors);
    }

    /** The same numbers as the one-machine pipeline (gated compare) run on the series written as a CSV file. */
    @Test
    void scoresEqualTheOneMachinePipelineOnTheSameSeries(@TempDir Path dir) throws Exception {
        String id = "s00003";
        StringBuilder csv = new StringBuilder("time,value\n");
        panelRows.stream().filter(r -> id.equals(r.getString(0))).sorted(Comparator.comparing(r -> r.getString(1)))
                .forEach(r -> csv.append(r.getString(1)).append(',').append(r.getDouble(2)).append('\n'));
        Path file = Files.writeString(dir.resolve(id + ".csv"), csv);
        PreparedData data = PreparedData.prepare(file, DATA, HP);
        TrainingRun run = TrainingRun.train(RecurrentKind.LSTM, HP, data, List.of());
        Scoreboard board = new Scoreboard();
        board.addModel("lstm", "", run.model(), run.seconds(), run.epochs(), data);
        board.addBaselines(data, HP.window(), w -> { });
        for (ResultRow expected : board.rows()) {
            Row got = results.stream().filter(r -> id.equals(r.getString(0)) && expected.model().equals(r.getAs("model")))
                    .findFirst().orElseThrow();
            assertEquals(expected.testRmse(), got.<Double>getAs("test_rmse"), 1e-12, expected.model());
            assertEquals(expected.testMae(), got.<Double>getAs("test_mae"), 1e-12, expected.model());
        }
    }

    @Test
    void aTaskThatFailsOnItsFirstAttemptIsRetriedToTheSameResult() {
        TaskFault failFirst = what -> {
            if (what.equals("s00002") && TaskContext.get().attemptNumber() == 0) {
                throw new IllegalStateException("injected: executor lost while fitting " + what);
            }
        };
        String three = "series in ('s00001', 's00002', 'short')";
        ManySeriesForecast.Output retried = job().withFault(failFirst).fit(frame().filter(three));
        assertEquals(comparable(plain.results().filter("series_id in ('s00001', 's00002', 'short')")),
                comparable(retried.results()));
        assertEquals(plain.forecasts().filter("series_id in ('s00001', 's00002')").orderBy("series_id", "step")
                .collectAsList(), retried.forecasts().orderBy("series_id", "step").collectAsList());
    }

    /** Everything but the wall-clock training time. */
    private static List<Row> comparable(Dataset<Row> results) {
        return results.drop("train_seconds").orderBy("series_id", "model").collectAsList();
    }

    @Test
    void aGridGivesOneLeaderboardRowPerSetting() {
        HyperParameterGrid grid = new HyperParameterGrid(List.of(RecurrentKind.GRU), List.of(3, 6), List.of(4, 8),
                List.of(0.01));
        Dataset<Row> three = spark.createDataFrame(panelRows, SeriesPanel.SCHEMA)
                .filter("series in ('s00000', 's00001', 'short')").coalesce(2);
        ManySeriesForecast.Output out = ManySeriesForecast.grid(SeriesPanel.COLUMNS, DATA, HP, grid, 1).partitions(4)
                .fit(three);
        List<Row> board = out.leaderboard().collectAsList();
        assertEquals(4, board.size(), board.toString());
        for (Row r : board) {
            assertEquals("gru", r.getAs("model"));
            assertEquals(2L, r.<Long>getAs("series"), r.toString());
            assertNotNull(r.getAs("mean_skill"));
        }
        for (int i = 1; i < board.size(); i++) {
            assertTrue(board.get(i - 1).<Double>getAs("mean_skill") >= board.get(i).<Double>getAs("mean_skill"));
        }
        assertEquals(4, out.results().filter("series_id = 'short' and error is not null").count());
        assertNull(out.results().filter("model = 'gru'").first().getAs("error"));
        out.leaderboard().show(false);
    }

    @Test
    void aTuneSearchSpaceRunsOnEverySeriesWithLayersAndDropoutInItsLeaderboard() {
        TuneSearch.Space space = new TuneSearch.Space(List.of(RecurrentKind.GRU), List.of(4), List.of(3),
                List.of(0.01), List.of(1, 2), List.of(0.0, 0.3));
        Dataset<Row> two = spark.createDataFrame(panelRows, SeriesPanel.SCHEMA)
                .filter("series in ('s00000', 's00001')").coalesce(2);
        ManySeriesForecast.Output out = ManySeriesForecast.search(SeriesPanel.COLUMNS, DATA, HP, space, 3, 1, 1)
                .partitions(2).fit(two);
        List<Row> board = out.leaderboard().collectAsList();
        assertEquals(3, board.size(), "one row per drawn trial: " + board);
        List<String> settings = board.stream().map(r -> r.getAs("layers") + "/" + r.getAs("dropout")).sorted().toList();
        List<String> drawn = HyperParameterGrid.search(space, HP, 3, 1).stream()
                .map(p -> p.hp().layers() + "/" + p.hp().dropout()).sorted().toList();
        assertEquals(drawn, settings);
        for (Row r : board) {
            assertEquals(2L, r.<Long>getAs("series"), r.toString());
        }
    }

    @Test
    void readsTheSameSeriesFromCsvAndParquet(@TempDir Path dir) {
        Dataset<Row> small = spark.createDataFrame(panelRows, SeriesPanel.SCHEMA).filter("series in ('s00000', 's00001')");
        String csv = dir.resolve("panel.csv").toString();
        String parquet = dir.resolve("panel.parquet").toString();
        small.coalesce(1).write().option("header", "true").csv(csv + ".d");
        small.write().parquet(parquet);
        Path part = Path.of(csv + ".d").toFile().listFiles((d, n) -> n.endsWith(".csv"))[0].toPath();
        Dataset<Row> fromCsv = SeriesFrames.read(spark, part.toString());
        Dataset<Row> fromParquet = SeriesFrames.read(spark, parquet);
        assertEquals(small.count(), fromCsv.count());
        assertEquals(small.orderBy("series", "time").collectAsList(),
                fromParquet.orderBy("series", "time").collectAsList());
        assertEquals(List.of("series", "time", "value"), List.of(fromCsv.schema().fieldNames()));
        SeriesPanel.COLUMNS.check(fromCsv.schema(), part.toString());
    }
}
