package dev.gated.text.classify;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a text column and a label column from a CSV or TSV file (UTF-8) with Commons CSV.
 * <ul>
 * <li>{@code .csv}: RFC 4180 (comma, double quotes, quoted fields may span lines).</li>
 * <li>{@code .tsv}, {@code .tab}, {@code .txt}: one record per line, fields split on TAB, <b>no</b> quote handling
 * (a {@code "} is an ordinary character, as in IANA TSV and the UCI sentiment files). Lines end at {@code \n}
 * or {@code \r\n} only — U+0085 inside a sentence stays inside it.</li>
 * </ul>
 * Columns are named by their header (first record) or, with {@code header = false}, by their 1-based number.
 * Texts and labels are trimmed; empty lines are skipped; an empty label is an error naming file, line and column.
 */
public final class LabelledTexts {

    /** One example: its text, its label as written, and the line it starts on (1-based). */
    public record Row(String text, String label, long line) {
    }

    /** Which columns to read: names (with a header) or 1-based numbers (with or without one). */
    public record Columns(String text, String label, boolean header) {
        public Columns {
            if (text == null || text.isBlank() || label == null || label.isBlank()) {
                throw new IllegalArgumentException("name the text column and the label column (by header name or 1-based number)");
            }
        }
    }

    private LabelledTexts() {
    }

    /** Every row of every file, in file order; the files must share the columns. */
    public static List<Row> read(List<Path> files, Columns columns) throws IOException {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no data file given");
        }
        List<Row> out = new ArrayList<>();
        for (Path f : files) {
            out.addAll(read(f, columns));
        }
        return out;
    }

    public static List<Row> read(Path file, Columns columns) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such file");
        }
        CSVFormat format = formatOf(file);
        List<Row> rows = new ArrayList<>();
        String content = Files.readString(file, StandardCharsets.UTF_8);
        Lines lines = new Lines(content);
        try (Reader reader = new java.io.StringReader(content);
             CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
            Iterator<CSVRecord> records = parser.iterator();
            int textIndex;
            int labelIndex;
            if (columns.header()) {
                if (!records.hasNext()) {
                    throw new IOException(file + ": empty file — expected a header line naming the columns");
                }
                CSVRecord header = records.next();
                List<String> names = header.toList().stream().map(String::trim).toList();
                textIndex = columnIndex(file, names, columns.text(), "--text");
                labelIndex = columnIndex(file, names, columns.label(), "--label");
            } else {
                textIndex = number(file, columns.text(), "--text");
                labelIndex = number(file, columns.label(), "--label");
            }
            while (records.hasNext()) {
                CSVRecord r;
                try {
                    r = records.next();
                } catch (RuntimeException e) { // Commons CSV wraps parse errors (e.g. an unclosed quote)
                    throw new IOException(file + ":" + (parser.getCurrentLineNumber() + 1) + ": cannot parse the record: "
                            + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
                }
                long line = lines.lineOf(r.getCharacterPosition());
                if (r.size() == 1 && r.get(0).isBlank()) {
                    continue;
                }
                int needed = Math.max(textIndex, labelIndex) + 1;
                if (r.size() < needed) {
                    throw new IOException(file + ":" + line + ": expected at least " + needed + " fields ("
                            + describe(format) + ") but found " + r.size() + ": " + abbreviate(String.join(" | ", r.toList())));
                }
                String label = r.get(labelIndex).trim();
                if (label.isEmpty()) {
                    throw new IOException(file + ":" + line + ":" + (labelIndex + 1) + ": the label column '"
                            + columns.label() + "' is empty — every row needs a label");
                }
                if (label.contains("\n") || label.contains("\r")) {
                    throw new IOException(file + ":" + line + ":" + (labelIndex + 1) + ": the label '"
                            + abbreviate(label) + "' spans lines — labels are single-line class names");
                }
                rows.add(new Row(r.get(textIndex).trim(), label, line));
            }
        } catch (java.io.UncheckedIOException e) {
            throw new IOException(file + ": " + e.getCause().getMessage(), e.getCause());
        }
        if (rows.isEmpty()) {
            throw new IOException(file + ": no data rows" + (columns.header() ? " below the header" : ""));
        }
        return rows;
    }

    /** 1-based line numbers of character positions, for positions given in increasing order. */
    private static final class Lines {
        private final String content;
        private int position;
        private long line = 1;

        Lines(String content) {
            this.content = content;
        }

        long lineOf(long characterPosition) {
            for (; position < characterPosition && position < content.length(); position++) {
                if (content.charAt(position) == '\n') {
                    line++;
                }
            }
            // the position Commons CSV gives precedes the empty lines it skipped
            for (; position < content.length() && (content.charAt(position) == '\n' || content.charAt(position) == '\r'); position++) {
                if (content.charAt(position) == '\n') {
                    line++;
                }
            }
            return line;
        }
    }

    /** The format a file's name implies (see the class comment); an unknown extension is an error naming the choices. */
    public static CSVFormat formatOf(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();
        }
        if (name.endsWith(".tsv") || name.endsWith(".tab") || name.endsWith(".txt")) {
            return CSVFormat.Builder.create().setDelimiter('\t').setQuote(null).setIgnoreEmptyLines(true).get();
        }
        throw new IllegalArgumentException(file + ": unknown file type — expected .csv (comma, quoted fields) or "
                + ".tsv/.tab/.txt (TAB-separated, no quoting)");
    }

    private static String describe(CSVFormat format) {
        return format.getDelimiterString().equals("\t") ? "TAB-separated" : "comma-separated";
    }

    private static int columnIndex(Path file, List<String> header, String column, String option) throws IOException {
        int i = header.indexOf(column);
        if (i >= 0) {
            return i;
        }
        for (int k = 0; k < header.size(); k++) {
            if (header.get(k).equalsIgnoreCase(column)) {
                return k;
            }
        }
        if (column.chars().allMatch(Character::isDigit)) {
            int n = Integer.parseInt(column);
            if (n >= 1 && n <= header.size()) {
                return n - 1;
            }
        }
        throw new IOException(file + ":1: " + option + " names the column '" + column + "' but the header has "
                + header + (header.size() == 1 ? " — one column only: is the file " + (file.toString().endsWith(".csv")
                ? "TAB-separated? name it .tsv" : "comma-separated? name it .csv") : "")
                + "; without a header line, number the columns from 1 and say there is no header");
    }

    private static int number(Path file, String column, String option) {
        if (!column.chars().allMatch(Character::isDigit) || Integer.parseInt(column) < 1) {
            throw new IllegalArgumentException(file + ": " + option + " '" + column + "' — a file without a header "
                    + "names its columns by 1-based number (e.g. --text 1 --label 2)");
        }
        return Integer.parseInt(column) - 1;
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
