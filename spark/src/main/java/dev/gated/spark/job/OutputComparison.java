package dev.gated.spark.job;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Checks that two runs of {@link FitSeriesJob} (e.g. local[2] and a standalone cluster) wrote the same
 * results and forecasts: the same rows, keyed by every column that names a row (series, model, setting, step),
 * every other column equal — text and integers exactly, doubles to a relative tolerance
 * <pre>
 *   |a − b| ≤ tol · max(|a|, |b|)        (both null, or both NaN, count as equal)
 * </pre>
 * except wall-clock columns (train_seconds). Prints the largest difference per column; exit 0 when equal, 3 when not.
 */
@Command(name = "compare-runs", mixinStandardHelpOptions = true, description = {
        "Compare the results and forecasts two fit-series runs wrote.",
        "Example: ... dev.gated.spark.job.OutputComparison out/local out/cluster --tolerance 1e-9"})
public final class OutputComparison implements Callable<Integer> {

    /** Columns that vary from run to run by nature. */
    static final List<String> WALL_CLOCK = List.of("train_seconds");

    /** Columns that identify a row of each table. */
    static final Map<String, List<String>> KEYS = Map.of(
            "results", List.of("series_id", "model", "units", "window", "learning_rate"),
            "forecasts", List.of("series_id", "model", "units", "window", "learning_rate", "step"));

    @Parameters(index = "0", paramLabel = "EXPECTED", description = "The first run's --out folder.")
    String expected;

    @Parameters(index = "1", paramLabel = "ACTUAL", description = "The second run's --out folder.")
    String actual;

    @Option(names = "--tolerance", defaultValue = "1e-9", description = "Relative tolerance for doubles (default: ${DEFAULT-VALUE}).")
    double tolerance;

    @Override
    public Integer call() {
        SparkSession spark = SparkSession.builder().appName("gated compare-runs").getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
        try {
            boolean same = true;
            for (String table : List.of("results", "forecasts")) {
                List<Row> a = spark.read().parquet(expected + "/" + table).collectAsList();
                List<Row> b = spark.read().parquet(actual + "/" + table).collectAsList();
                same &= compare(table, a, b);
            }
            System.out.println(same ? "compare-runs: SAME (within relative " + tolerance + ")"
                    : "compare-runs: DIFFERENT");
            return same ? 0 : 3;
        } finally {
            spark.stop();
        }
    }

    private boolean compare(String table, List<Row> expectedRows, List<Row> actualRows) {
        Map<String, Row> a = byKey(table, expectedRows);
        Map<String, Row> b = byKey(table, actualRows);
        boolean same = a.keySet().equals(b.keySet());
        if (!same) {
            System.out.printf(Locale.ROOT, "%s: %d rows against %d; only in %s: %s; only in %s: %s%n", table,
                    a.size(), b.size(), expected, first(a, b), actual, first(b, a));
        }
        Map<String, Double> largest = new LinkedHashMap<>();
        int exactMismatches = 0;
        for (Map.Entry<String, Row> e : a.entrySet()) {
            Row y = b.get(e.getKey());
            if (y == null) {
                continue;
            }
            Row x = e.getValue();
            for (StructField f : x.schema().fields()) {
                if (WALL_CLOCK.contains(f.name())) {
                    continue;
                }
                Object u = x.getAs(f.name());
                Object v = y.getAs(f.name());
                if (f.dataType().equals(DataTypes.DoubleType) && u != null && v != null) {
                    double d = relative((Double) u, (Double) v);
                    largest.merge(f.name(), d, Math::max);
                    if (!(d <= tolerance)) {
                        same = false;
                    }
                } else if (!(u instanceof byte[] p ? v instanceof byte[] q && Arrays.equals(p, q) : Objects.equals(u, v))) {
                    if (exactMismatches++ < 5) {
                        System.out.printf(Locale.ROOT, "%s %s: %s = %s against %s%n", table, e.getKey(), f.name(), u, v);
                    }
                    same = false;
                }
            }
        }
        System.out.printf(Locale.ROOT, "%s: %d rows, %d non-numeric mismatches, largest relative difference per column %s%n",
                table, a.size(), exactMismatches, largest);
        return same;
    }

    /** |a − b| / max(|a|, |b|); 0 when equal (NaN = NaN, ∞ = ∞). */
    static double relative(double a, double b) {
        if (Double.compare(a, b) == 0) {
            return 0;
        }
        return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
    }

    private static Map<String, Row> byKey(String table, List<Row> rows) {
        Map<String, Row> out = new TreeMap<>();
        for (Row r : rows) {
            StringBuilder k = new StringBuilder();
            for (String c : KEYS.get(table)) {
                k.append(c).append('=').append((Object) r.getAs(c)).append(' ');
            }
            if (out.put(k.toString().trim(), r) != null) {
                throw new IllegalStateException(table + ": two rows with the key " + k + "; the runs cannot be compared row by row");
            }
        }
        return out;
    }

    private static String first(Map<String, Row> in, Map<String, Row> notIn) {
        return in.keySet().stream().filter(k -> !notIn.containsKey(k)).limit(3).toList().toString();
    }

    public static void main(String[] args) {
        System.exit(JobCommands.run(new OutputComparison(), args));
    }
}
