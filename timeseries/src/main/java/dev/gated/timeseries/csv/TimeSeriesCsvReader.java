package dev.gated.timeseries.csv;

import dev.gated.timeseries.TimeSeriesTable;
import java.nio.file.Path;

/**
 * Reads a CSV file into a {@link TimeSeriesTable} with Apache Commons CSV.
 *
 * <p>Accepted input: UTF-8 (a BOM is skipped), a header line then data rows, fields separated by ',' ';' or
 * TAB (detected, see {@link DelimiterDetector}, or given), double-quoted fields with "" as an escaped quote,
 * LF / CRLF / CR line ends, with or without a final newline; blank lines are skipped. Every row must have as
 * many fields as the header. The time column (see {@link TimeColumnChoice}) is parsed as described in
 * {@link dev.gated.timeseries.TimeFormat}; the other selected columns must be numbers, missing cells are
 * handled by the {@link MissingValuePolicy}.
 *
 * <p>Every problem is a one-line {@link CsvFormatException} naming the file, the 1-based line (header = 1),
 * the column and what was expected versus found.
 *
 * <p>The file is streamed, never held whole: a record at a time is parsed and only the selected columns are
 * kept, so memory grows with rows × selected columns, not with the file; more than 1/{@value #HEAP_SHARE} of
 * the heap for them is an error naming the line reached.
 */
public final class TimeSeriesCsvReader {

    private TimeSeriesCsvReader() {
    }

    /** Reads a file with the {@link CsvReadOptions#defaults() default options}. */
    public static TimeSeriesTable read(Path file) {
        return read(file, CsvReadOptions.defaults());
    }

    /** Reads a file, streamed (see {@link RecordStream}); messages name it by {@code file.toString()}. */
    public static TimeSeriesTable read(Path file, CsvReadOptions options) {
        try (RecordStream rows = RecordStream.open(file, options.delimiter())) {
            return read(rows, file.toString(), options);
        }
    }

    /** Reads CSV bytes (e.g. an upload); {@code source} names them in messages. */
    public static TimeSeriesTable read(byte[] bytes, String source, CsvReadOptions options) {
        try (RecordStream rows = RecordStream.of(bytes, source, options.delimiter())) {
            return read(rows, source, options);
        }
    }

    /** Reads CSV text that is already decoded (a leading BOM character is skipped). */
    public static TimeSeriesTable readText(String text, String source, CsvReadOptions options) {
        try (RecordStream rows = RecordStream.ofText(text, source, options.delimiter())) {
            return read(rows, source, options);
        }
    }

    /**
     * The share of the heap the selected columns may take: the rest is for what the data is read for (scaling,
     * windows, a network).
     */
    static final int HEAP_SHARE = 4;

    private static TimeSeriesTable read(RecordStream rows, String source, CsvReadOptions options) {
        Header header = header(rows, source);
        RecordStream.Row first = rows.next();
        if (first == null) {
            throw CsvFormatException.ofFile(source, "has a header line (" + String.join(String.valueOf(
                    rows.delimiter()), header.names()) + ") but no data rows; expected at least one row of values "
                    + "after line " + header.line());
        }
        ColumnSelection sel = ColumnSelection.resolve(header, first.record(), options, source, rows.delimiter());
        for (String name : options.categorical().keySet()) {
            int f = header.names().indexOf(name);
            if (f < 0 || java.util.Arrays.stream(sel.valueFields()).noneMatch(v -> v == f)) {
                throw CsvFormatException.ofLine(source, header.line(), "categorical column \"" + name
                        + "\" is not among the value columns read; the columns are "
                        + TimeSeriesTable.quoted(header.names()));
            }
        }
        return RowReader.read(rows, first, header, sel, options.missingValues(), options.categorical(), source,
                Runtime.getRuntime().maxMemory() / HEAP_SHARE);
    }

    private static Header header(RecordStream rows, String source) {
        RecordStream.Row row = rows.next();
        if (row == null) {
            throw CsvFormatException.ofFile(source, "the file is empty: expected a header line "
                    + "(e.g. \"date,value\") followed by at least one data row");
        }
        return Header.of(row.record(), source, row.line());
    }

    /**
     * A first look at a file that types every column (see {@link CsvProfile}): never fails on text columns or
     * missing cells, only on what makes the file unreadable (not CSV, no header, ragged rows).
     */
    public static CsvProfile profile(byte[] bytes, String source, TimeColumnChoice time) {
        try (RecordStream rows = RecordStream.of(bytes, source, null)) {
            return profile(rows, source, time);
        }
    }

    /** As {@link #profile(byte[], String, TimeColumnChoice)}, from a file, streamed. */
    public static CsvProfile profile(Path file, TimeColumnChoice time) {
        try (RecordStream rows = RecordStream.open(file, null)) {
            return profile(rows, file.toString(), time);
        }
    }

    private static CsvProfile profile(RecordStream rows, String source, TimeColumnChoice time) {
        Header header = header(rows, source);
        RecordStream.Row first = rows.next();
        if (first == null) {
            throw CsvFormatException.ofFile(source, "has a header line but no data rows");
        }
        return CsvProfile.of(rows, first, header, time, source);
    }
}
