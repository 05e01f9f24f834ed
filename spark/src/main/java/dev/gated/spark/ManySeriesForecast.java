package dev.gated.spark;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import dev.gated.forecast.DataSpec;
import dev.gated.forecast.HyperParameters;
import dev.gated.forecast.TuneSearch;
import dev.gated.layer.recurrent.RecurrentKind;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Many series, many models: {@code gated compare} run on every series of a long table, in parallel across
 * executors.
 * <pre>
 *   (id, time, value) rows ─► shuffle by id (partitions) ─► per series × setting, one task element:
 *       {@link SeriesFit}: CSV reader ─► split / scaler on the train rows ─► windows ─► train each kind
 *       ─► scores beside naive, seasonal naive, moving average ─► forecast past the end
 *   ─► results (one row per series × setting × model or baseline, or an error row) + forecasts
 * </pre>
 * Each series is fitted whole inside one task, so a series must fit in an executor's memory (millions of rows
 * do); a task holds one series at a time. Training is deterministic given the seed, so a retried task (a lost
 * executor) gives the same rows.
 */
public final class ManySeriesForecast {

    private final SeriesColumns columns;
    private List<FitPlan> plans;
    private int partitions;
    private TaskFault fault = TaskFault.NONE;

    private ManySeriesForecast(SeriesColumns columns, List<FitPlan> plans) {
        this.columns = columns;
        this.plans = List.copyOf(plans);
    }

    /**
     * Every kind in {@code kinds} trained on every series with {@code hp}, as {@code gated compare} would;
     * {@code data} gives the missing-value policy, scaler, split, period and moving-average window (its target,
     * features and time column are replaced by the value and time columns).
     *
     * @param steps forecast steps past the end of each series
     */
    public static ManySeriesForecast compare(SeriesColumns columns, DataSpec data, HyperParameters hp,
                                             List<RecurrentKind> kinds, int steps) {
        return new ManySeriesForecast(columns, List.of(FitPlan.of(forColumns(columns, data), hp, kinds, steps,
                false)));
    }

    /** Every point of {@code grid} on every series (one task element per series × point); see {@link Output#leaderboard()}. */
    public static ManySeriesForecast grid(SeriesColumns columns, DataSpec data, HyperParameters base,
                                          HyperParameterGrid grid, int steps) {
        DataSpec spec = forColumns(columns, data);
        List<FitPlan> plans = new ArrayList<>();
        for (HyperParameterGrid.Point p : grid.points(base)) {
            plans.add(FitPlan.of(spec, p.hp(), List.of(p.cell()), steps, false));
        }
        return new ManySeriesForecast(columns, plans);
    }

    /**
     * The trials {@code gated tune} would draw from {@code space} ({@link HyperParameterGrid#search}: the first
     * {@code trials} of the grid shuffled with {@code seed}), each on every series; rank them with
     * {@link Output#leaderboard()}'s mean_val_rmse or mean_skill.
     */
    public static ManySeriesForecast search(SeriesColumns columns, DataSpec data, HyperParameters base,
                                            TuneSearch.Space space, int trials, long seed, int steps) {
        DataSpec spec = forColumns(columns, data);
        List<FitPlan> plans = new ArrayList<>();
        for (HyperParameterGrid.Point p : HyperParameterGrid.search(space, base, trials, seed)) {
            plans.add(FitPlan.of(spec, p.hp(), List.of(p.cell()), steps, false));
        }
        return new ManySeriesForecast(columns, plans);
    }

    private static DataSpec forColumns(SeriesColumns c, DataSpec d) {
        return new DataSpec(c.value(), List.of(c.value()), c.time(), d.missing(), d.scaler(), d.split(), d.period(),
                d.maWindow());
    }

