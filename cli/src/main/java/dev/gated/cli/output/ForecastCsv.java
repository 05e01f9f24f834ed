package dev.gated.cli.output;

import java.io.IOException;
import java.io.Writer;
import dev.gated.forecast.Forecaster;
import dev.gated.forecast.QuantileForecast;
import dev.gated.forecast.QuantileLevels;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes a forecast as CSV with Commons CSV: the time column, then {@code <target> (forecast)}, the column name
 * Orange's Line Chart (and its time-series add-on) recognises as a forecast.
 * <pre>
 *   Month,Passengers (forecast)
 *   1961-01,447.1
 * </pre>
 * A quantile model adds a column per other level: {@code Month,Passengers (forecast),Passengers (q0.1),Passengers (q0.9)}.
 * A model of several targets writes those columns for each target in turn:
 * {@code date,A (forecast),A (q0.1),A (q0.9),B (forecast),B (q0.1),B (q0.9)}.
 */
public final class ForecastCsv {

    private ForecastCsv() {
    }

    /** Writes the header and one row per step; values with full double precision. */
    public static void write(Writer out, String timeColumn, String target, String[] labels, double[] values)
            throws IOException {
        write(out, timeColumn, target, labels, values, null);
    }

    /**
     * As above, with a column per quantile level other than the median ({@code Passengers (q0.1)},
     * {@code Passengers (q0.9)}) after the forecast (the median) when {@code quantiles} is not null.
     */
    public static void write(Writer out, String timeColumn, String target, String[] labels, double[] values,
                             QuantileForecast quantiles) throws IOException {
        write(out, timeColumn, List.of(target), labels, List.of(new Forecaster.Result("direct", values, quantiles)));
    }

    /** The forecasts of several targets ({@code results} in the order of {@code targets}), each target's columns in turn. */
    public static void write(Writer out, String timeColumn, List<String> targets, String[] labels,
                             List<Forecaster.Result> results) throws IOException {
        List<String> header = new ArrayList<>(List.of(timeColumn));
        List<List<Integer>> levels = new ArrayList<>();
        for (int m = 0; m < targets.size(); m++) {
            header.add(columnName(targets.get(m)));
            QuantileForecast quantiles = results.get(m).quantiles();
            List<Integer> others = new ArrayList<>();
            if (quantiles != null) {
                List<Double> tau = quantiles.levels().levels();
                for (int q = 0; q < tau.size(); q++) {
                    if (q != quantiles.levels().median()) {
                        others.add(q);
                        header.add(targets.get(m) + " (" + QuantileLevels.label(tau.get(q)) + ")");
                    }
                }
            }
            levels.add(others);
        }
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new))
                .setRecordSeparator('\n').get();
        CSVPrinter printer = new CSVPrinter(out, format);
        for (int i = 0; i < labels.length && i < results.get(0).values().length; i++) {
            List<Object> row = new ArrayList<>(List.of(labels[i]));
            for (int m = 0; m < targets.size(); m++) {
                row.add(results.get(m).values()[i]);
                for (int q : levels.get(m)) {
                    row.add(results.get(m).quantiles().values()[q][i]);
                }
            }
            printer.printRecord(row);
        }
        printer.flush();
    }

    /** {@code <target> (forecast)}. */
    public static String columnName(String target) {
        return target + " (forecast)";
    }
}
