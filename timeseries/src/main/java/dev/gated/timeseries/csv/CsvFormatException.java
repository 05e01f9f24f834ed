package dev.gated.timeseries.csv;

/**
 * A CSV file that cannot be read as a numeric time series. The message is one line that names the file,
 * the 1-based line (as an editor shows it; the header is line 1), the column when there is one, and what was
 * expected versus found, e.g.
 * <pre>
 * airline.csv line 17, column "Passengers" (2): expected a number but found "n/a"
 * </pre>
 * The parts are also available as fields so a CLI or a web page can point at the cell.
 */
public final class CsvFormatException extends IllegalArgumentException {

    private final String source;
    private final int line;          // 1-based; 0 when the problem is not on one line
    private final String columnName; // null when the problem is not in one column
    private final int columnIndex;   // 1-based; 0 when the problem is not in one column

    CsvFormatException(String source, int line, String columnName, int columnIndex, String problem) {
        super(format(source, line, columnName, columnIndex, problem));
        this.source = source;
        this.line = line;
        this.columnName = columnName;
        this.columnIndex = columnIndex;
    }

    /** A problem with the file as a whole (empty, binary, no data rows …). */
    static CsvFormatException ofFile(String source, String problem) {
        return new CsvFormatException(source, 0, null, 0, problem);
    }

    /** A problem on one line but not in one column (wrong number of fields …). */
    static CsvFormatException ofLine(String source, int line, String problem) {
        return new CsvFormatException(source, line, null, 0, problem);
    }

    private static String format(String source, int line, String columnName, int columnIndex, String problem) {
        StringBuilder sb = new StringBuilder(source);
        if (line > 0) {
            sb.append(" line ").append(line);
        }
        if (columnName != null) {
            sb.append(line > 0 ? ", " : " ").append("column \"").append(columnName).append("\" (")
                    .append(columnIndex).append(')');
        }
        return sb.append(": ").append(problem).toString();
    }

    /** The file (or other source) name as given to the reader. */
    public String source() {
        return source;
    }

    /** The 1-based line number (header = line 1), or 0 if the problem concerns the whole file. */
    public int line() {
        return line;
    }

    /** The column's header name, or null if the problem is not in one column. */
    public String columnName() {
        return columnName;
    }

    /** The 1-based column number (first column = 1), or 0 if the problem is not in one column. */
    public int columnIndex() {
        return columnIndex;
    }
}