    /** Partitions of the shuffle by series (default: 4 per executor core, for load balance). */
    public ManySeriesForecast partitions(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, got " + n);
        }
        this.partitions = n;
        return this;
    }

    /** Keeps each trained model file's bytes in the results' model_file column. */
    public ManySeriesForecast keepModels() {
        plans = plans.stream().map(p -> new FitPlan(p.data(), p.hp(), p.kinds(), p.steps(), true)).toList();
        return this;
    }

    /** Rehearses failures (tests): called before each series is fitted, inside the task. */
    public ManySeriesForecast withFault(TaskFault f) {
        this.fault = f;
        return this;
    }

    /**
     * The fitted results, computed once (cached) when this returns.
     *
     * @param results   one row per series × setting × model or baseline; see {@link ResultColumns#SCHEMA}
     * @param forecasts one row per series × setting × network × step; see {@link ResultColumns#FORECASTS}
     * @param series    number of series
     * @param seconds   wall time of the fitting job
     */
    public record Output(Dataset<Row> results, Dataset<Row> forecasts, long series, double seconds) {

        /**
         * The networks' rows summarised per setting, best first by mean skill over the best baseline,
         * {@code 1 - test_rmse / best_baseline_test_rmse} (scale-free, so series of different units average):
         * model, units, window, learning_rate, layers, dropout, series (scored), failed, mean_skill,
         * mean_test_mse_scaled,
         * mean_val_rmse, mean_test_rmse, mean_train_seconds.
         */
        public Dataset<Row> leaderboard() {
            return results.filter(col("model").isNotNull().and(col("params").isNotNull().or(col("error").isNotNull()))
                            .and(col("params").isNull().or(col("params").gt(0))))
                    .withColumn("skill", lit(1.0).minus(col("test_rmse").divide(col("best_baseline_test_rmse"))))
                    .groupBy("model", "units", "window", "learning_rate", "layers", "dropout")
                    .agg(count(col("test_rmse")).as("series"), count(col("error")).as("failed"),
                            avg("skill").as("mean_skill"), avg("test_mse_scaled").as("mean_test_mse_scaled"),
                            avg("val_rmse").as("mean_val_rmse"), avg("test_rmse").as("mean_test_rmse"),
                            avg("train_seconds").as("mean_train_seconds"))
                    .orderBy(col("mean_skill").desc_nulls_last(), col("mean_test_mse_scaled").asc_nulls_last());
        }
    }

    /** Fits every series of {@code frame} (columns as given to the constructor). */
    public Output fit(Dataset<Row> frame) {
        columns.check(frame.schema(), "the series table");
        SparkSession spark = frame.sparkSession();
        int n = partitions > 0 ? partitions : 4 * spark.sparkContext().defaultParallelism();
        long start = System.nanoTime();
        JavaPairRDD<String, List<TimePoint>> series = group(frame, n);
        List<FitPlan> work = plans;
        TaskFault f = fault;
        JavaRDD<SeriesFit.Outcome> outcomes;
        if (work.size() == 1) {
            FitPlan plan = work.get(0);
            outcomes = series.map(s -> {
                f.before(s._1());
                return SeriesFit.run(s._1(), s._2(), plan);
            });
        } else {   // series × setting, spread again so that one series' settings run on many cores
            outcomes = series.flatMap(s -> work.stream().map(p -> new Tuple2<>(s, p)).iterator())
                    .repartition(Math.max(n, 1))
                    .map(t -> {
                        f.before(t._1()._1());
                        return SeriesFit.run(t._1()._1(), t._1()._2(), t._2());
                    });
        }
        outcomes = outcomes.persist(StorageLevel.MEMORY_AND_DISK());
        long count = outcomes.count();
        double seconds = (System.nanoTime() - start) / 1e9;
        Dataset<Row> results = spark.createDataFrame(outcomes.flatMap(o -> o.results().iterator()),
                ResultColumns.SCHEMA);
        Dataset<Row> forecasts = spark.createDataFrame(outcomes.flatMap(o -> o.forecasts().iterator()),
                ResultColumns.FORECASTS);
        return new Output(results, forecasts, work.size() == 1 ? count : count / work.size(), seconds);
    }

    private JavaPairRDD<String, List<TimePoint>> group(Dataset<Row> frame, int n) {
        JavaRDD<Row> rows = frame.select(col(columns.id()).cast("string"), col(columns.time()),
                col(columns.value())).javaRDD();
        return rows.mapToPair(r -> new Tuple2<>(r.isNullAt(0) ? null : r.getString(0),
                        TimePoint.read(r.get(1), r.get(2))))
                .groupByKey(n)
                .mapValues(points -> {
                    List<TimePoint> list = new ArrayList<>();
                    points.forEach(list::add);
                    return list;
                });
    }
}
