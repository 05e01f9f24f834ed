package dev.gated.spark;

import dev.gated.timeseries.TimeSeriesTable;
import dev.gated.timeseries.csv.TimeSeriesCsvReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A generated panel of many series, for tests and throughput measurements, made from real series: the airline
 * passengers (144 months) and the seven columns of ETTh1 (17,420 hours). Series i, with its own random
 * generator seeded by (seed, i):
 * <pre>
 *   source   i mod 8: 0 = airline passengers, 1..7 = ETTh1 column HUFL, HULL, MUFL, MULL, LUFL, LULL, OT
 *   rows     L consecutive rows starting at a random offset o (shifted in time; airline: the whole 144 when L ≥ 144)
 *   value    y[t] = a · x[o + t] + b + ε[t]      a ~ U(0.5, 2)   (scaled)
 *                                              b ~ U(-1, 1) · sd(x)   (shifted)
 *                                              ε ~ N(0, (0.05 · sd(x))²)   (noised), sd over the L rows
 *   time     the source's own labels (yyyy-MM, yyyy-MM-dd HH:mm:ss)
 * </pre>
 * Columns: series (text "s00042"), time (text), value (double).
 */
public final class SeriesPanel {

    /** The panel's columns. */
    public static final SeriesColumns COLUMNS = new SeriesColumns("series", "time", "value");

    public static final StructType SCHEMA = new StructType().add("series", DataTypes.StringType)
            .add("time", DataTypes.StringType).add("value", DataTypes.DoubleType);

    private static final String[] ETT_COLUMNS = {"HUFL", "HULL", "MUFL", "MULL", "LUFL", "LULL", "OT"};

    private final TimeSeriesTable airline;
    private final TimeSeriesTable ett;

    /** @param data the shared data folder (holding airline-passengers/ and etth1/) */
    public SeriesPanel(Path data) {
        this.airline = TimeSeriesCsvReader.read(data.resolve("airline-passengers/airline-passengers.csv"));
        this.ett = TimeSeriesCsvReader.read(data.resolve("etth1/ETTh1.csv"));
    }

    /** {@code count} series of {@code rows} rows each (airline series have min(rows, 144)). */
    public List<Row> rows(int count, int rows, long seed) {
        List<Row> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            SplittableRandom random = new SplittableRandom(seed * 1_000_003L + i);
            int source = i % 8;
            TimeSeriesTable t = source == 0 ? airline : ett;
            double[] x = source == 0 ? t.column(0) : t.column(ETT_COLUMNS[source - 1]);
            int length = Math.min(rows, x.length);
            int offset = random.nextInt(x.length - length + 1);
            double sd = sd(x, offset, length);
            double a = 0.5 + 1.5 * random.nextDouble();
            double b = (2 * random.nextDouble() - 1) * sd;
            String id = String.format("s%05d", i);
            for (int r = 0; r < length; r++) {
                double noise = 0.05 * sd * gaussian(random);
                out.add(RowFactory.create(id, t.time().label(offset + r), a * x[offset + r] + b + noise));
            }
        }
        return out;
    }

    /** The panel as a DataFrame (built on the driver, then spread over {@code partitions}). */
    public Dataset<Row> frame(SparkSession spark, int count, int rows, long seed, int partitions) {
        return spark.createDataFrame(rows(count, rows, seed), SCHEMA).repartition(partitions);
    }

    private static double sd(double[] x, int from, int n) {
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += x[from + i];
        }
        mean /= n;
        double ss = 0;
        for (int i = 0; i < n; i++) {
            ss += (x[from + i] - mean) * (x[from + i] - mean);
        }
        return Math.sqrt(ss / Math.max(1, n - 1));
    }

    /** A standard normal draw (Box–Muller). */
    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
