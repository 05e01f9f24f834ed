package dev.gated.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gated.forecast.DataSpec;
import dev.gated.forecast.ForecastModel;
import dev.gated.forecast.HyperParameters;
import dev.gated.forecast.PartForecast;
import dev.gated.forecast.PreparedData;
import dev.gated.forecast.QuantileLevels;
import dev.gated.forecast.SplitSpec;
import dev.gated.forecast.TrainingRun;
import dev.gated.layer.Dense;
import dev.gated.layer.recurrent.RecurrentKind;
import dev.gated.loss.Loss;
import dev.gated.model.Sequential;
import dev.gated.optim.Adam;
import dev.gated.tensor.Tensor;
import dev.gated.timeseries.SharedData;
import dev.gated.timeseries.csv.MissingValuePolicy;
import dev.gated.timeseries.scale.ScalerKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchScorerTest {

    static final StructType WINDOWS = new StructType().add("id", DataTypes.IntegerType)
            .add("window", DataTypes.createArrayType(DataTypes.DoubleType));
    static SparkSession spark;

    @BeforeAll
    static void session() {
        spark = SharedSpark.get();
    }

    static Sequential network() {
        Sequential m = Sequential.input(6, 2).seed(5).add(RecurrentKind.GRU.layer(5)).add(new Dense(3));
        m.compile(new Adam(0.01), Loss.mse());
        return m;
    }

    @Test
    void aBroadcastModelScoresEveryRowAsThePredictOnTheDriverAndLoadsOncePerJvm(@TempDir Path dir) throws Exception {
        Sequential m = network();
        Path file = dir.resolve("gru.gated");
        m.save(file);
        SplittableRandom random = new SplittableRandom(3);
        List<Row> rows = new ArrayList<>();
        double[] all = new double[600 * 12];
        for (int i = 0; i < 600; i++) {
            Double[] w = new Double[12];
            for (int k = 0; k < 12; k++) {
                all[i * 12 + k] = random.nextGaussian();
                w[k] = all[i * 12 + k];
            }
            rows.add(RowFactory.create(i, i == 7 ? null : Arrays.asList(w)));
        }
        float[] expected = m.predict(Tensor.of(all, 600, 6, 2)).toFloatArray();
        Dataset<Row> frame = spark.createDataFrame(rows, WINDOWS).repartition(4);
        BatchScorer scorer = BatchScorer.of(spark, file);
        List<Row> scored = scorer.score(frame, "window", "prediction").collectAsList();
        assertEquals(600, scored.size());
        for (Row r : scored) {
            int i = r.getInt(0);
            if (i == 7) {
                assertNull(r.get(2), "a null window gives a null prediction");
                continue;
            }
            List<Object> p = r.getList(2);
            for (int k = 0; k < 3; k++) {
                assertEquals(expected[i * 3 + k], (Double) p.get(k), 1e-6, "row " + i + " output " + k);
            }
        }
        assertEquals(1, ExecutorModels.loaded(scorer.key()), "the model is read once per executor JVM");

        scorer.register(spark, "gated_predict");
        frame.createOrReplaceTempView("windows");
        Row viaSql = spark.sql("SELECT gated_predict(window) AS y FROM windows WHERE id = 42").first();
        List<Object> y = viaSql.getList(0);
        assertEquals(expected[42 * 3], (Double) y.get(0), 1e-6);
        assertEquals(expected[42 * 3 + 2], (Double) y.get(2), 1e-6);
    }

    /** A model trained on the airline passengers: its test scores, and the series in passengers. */
    record Airline(PartForecast test, double[] raw) {

        /** One row per test window: (i, the T values before its first target). */
        List<Row> testWindows() {
            int t = test.part().windows().window();
            int[] starts = test.part().windows().targetStart();
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < starts.length; i++) {
                List<Double> w = new ArrayList<>();
                for (int r = starts[i] - t; r < starts[i]; r++) {
                    w.add(raw[r]);
                }
                rows.add(RowFactory.create(i, w));
            }
            return rows;
        }
    }

    /** Trains {@code kind} on the first two thirds of the airline passengers and saves it to {@code file}. */
    static Airline airlineModel(RecurrentKind kind, HyperParameters hp, Path file) throws Exception {
        Path csv = SharedData.file("airline-passengers/airline-passengers.csv");
        DataSpec spec = new DataSpec("Passengers", List.of(), null, MissingValuePolicy.ERROR, ScalerKind.MINMAX,
                SplitSpec.parse("0.67", null, 0), 0, 0);
        PreparedData data = PreparedData.prepare(csv, spec, hp);
        TrainingRun run = TrainingRun.train(kind, hp, data, List.of());
        ForecastModel.of(run, data, csv).save(file);
        return new Airline(PartForecast.ofModel(run.model(), data.test(), data.series()), data.series().rawTarget());
    }

    /** A forecasting model scores raw windows in the series' units exactly as the test part was scored. */
    @Test
    void aForecastingModelFileForecastsInTheSeriesUnits(@TempDir Path dir) throws Exception {
        HyperParameters hp = new HyperParameters(4, 1, 12, 2, 1, 2, 16, 0.01, 1, 0, 0, 0, false);
        Path file = dir.resolve("airline.gated");
        Airline airline = airlineModel(RecurrentKind.LSTM, hp, file);
        PartForecast test = airline.test();
        List<Row> rows = airline.testWindows();
        BatchScorer scorer = BatchScorer.of(spark, file);
        assertTrue(scorer.forecasting());
        List<Row> scored = scorer.score(spark.createDataFrame(rows, WINDOWS).repartition(2), "window", "next")
                .orderBy("id").collectAsList();
        for (Row r : scored) {
            int i = r.getInt(0);
            List<Object> next = r.getList(2);
            assertEquals(2, next.size());
            for (int k = 0; k < 2; k++) {
                assertEquals(test.predicted()[i * 2 + k], (Double) next.get(k), 1e-9, "window " + i + " step " + k);
            }
        }
    }

    /**
     * A quantile model's network gives Q outputs per step; the scorer forecasts its median (level 0.5) as the
     * point and each level in a column of its own, as the test part was scored.
     */
    @Test
    void aQuantileModelScoresItsMedianAndEveryLevel(@TempDir Path dir) throws Exception {
        HyperParameters hp = new HyperParameters(4, 1, 12, 2, 1, 2, 16, 0.01, 1, 0, 0, 0, true)
                .withQuantiles(QuantileLevels.parse("0.1,0.5,0.9"));
        Path file = dir.resolve("airline-q.gated");
        Airline airline = airlineModel(RecurrentKind.GRU, hp, file);
        PartForecast test = airline.test();
        List<Row> rows = airline.testWindows();
        BatchScorer scorer = BatchScorer.of(spark, file);
        assertEquals(List.of("next_q0.1", "next_q0.5", "next_q0.9"), scorer.quantileColumns("next"));
        Dataset<Row> scored = scorer.score(spark.createDataFrame(rows, WINDOWS).repartition(2), "window", "next");
        assertEquals(List.of("id", "window", "next", "next_q0.1", "next_q0.5", "next_q0.9"),
                Arrays.asList(scored.columns()));
        double[][] levels = test.quantiles().values();
        for (Row r : scored.orderBy("id").collectAsList()) {
            int i = r.getInt(0);
            List<Object> next = r.getList(2);
            assertEquals(2, next.size(), "one point per step, not Q values per step");
            for (int k = 0; k < 2; k++) {
                assertEquals(test.predicted()[i * 2 + k], (Double) next.get(k), 1e-9, "median, window " + i);
                for (int q = 0; q < 3; q++) {
                    assertEquals(levels[q][i * 2 + k], (Double) r.getList(3 + q).get(k), 1e-9,
                            "level " + q + ", window " + i + " step " + k);
                }
            }
            assertTrue((Double) r.getList(3).get(0) <= (Double) r.getList(5).get(0));
        }
        scorer.register(spark, "gated_median");
        spark.createDataFrame(rows, WINDOWS).createOrReplaceTempView("airline_windows");
        List<Object> viaSql = spark.sql("SELECT gated_median(window) FROM airline_windows WHERE id = 3").first()
                .getList(0);
        assertEquals(test.predicted()[3 * 2 + 1], (Double) viaSql.get(1), 1e-9, "the SQL function gives the median");
    }

    /** A model kept by the many-series job is a forecasting model file the scorer reads back. */
    @Test
    void aModelKeptByTheManySeriesJobScoresItsOwnSeries(@TempDir Path dir) throws Exception {
        List<Row> rows = SharedSpark.panel().rows(1, 60, 4);
        ManySeriesForecast.Output out = ManySeriesForecast.compare(SeriesPanel.COLUMNS, ManySeriesForecastTest.DATA,
                ManySeriesForecastTest.HP, List.of(RecurrentKind.LSTM), 1).keepModels().partitions(1)
                .fit(spark.createDataFrame(rows, SeriesPanel.SCHEMA));
        Row lstm = out.results().filter("model = 'lstm'").first();
        Path file = Files.write(dir.resolve("s00000.gated"), (byte[]) lstm.getAs("model_file"));
        BatchScorer scorer = BatchScorer.of(spark, file);
        assertTrue(scorer.forecasting());
        List<Double> last = new ArrayList<>();
        for (int i = rows.size() - ManySeriesForecastTest.HP.window(); i < rows.size(); i++) {
            last.add(rows.get(i).getDouble(2));
        }
        Row scored = scorer.score(spark.createDataFrame(List.of(RowFactory.create(0, last)), WINDOWS), "window", "next")
                .first();
        double forecast = out.forecasts().filter("step = 1").first().getAs("forecast");
        assertEquals(forecast, (Double) scored.getList(2).get(0), 1e-9 * Math.abs(forecast),
                "the scorer's next value equals the job's one-step forecast from the same last window");
    }

    @Test
    void aCorruptModelFileIsAClearErrorOnTheDriverBeforeAnyJob(@TempDir Path dir) throws Exception {
        Path good = dir.resolve("good.gated");
        network().save(good);
        byte[] bytes = Files.readAllBytes(good);
        Path truncated = Files.write(dir.resolve("truncated.gated"), Arrays.copyOf(bytes, bytes.length / 2));
        Path text = Files.writeString(dir.resolve("notes.gated"), "not a model\n");
        int jobsBefore = spark.sparkContext().statusTracker().getJobIdsForGroup(null).length;
        for (Path bad : List.of(truncated, text, dir.resolve("missing.gated"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BatchScorer.of(spark, bad));
            System.out.println("corrupt model file: " + e.getMessage());
            assertTrue(e.getMessage().startsWith("cannot score: " + bad), e.getMessage());
            assertTrue(e.getMessage().matches(".*(does not exist|truncated or corrupted|not a Gated model file).*"),
                    e.getMessage());
        }
        assertEquals(jobsBefore, spark.sparkContext().statusTracker().getJobIdsForGroup(null).length,
                "no Spark job may start for a bad model file");
    }
}
