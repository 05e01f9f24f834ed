package dev.gated.timeseries;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A table of numeric time series read from one source: a {@link TimeAxis} (one label per row) and
 * C numeric columns of R rows each.
 *
 * <pre>
 *   columns : double[C][R]   column-major: columns[c][t] is column c at row t
 *   time    : R labels       parsed to LocalDateTime where the format allows
 *   lines   : int[R]         the 1-based line of each row in the source file (header = line 1)
 * </pre>
 *
 * <p>Immutable: accessors return copies, so callers may scale or edit what they get.
 */
public final class TimeSeriesTable {

    private final String source;
    private final String timeColumnName;   // null when there is no time column
    private final TimeAxis time;
    private final List<String> columnNames;
    private final double[][] columns;      // (C, R)
    private final int[] sourceLines;       // (R)

    /**
     * @param source         where the data came from (a file name), used in messages
     * @param timeColumnName the header of the time column, or null if there is none
     * @param time           the time axis, R labels
     * @param columnNames    C unique names
     * @param columns        (C, R) values, copied
     * @param sourceLines    (R) 1-based line numbers of the rows in the source, copied
     */
    public TimeSeriesTable(String source, String timeColumnName, TimeAxis time, List<String> columnNames,
                           double[][] columns, int[] sourceLines) {
        this.source = Objects.requireNonNull(source, "source");
        this.timeColumnName = timeColumnName;
        this.time = Objects.requireNonNull(time, "time");
        this.columnNames = List.copyOf(columnNames);
        if (columns.length != columnNames.size()) {
            throw new IllegalArgumentException(columnNames.size() + " column names but " + columns.length
                    + " columns of values");
        }
        this.columns = new double[columns.length][];
        for (int c = 0; c < columns.length; c++) {
            if (columns[c].length != time.size()) {
                throw new IllegalArgumentException("column \"" + columnNames.get(c) + "\" has " + columns[c].length
                        + " values but the time axis has " + time.size() + " rows");
            }
            this.columns[c] = columns[c].clone();
        }
        if (sourceLines.length != time.size()) {
            throw new IllegalArgumentException(sourceLines.length + " source lines for " + time.size() + " rows");
        }
        this.sourceLines = sourceLines.clone();
    }

    /** The source name given when reading (usually the file path). */
    public String source() {
        return source;
    }

    /** R, the number of data rows. */
    public int rowCount() {
        return time.size();
    }

    /** C, the number of numeric columns. */
    public int columnCount() {
        return columns.length;
    }

    /** The numeric columns' names, in file order (the time column is not among them). */
    public List<String> columnNames() {
        return columnNames;
    }

    /** The time column's header, or null when the table has no time column (labels are row indices). */
    public String timeColumnName() {
        return timeColumnName;
    }

    public TimeAxis time() {
        return time;
    }

    /** The 1-based line in the source file of a data row (the header is line 1). */
    public int sourceLine(int row) {
        return sourceLines[row];
    }

    /**
     * The index of a numeric column.
     *
     * @throws IllegalArgumentException naming the columns that do exist if there is no such column
     */
    public int columnIndex(String name) {
        int i = columnNames.indexOf(name);
        if (i < 0) {
            String hint = name.equals(timeColumnName) ? " (\"" + name + "\" is the time column, not a numeric one)"
                    : "";
            throw new IllegalArgumentException(source + ": no numeric column \"" + name + "\"" + hint
                    + "; the numeric columns are " + quoted(columnNames));
        }
        return i;
    }

    /** A copy of the values of a column, (R). */
    public double[] column(String name) {
        return columns[columnIndex(name)].clone();
    }

    /** A copy of the values of column {@code index}, (R). */
    public double[] column(int index) {
        return columns[index].clone();
    }

    /** Copies of several columns in the given order, (names.size(), R). */
    public double[][] columns(List<String> names) {
        double[][] out = new double[names.size()][];
        for (int i = 0; i < names.size(); i++) {
            out[i] = column(names.get(i));
        }
        return out;
    }

    /** Copies of all columns, (C, R). */
    public double[][] columns() {
        return columns(columnNames);
    }

    /** The value at a row of a column. */
    public double value(int row, String column) {
        return columns[columnIndex(column)][row];
    }

    /** Names in double quotes, comma-separated: {@code "HUFL", "OT"}; used in messages. */
    public static String quoted(List<String> names) {
        List<String> q = new ArrayList<>(names.size());
        for (String n : names) {
            q.add("\"" + n + "\"");
        }
        return String.join(", ", q);
    }

    @Override
    public String toString() {
        return "TimeSeriesTable[" + source + ", " + rowCount() + " rows, time "
                + (timeColumnName == null ? "(row index)" : "\"" + timeColumnName + "\" " + time.format())
                + ", columns " + quoted(columnNames) + "]";
    }

}
