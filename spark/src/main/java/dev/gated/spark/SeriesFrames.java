package dev.gated.spark;

import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Reads a long table of many series (see {@link SeriesColumns}) from CSV or Parquet. */
public final class SeriesFrames {

    private SeriesFrames() {
    }

    /**
     * CSV when the path ends in .csv or .csv.gz (a header line, column types inferred), else Parquet (a file
     * or a folder of part files).
     */
    public static Dataset<Row> read(SparkSession spark, String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".csv") || lower.endsWith(".csv.gz")) {
            return spark.read().option("header", "true").option("inferSchema", "true").csv(path);
        }
        return spark.read().parquet(path);
    }
}
