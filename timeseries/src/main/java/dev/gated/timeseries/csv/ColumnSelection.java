package dev.gated.timeseries.csv;

import dev.gated.timeseries.TimeSeriesTable;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVRecord;

/**
 * Which fields of each row are read: the time column (0-based field index, -1 for none) and the value
 * columns (0-based field indices, in the order the caller asked for).
 *
 * @param timeField      0-based index of the time column's field, or -1
 * @param valueFields    0-based field indices of the numeric columns
 * @param defaulted      true when the caller gave no value columns (all non-time columns were taken), so an
 *                       error on a non-numeric column can suggest choosing columns
 */
record ColumnSelection(int timeField, int[] valueFields, boolean defaulted) {

    static ColumnSelection resolve(Header header, CSVRecord firstRow, CsvReadOptions options, String source,
                                   char delimiter) {
        int time = switch (options.timeColumn().mode()) {
            case NONE -> -1;
            case NAMED -> find(header, options.timeColumn().name(), "time column", source, delimiter);
            case AUTO -> autoTimeField(header, firstRow);
        };
        List<String> wanted = options.valueColumns();
        boolean defaulted = wanted.isEmpty();
        List<Integer> fields = new ArrayList<>();
        if (defaulted) {
            for (int i = 0; i < header.size(); i++) {
                if (i != time) {
                    fields.add(i);
                }
            }
        } else {
            for (String name : wanted) {
                int f = find(header, name, "column", source, delimiter);
                if (f == time) {
                    throw new CsvFormatException(source, header.line(), name, f + 1,
                            "is the time column and cannot also be a value column");
                }
                fields.add(f);
            }
        }
        if (fields.isEmpty()) {
            throw CsvFormatException.ofFile(source, "no numeric columns: the only column "
                    + TimeSeriesTable.quoted(header.names()) + " is the time column");
        }
        return new ColumnSelection(time, fields.stream().mapToInt(Integer::intValue).toArray(), defaulted);
    }

    static int autoTimeField(Header header, CSVRecord firstRow) {
        if (TimeColumnChoice.looksLikeTimeHeader(header.names().get(0))) {
            return 0;
        }
        if (firstRow.size() > 0) {
            String cell = firstRow.get(0);
            if (!NumericCell.isNumber(cell) && !NumericCell.isMissing(cell)) {
                return 0;
            }
        }
        return -1;
    }

    static int find(Header header, String name, String what, String source, char delimiter) {
        int i = header.names().indexOf(name.trim());
        if (i < 0) {
            String near = caseInsensitiveMatch(header, name);
            throw CsvFormatException.ofLine(source, header.line(), "no " + what + " \"" + name
                    + "\" in the header" + (near != null ? " (did you mean \"" + near + "\"? names are case-sensitive)"
                    : "") + "; the columns are " + TimeSeriesTable.quoted(header.names())
                    + " (delimiter " + CsvReadOptions.describe(delimiter) + ")");
        }
        return i;
    }

    private static String caseInsensitiveMatch(Header header, String name) {
        for (String n : header.names()) {
            if (n.equalsIgnoreCase(name.trim())) {
                return n;
            }
        }
        return null;
    }
}
