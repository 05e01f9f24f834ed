package dev.gated.timeseries.csv;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.apache.commons.csv.CSVRecord;

/**
 * What a first read finds in every column of a CSV file, before the user says what each column is for:
 * <pre>
 *   time    the time column (named, or detected as {@link TimeColumnChoice#auto()} does)
 *   number  at least as many numbers as other cells         → target or input feature (a stray "12x" is then
 *                                                             an error naming its line, not a text column)
 *   text    more cells that are neither numbers nor missing → a categorical input (one-hot) or ignored
 * </pre>
 *
 * @param columns one entry per header column, in file order
 * @param timeColumn the time column's name, or null when there is none
 * @param rows    data rows
 * @param preview the first {@value #PREVIEW_ROWS} rows as the file has them (trimmed cells)
 */
public record CsvProfile(List<Column> columns, String timeColumn, int rows, List<List<String>> preview) {

    /** Text columns with more distinct values than this are not offered as categorical features. */
    public static final int MAX_LEVELS = 50;
    static final int PREVIEW_ROWS = 12;

    /**
     * One column's type.
     *
     * @param name     the header
     * @param kind     "time", "number" or "text"
     * @param missing  cells that are empty or a missing placeholder (NA, null, …)
     * @param distinct distinct non-missing values (text columns; 0 for others)
     * @param levels   the distinct values, sorted, when there are at most {@link #MAX_LEVELS}; else empty
     * @param example  the first non-missing cell that is not a number (text columns), else null
     */
    public record Column(String name, String kind, int missing, int distinct, List<String> levels, String example) {

        public boolean isText() {
            return kind.equals("text");
        }

        public boolean isNumber() {
            return kind.equals("number");
        }

        /** True when the column can be one-hot encoded: text with 1..{@link #MAX_LEVELS} levels. */
        public boolean categorical() {
            return isText() && distinct >= 1 && distinct <= MAX_LEVELS;
        }
    }

    /** Text columns are counted exactly up to this many distinct values, so that memory stays bounded. */
    static final int DISTINCT_CAP = 100_000;

    /**
     * Types every column from the rows {@code rows} streams after the header ({@code first}, already read, is the
     * first of them). Memory is per column, not per row: counts, the first {@value #MAX_LEVELS} + 1 distinct
     * values, and for a column that has shown text, its distinct values up to {@value #DISTINCT_CAP}.
     */
    static CsvProfile of(RecordStream rows, RecordStream.Row first, Header header, TimeColumnChoice time,
                         String source) {
        int timeField = switch (time.mode()) {
            case NONE -> -1;
            case NAMED -> ColumnSelection.find(header, time.name(), "time column", source, ',');
            case AUTO -> ColumnSelection.autoTimeField(header, first.record());
        };
        int width = header.size();
        int[] missing = new int[width];
        int[] numbers = new int[width];
        String[] example = new String[width];
        List<TreeSet<String>> few = new ArrayList<>();
        List<java.util.Set<String>> many = new ArrayList<>();
        for (int f = 0; f < width; f++) {
            few.add(new TreeSet<>());
            many.add(null);
        }
        List<List<String>> preview = new ArrayList<>();
        int n = 0;
        for (RecordStream.Row row = first; row != null; row = rows.next(), n++) {
            CSVRecord r = row.record();
            header.requireWidth(r, row.line(), source);
            if (preview.size() < PREVIEW_ROWS) {
                List<String> cells = new ArrayList<>();
                r.forEach(c -> cells.add(c.trim()));
                preview.add(cells);
            }
            for (int f = 0; f < width; f++) {
                String cell = r.get(f);
                if (f == timeField) {
                    continue;
                }
                if (NumericCell.isMissing(cell)) {
                    missing[f]++;
                    continue;
                }
                if (NumericCell.isNumber(cell)) {
                    numbers[f]++;
                } else if (example[f] == null) {
                    example[f] = cell.trim();
                }
                TreeSet<String> d = few.get(f);
                if (d.size() <= MAX_LEVELS) {
                    d.add(cell.trim());
                } else if (example[f] != null) {
                    if (many.get(f) == null) {
                        many.set(f, new java.util.HashSet<>(d));
                    }
                    if (many.get(f).size() < DISTINCT_CAP) {
                        many.get(f).add(cell.trim());
                    }
                }
            }
        }
        List<Column> columns = new ArrayList<>();
        for (int f = 0; f < width; f++) {
            String name = header.names().get(f);
            if (f == timeField) {
                columns.add(new Column(name, "time", 0, 0, List.of(), null));
            } else if (example[f] == null || numbers[f] >= n - missing[f] - numbers[f]) {
                columns.add(new Column(name, "number", missing[f], 0, List.of(), null));
            } else {
                int d = many.get(f) != null ? many.get(f).size() : few.get(f).size();
                columns.add(new Column(name, "text", missing[f], d, d <= MAX_LEVELS ? List.copyOf(few.get(f))
                        : List.of(), example[f]));
            }
        }
        return new CsvProfile(List.copyOf(columns), timeField < 0 ? null : header.names().get(timeField), n,
                preview);
    }

    /** The column of that name, or null. */
    public Column column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }

    /** Names of the numeric columns, in file order. */
    public List<String> numericColumns() {
        return columns.stream().filter(Column::isNumber).map(Column::name).toList();
    }

    /** A short description of a text column for messages: "weather" (text, 5 values: drizzle, fog, …). */
    public static String describe(Column c) {
        String values = c.levels().isEmpty() ? c.distinct() + " distinct values"
                : c.distinct() + " value" + (c.distinct() == 1 ? "" : "s") + ": "
                + String.join(", ", c.levels().subList(0, Math.min(4, c.levels().size())))
                + (c.levels().size() > 4 ? ", …" : "");
        return "\"" + c.name() + "\" (" + c.kind().toLowerCase(Locale.ROOT) + ", " + values + ")";
    }
}
