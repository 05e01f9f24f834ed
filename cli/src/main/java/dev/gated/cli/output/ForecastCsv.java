package dev.gated.cli.output;

import java.io.IOException;
import java.io.Writer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes a forecast as CSV with Commons CSV: the time column, then {@code <target> (forecast)}, the column name
 * Orange's Line Chart (and its time-series add-on) recognises as a forecast.
 * <pre>
 *   Month,Passengers (forecast)
 *   1961-01,447.1
 * </pre>
 */
public final class ForecastCsv {

    private ForecastCsv() {
    }

    /** Writes the header and one row per step; values with full double precision. */
    public static void write(Writer out, String timeColumn, String target, String[] labels, double[] values)
            throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader(timeColumn, columnName(target))
                .setRecordSeparator('\n').get();
        CSVPrinter printer = new CSVPrinter(out, format);
        for (int i = 0; i < values.length; i++) {
            printer.printRecord(labels[i], values[i]);
        }
        printer.flush();
    }

    /** {@code <target> (forecast)}. */
    public static String columnName(String target) {
        return target + " (forecast)";
    }
}
