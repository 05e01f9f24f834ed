package dev.gated.timeseries.csv;

import dev.gated.timeseries.TimeAxis;
import dev.gated.timeseries.TimeSeriesTable;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

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
 */
public final class TimeSeriesCsvReader {

    private TimeSeriesCsvReader() {
    }

    /** Reads a file with the {@link CsvReadOptions#defaults() default options}. */
    public static TimeSeriesTable read(Path file) {
        return read(file, CsvReadOptions.defaults());
    }

    /** Reads a file; messages name it by {@code file.toString()}. */
    public static TimeSeriesTable read(Path file, CsvReadOptions options) {
        String source = file.toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw CsvFormatException.ofFile(source, "file not found (working directory: "
                    + Path.of("").toAbsolutePath() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": cannot read: " + e.getMessage(), e);
        }
        return read(bytes, source, options);
    }

    /** Reads CSV bytes (e.g. an upload); {@code source} names them in messages. */
    public static TimeSeriesTable read(byte[] bytes, String source, CsvReadOptions options) {
        return readText(TextSniffer.decode(bytes, source), source, options);
    }

    /** Reads CSV text that is already decoded (a leading BOM character is skipped). */
    public static TimeSeriesTable readText(String text, String source, CsvReadOptions options) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.isBlank()) {
            throw CsvFormatException.ofFile(source, "the file is empty: expected a header line "
                    + "(e.g. \"date,value\") followed by at least one data row");
        }
        char delimiter = options.delimiter() != null ? options.delimiter() : DelimiterDetector.detect(text);
        LineIndex lines = new LineIndex(text);
        List<CSVRecord> records = parse(text, source, delimiter, lines);
        CSVRecord headerRecord = records.get(0);
        Header header = Header.of(headerRecord, source, lines.lineOf(headerRecord.getCharacterPosition()));
        if (records.size() == 1) {
            throw CsvFormatException.ofFile(source, "has a header line (" + String.join(String.valueOf(delimiter),
                    header.names()) + ") but no data rows; expected at least one row of values after line "
                    + header.line());
        }
        List<CSVRecord> rows = records.subList(1, records.size());
        ColumnSelection sel = ColumnSelection.resolve(header, rows.get(0), options, source, delimiter);
        for (String name : options.categorical().keySet()) {
            int f = header.names().indexOf(name);
            if (f < 0 || java.util.Arrays.stream(sel.valueFields()).noneMatch(v -> v == f)) {
                throw CsvFormatException.ofLine(source, header.line(), "categorical column \"" + name
                        + "\" is not among the value columns read; the columns are "
                        + TimeSeriesTable.quoted(header.names()));
            }
        }
        return RowReader.read(rows, header, sel, options.missingValues(), options.categorical(), lines, source);
    }

    /**
     * A first look at a file that types every column (see {@link CsvProfile}): never fails on text columns or
     * missing cells, only on what makes the file unreadable (not CSV, no header, ragged rows).
     */
    public static CsvProfile profile(byte[] bytes, String source, TimeColumnChoice time) {
        String text = TextSniffer.decode(bytes, source);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.isBlank()) {
            throw CsvFormatException.ofFile(source, "the file is empty: expected a header line "
                    + "(e.g. \"date,value\") followed by at least one data row");
        }
        char delimiter = DelimiterDetector.detect(text);
        LineIndex lines = new LineIndex(text);
        List<CSVRecord> records = parse(text, source, delimiter, lines);
        Header header = Header.of(records.get(0), source, lines.lineOf(records.get(0).getCharacterPosition()));
        if (records.size() == 1) {
            throw CsvFormatException.ofFile(source, "has a header line but no data rows");
        }
        return CsvProfile.of(records.subList(1, records.size()), header, time, lines, source);
    }

    /** As {@link #profile(byte[], String, TimeColumnChoice)}, from a file. */
    public static CsvProfile profile(Path file, TimeColumnChoice time) {
        try {
            return profile(Files.readAllBytes(file), file.toString(), time);
        } catch (NoSuchFileException e) {
            throw CsvFormatException.ofFile(file.toString(), "file not found (working directory: "
                    + Path.of("").toAbsolutePath() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static List<CSVRecord> parse(String text, String source, char delimiter, LineIndex lines) {
        CSVFormat format = CSVFormat.DEFAULT.builder()
                .setDelimiter(delimiter)
                .setIgnoreEmptyLines(true)
                .setIgnoreSurroundingSpaces(true)
                .get();
        List<CSVRecord> out = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            long linesBefore = 0; // line ends consumed by the records read so far
            try {
                for (CSVRecord r : parser) {
                    out.add(r);
                    linesBefore = parser.getCurrentLineNumber();
                }
            } catch (UncheckedIOException | IllegalStateException e) {
                throw malformed(text, source, (int) linesBefore + 1, rootMessage(e));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (out.isEmpty()) {
            throw CsvFormatException.ofFile(source, "the file is empty: expected a header line");
        }
        return out;
    }

    /**
     * The error for a record the parser could not finish: it names the line where that record starts (the parser
     * itself only knows where it gave up, often the end of the file) and the column of its first double quote.
     */
    private static CsvFormatException malformed(String text, String source, int startLine, String parserMessage) {
        int line = startLine;
        String[] all = text.split("\r\n|\r|\n", -1);
        while (line <= all.length && all[line - 1].isBlank()) {
            line++; // the parser skips blank lines before a record
        }
        int quote = line <= all.length ? all[line - 1].indexOf('"') : -1;
        String where = quote >= 0 ? "the double quote at column " + (quote + 1) + " of line " + line
                + " opens a field that is never closed" : "a field is never closed";
        return CsvFormatException.ofLine(source, line, "malformed CSV: " + where
                + " (write a quote inside a quoted field as \"\"); the parser reports: " + parserMessage);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
