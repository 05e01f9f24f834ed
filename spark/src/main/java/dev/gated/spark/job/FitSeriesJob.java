package dev.gated.spark.job;

import dev.gated.forecast.DataSpec;
import dev.gated.forecast.HyperParameters;
import dev.gated.forecast.SplitSpec;
import dev.gated.layer.recurrent.RecurrentKind;
import dev.gated.spark.ManySeriesForecast;
import dev.gated.spark.SeriesColumns;
import dev.gated.spark.SeriesFrames;
import dev.gated.spark.SeriesPanel;
import dev.gated.timeseries.csv.MissingValuePolicy;
import dev.gated.timeseries.scale.ScalerKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A ready-made Spark application: {@code gated compare}'s pipeline on every series of a long table
 * ({@link ManySeriesForecast}), results and forecasts written as Parquet. The master comes from
 * {@code spark-submit --master}; the same command runs on {@code local[2]} and on a cluster:
 * <pre>
 *   spark-submit --class dev.gated.spark.job.FitSeriesJob --jars GATED_JARS gated-spark.jar \
 *       --input meters.parquet --id meter --time time --value kwh --cells lstm,gru --window 24 --out out/
 *   ─► out/results/ (ResultColumns.SCHEMA), out/forecasts/ (ResultColumns.FORECASTS)
 * </pre>
 * {@code --generate N} fits the generated panel of {@link SeriesPanel} (N series from the shared data) instead
 * of a file: the standalone-cluster check (spark/cluster/run-standalone.sh) uses it.
 */
@Command(name = "fit-series", mixinStandardHelpOptions = true, sortOptions = false, description = {
        "Fit one forecasting model per series of a (series id, time, value) table on Spark, beside the baselines.",
        "Example: spark-submit --class dev.gated.spark.job.FitSeriesJob ... --input meters.parquet --out out/"})
public final class FitSeriesJob implements Callable<Integer> {

    /** Where the series come from: a file, or the generated panel. */
    static final class Source {
        @Option(names = "--input", paramLabel = "FILE", description = "A .csv (with a header line) or Parquet table.")
        String input;

        @Option(names = "--generate", paramLabel = "N",
                description = "Fit N generated series (airline passengers and ETTh1 columns, shifted, scaled, noised).")
        Integer generate;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--rows", defaultValue = "200", description = "Rows per generated series (default: ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--data", defaultValue = "../shared/data", paramLabel = "DIR",
            description = "The shared data folder, for --generate (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--id", defaultValue = "series", description = "Series id column (default: ${DEFAULT-VALUE}).")
    String id;

    @Option(names = "--time", defaultValue = "time", description = "Time column (default: ${DEFAULT-VALUE}).")
    String time;

    @Option(names = "--value", defaultValue = "value", description = "Value column (default: ${DEFAULT-VALUE}).")
    String value;

    @Option(names = "--cells", defaultValue = "lstm", split = ",", paramLabel = "KIND",
            description = "Networks to train per series: lstm, gru, rnn (default: ${DEFAULT-VALUE}).")
    List<String> cells;

    @Option(names = "--units", defaultValue = "16", description = "Hidden units (default: ${DEFAULT-VALUE}).")
    int units;

    @Option(names = "--window", defaultValue = "12", description = "Input steps (default: ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--epochs", defaultValue = "5", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch", defaultValue = "32", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--lr", defaultValue = "0.01", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--seed", defaultValue = "42", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--split", defaultValue = "0.8", description = "Train[,validation] fractions (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--steps", defaultValue = "12", description = "Forecast steps past each series' end (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Writes DIR/results and DIR/forecasts (Parquet, replaced).")
    String out;

    @Override
    public Integer call() {
        List<RecurrentKind> kinds = new ArrayList<>();
        for (String c : cells) {
            kinds.add(RecurrentKind.parse(c));
        }
        DataSpec spec = new DataSpec(value, List.of(), time, MissingValuePolicy.INTERPOLATE, ScalerKind.MINMAX,
                SplitSpec.parse(split, null, 0), 0, 0);
        HyperParameters hp = new HyperParameters(units, 1, window, 1, 1, epochs, batch, lr, seed, 0, 0, 0, false);
        SparkSession spark = SparkSession.builder().appName("gated fit-series").getOrCreate();
        try {
            Dataset<Row> table;
            SeriesColumns columns;
            if (source.generate != null) {
                table = new SeriesPanel(data).frame(spark, source.generate, rows, 2026,
                        spark.sparkContext().defaultParallelism());
                columns = SeriesPanel.COLUMNS;
            } else {
                table = SeriesFrames.read(spark, source.input);
                columns = new SeriesColumns(id, time, value);
            }
            ManySeriesForecast.Output o = ManySeriesForecast.compare(columns, spec, hp, kinds, steps).fit(table);
            o.results().write().mode(SaveMode.Overwrite).parquet(out + "/results");
            o.forecasts().write().mode(SaveMode.Overwrite).parquet(out + "/forecasts");
            long failed = o.results().filter("error is not null").count();
            System.out.printf(Locale.ROOT, "fit-series: master %s, %d series in %.1f s (%.0f series/minute), "
                            + "%d error rows, written to %s/results and %s/forecasts%n", spark.sparkContext().master(),
                    o.series(), o.seconds(), 60 * o.series() / o.seconds(), failed, out, out);
            return 0;
        } finally {
            spark.stop();
        }
    }

    public static void main(String[] args) {
        System.exit(JobCommands.run(new FitSeriesJob(), args));
    }
}
