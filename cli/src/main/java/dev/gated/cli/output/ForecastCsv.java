package dev.gated.cli.output;

import java.io.IOException;
import java.io.Writer;
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
        List<String> header = new ArrayList<>(List.of(timeColumn, columnName(target)));
        List<Integer> levels = new ArrayList<>();
        if (quantiles != null) {
            List<Double> tau = quantiles.levels().levels();
            for (int q = 0; q < tau.size(); q++) {
                if (q != quantiles.levels().median()) {
                    levels.add(q);
                    header.add(target + " (" + QuantileLevels.label(tau.get(q)) + ")");
                }
            }
        }
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new))
                .setRecordSeparator('\n').get();
        CSVPrinter printer = new CSVPrinter(out, format);
        for (int i = 0; i < values.length; i++) {
            List<Object> row = new ArrayList<>(List.of(labels[i], values[i]));
            for (int q : levels) {
                row.add(quantiles.values()[q][i]);
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
