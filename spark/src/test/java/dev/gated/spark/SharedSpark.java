package dev.gated.spark;

import dev.gated.timeseries.SharedData;
import org.apache.spark.sql.SparkSession;

/**
 * One SparkSession for every test of the module (starting one costs seconds): local[2,2] — two cores, and each
 * task may be tried twice, so a test can fail a first attempt and watch Spark retry it.
 */
final class SharedSpark {

    private static SparkSession session;
    private static SeriesPanel panel;

    private SharedSpark() {
    }

    static synchronized SparkSession get() {
        if (session == null) {
            session = SparkSession.builder().master("local[2,2]").appName("gated-spark-tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.sql.shuffle.partitions", "4")
                    .config("spark.default.parallelism", "2")
                    .getOrCreate();
            session.sparkContext().setLogLevel("ERROR");
        }
        return session;
    }

    /** The panel generator over the shared data sets. */
    static synchronized SeriesPanel panel() {
        if (panel == null) {
            panel = new SeriesPanel(SharedData.dataDir());
        }
        return panel;
    }
}
