package dev.gated.forecast;

import dev.gated.timeseries.TimeAxis;
import dev.gated.timeseries.TimeSeriesTable;
import dev.gated.timeseries.csv.CsvReadOptions;
import dev.gated.timeseries.csv.MissingValuePolicy;
import dev.gated.timeseries.csv.TimeSeriesCsvReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A CSV file read for a model with known-future inputs: its history, then the future rows that give those
 * inputs over the forecast horizon. The future rows are the rows after the last one with a target value:
 * <pre>
 *   date,sales,holiday          history: read as train read it (policy, scaler columns, calendar)
 *   …
 *   2012-12-30,4213,0           ← the last value of the target: the forecast origin
 *   2012-12-31,,0               future rows: target empty, every known-future column filled
 *   2013-01-01,,1
 * </pre>
 * A model whose only known-future inputs are {@link CalendarFeatures} needs no future rows: when there are none,
 * their times continue the series' step ({@link FutureTimes}). The table holds R = history + future rows; past-only
 * inputs and the target are NaN in the future rows (the network never reads them there, see {@link FutureInputs}).
 *
 * @param table   history rows then future rows, with the model's columns and calendar inputs
 * @param history the number of history rows
 */
public record FutureRows(TimeSeriesTable table, int history) {

    /**
     * Reads {@code file} for {@code spec}, requiring {@code horizon} future rows.
     *
     * @throws IllegalArgumentException naming the file, line and column of a future row without a known-future
     *                                  value, or saying how many future rows are missing
     */
    public static FutureRows read(Path file, DataSpec spec, int horizon) {
        String source = file.toString();
        String target = spec.target();
        CsvReadOptions base = spec.readOptions();
        CsvReadOptions targetOnly = base.withValueColumns(List.of(target)).withCategorical(Map.of());
        TimeSeriesTable every = TimeSeriesCsvReader.read(file, targetOnly.withMissingValues(MissingValuePolicy.INTERPOLATE));
        TimeSeriesTable valued = TimeSeriesCsvReader.read(file, targetOnly.withMissingValues(MissingValuePolicy.DROP));
        int lastLine = valued.sourceLine(valued.rowCount() - 1);
        int origin = 0;   // rows of `every` up to the last target value
        while (origin < every.rowCount() && every.sourceLine(origin) <= lastLine) {
            origin++;
        }
        TimeSeriesTable past = origin == every.rowCount() ? TimeSeriesCsvReader.read(file, base)
                : TimeSeriesCsvReader.readText(linesBefore(file, every.sourceLine(origin)), source, base);
        int given = every.rowCount() - origin;
        List<String> known = spec.knownFutureColumns();
        String[] labels;
        int[] lines;
        if (given == 0 && known.isEmpty()) {   // calendar inputs only: the future times follow from the past ones
            labels = FutureTimes.after(past.time(), horizon);
            lines = new int[horizon];
            Arrays.fill(lines, lastLine);
        } else {
            if (given < horizon) {
                throw new IllegalArgumentException(source + ": the model reads its known-future inputs " + known
                        + " on the " + horizon + " rows of its horizon after the last value of \"" + target + "\" (line "
                        + lastLine + "), but the file has " + (given == 0 ? "no row" : given + " row"
                        + (given == 1 ? "" : "s")) + " after it; add " + (horizon - given) + " more row"
                        + (horizon - given == 1 ? "" : "s") + " with " + String.join(", ", known) + " filled and \""
                        + target + "\" empty");
            }
            labels = new String[given];
            lines = new int[given];
            for (int r = 0; r < given; r++) {
                labels[r] = every.time().label(origin + r);
                lines[r] = every.sourceLine(origin + r);
            }
        }
        Map<String, double[]> future = knownValues(file, spec, base, lines, lastLine, given > 0);
        return new FutureRows(CalendarFeatures.addTo(join(past, future, labels, lines), spec), past.rowCount());
    }

    /** The known-future columns at the future rows ({@code lines}), each future cell required. */
    private static Map<String, double[]> knownValues(Path file, DataSpec spec, CsvReadOptions base, int[] lines,
                                                     int lastLine, boolean fromFile) {
        Map<String, double[]> out = new HashMap<>();
        if (!fromFile) {
            return out;
        }
        for (String column : spec.knownFutureColumns()) {
            Map<String, List<String>> levels = new LinkedHashMap<>();
            if (spec.categories().containsKey(column)) {
                levels.put(column, spec.categories().get(column));
            }
            TimeSeriesTable t = TimeSeriesCsvReader.read(file, base.withValueColumns(List.of(column))
                    .withCategorical(levels).withMissingValues(MissingValuePolicy.DROP));
            Map<Integer, Integer> rowOfLine = new HashMap<>();
            for (int r = 0; r < t.rowCount(); r++) {
                rowOfLine.put(t.sourceLine(r), r);
            }
            for (String name : t.columnNames()) {
                out.put(name, new double[lines.length]);
            }
            for (int k = 0; k < lines.length; k++) {
                Integer r = rowOfLine.get(lines[k]);
                if (r == null) {
                    throw new IllegalArgumentException(file + " line " + lines[k] + ", column \"" + column + "\": a "
                            + "future row (after the last value of \"" + spec.target() + "\" on line " + lastLine
                            + ") must give the known-future input, but the cell is missing");
                }
                for (String name : t.columnNames()) {
                    out.get(name)[k] = t.value(r, name);
                }
            }
        }
        return out;
    }

    /** The past table with the future rows appended: known values where given, NaN elsewhere. */
    private static TimeSeriesTable join(TimeSeriesTable past, Map<String, double[]> future, String[] labels,
                                        int[] lines) {
        int p = past.rowCount();
        int n = p + labels.length;
        double[][] columns = new double[past.columnCount()][];
        for (int c = 0; c < columns.length; c++) {
            columns[c] = Arrays.copyOf(past.column(c), n);
            double[] given = future.get(past.columnNames().get(c));
            for (int k = 0; k < labels.length; k++) {
                columns[c][p + k] = given == null ? Double.NaN : given[k];
            }
        }
        String[] allLabels = Arrays.copyOf(past.time().labels(), n);
        int[] allLines = new int[n];
        for (int r = 0; r < p; r++) {
            allLines[r] = past.sourceLine(r);
        }
        for (int k = 0; k < labels.length; k++) {
            allLabels[p + k] = labels[k];
            allLines[p + k] = lines[k];
        }
        TimeAxis axis = past.time().hasTimes() ? TimeAxis.parse(allLabels) : TimeAxis.rowIndex(n);
        return new TimeSeriesTable(past.source(), past.timeColumnName(), axis, new ArrayList<>(past.columnNames()),
                columns, allLines);
    }

    /** The file's text before its 1-based line {@code line} (line ends \n, \r\n or \r, as the reader counts). */
    private static String linesBefore(Path file, int line) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int seen = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                if (++seen == line) {
                    return text.substring(0, i + 1);
                }
            }
        }
        return text;
    }
}
