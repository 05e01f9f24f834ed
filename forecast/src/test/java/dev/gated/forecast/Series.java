package dev.gated.forecast;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Small CSV files for the tests: a monthly seasonal series with a trend, and an optional second column. */
final class Series {

    private Series() {
    }

    /** v(t) = 100 + t + 20·sin(2πt/12), a second column w(t) = cos(2πt/12); months from 2000-01. */
    static double value(int t) {
        return 100 + t + 20 * Math.sin(2 * Math.PI * t / 12);
    }

    static Path monthly(Path dir, int rows) {
        StringBuilder sb = new StringBuilder("Month,Value,Other\n");
        for (int t = 0; t < rows; t++) {
            sb.append(String.format(Locale.ROOT, "%04d-%02d,%.4f,%.4f%n", 2000 + t / 12, t % 12 + 1, value(t),
                    Math.cos(2 * Math.PI * t / 12)));
        }
        Path file = dir.resolve("monthly.csv");
        try {
            Files.writeString(file, sb.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** The rows of {@link #monthly} as a table, without a file: time column "Month", columns Value. */
    static dev.gated.timeseries.TimeSeriesTable monthlyTable(int rows) {
        String[] labels = new String[rows];
        double[] values = new double[rows];
        int[] lines = new int[rows];
        for (int t = 0; t < rows; t++) {
            labels[t] = String.format(Locale.ROOT, "%04d-%02d", 2000 + t / 12, t % 12 + 1);
            values[t] = value(t);
            lines[t] = t + 2;
        }
        return new dev.gated.timeseries.TimeSeriesTable("monthly.csv", "Month",
                dev.gated.timeseries.TimeAxis.parse(labels), java.util.List.of("Value"), new double[][] {values}, lines);
    }

    /** Univariate on Value: minmax, split 0.6,0.2, period and moving-average window left to their defaults. */
    static DataSpec univariate() {
        return new DataSpec("Value", null, null, DataSpec.parseMissing("error"),
                dev.gated.timeseries.scale.ScalerKind.MINMAX, SplitSpec.parse("0.6,0.2", null, 0), 0, 0);
    }

    /** units 4, 1 layer, window 12, horizon h, stride 1, epochs 2, batch 16, lr 0.01, seed 7. */
    static HyperParameters small(int horizon) {
        return new HyperParameters(4, 1, 12, horizon, 1, 2, 16, 0.01, 7, 0, 0, 0, false);
    }
}
