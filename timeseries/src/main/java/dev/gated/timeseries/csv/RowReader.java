package dev.gated.timeseries.csv;

import dev.gated.timeseries.TimeAxis;
import dev.gated.timeseries.TimeSeriesTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads the data rows into columns, checks every field, and applies the {@link MissingValuePolicy}.
 * Missing cells are held as NaN until the policy has been applied.
 */
final class RowReader {

    private RowReader() {
    }

    static TimeSeriesTable read(List<CSVRecord> rows, Header header, ColumnSelection sel,
                                MissingValuePolicy policy, LineIndex lines, String source) {
        return read(rows, header, sel, policy, Map.of(), lines, source);
    }

    /**
     * @param categorical value columns read as text labels, with their levels (empty = the file's distinct
     *                    values, sorted): each becomes one 0/1 column per level, named {@code column=level}
     */
    static TimeSeriesTable read(List<CSVRecord> rows, Header header, ColumnSelection sel,
                                MissingValuePolicy policy, Map<String, List<String>> categorical, LineIndex lines,
                                String source) {
        int n = rows.size();
        int[] fields = sel.valueFields();
        // per value field: its levels when it is categorical, else null
        List<List<String>> levels = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int f : fields) {
            String name = header.names().get(f);
            List<String> lv = categorical.get(name);
            if (lv != null && lv.isEmpty()) {
                lv = distinctLevels(rows, f);
            }
            levels.add(lv);
            if (lv == null) {
                names.add(name);
            } else {
                lv.forEach(level -> names.add(name + "=" + level));
            }
        }
        int c = names.size();
        double[][] columns = new double[c][n];   // (C, R)
        boolean[] numeric = new boolean[c];
        String[] labels = new String[n];
        int[] lineOf = new int[n];
        boolean[] hasMissing = new boolean[n];
        for (int t = 0; t < n; t++) {
            CSVRecord r = rows.get(t);
            int line = lines.lineOf(r.getCharacterPosition());
            lineOf[t] = line;
            if (r.size() != header.size()) {
                throw CsvFormatException.ofLine(source, line, "expected " + header.size()
                        + " fields as in the header (" + String.join(", ", header.names()) + ") but found "
                        + r.size() + (r.size() == 1 ? " (wrong delimiter?)" : ""));
            }
            labels[t] = sel.timeField() >= 0 ? r.get(sel.timeField()).trim() : null;
            int out = 0;
            for (int j = 0; j < fields.length; j++) {
                int f = fields[j];
                String cell = r.get(f);
                List<String> lv = levels.get(j);
                if (lv != null) {
                    int k = lv.indexOf(cell.trim());
                    if (k >= 0) {
                        columns[out + k][t] = 1;
                    }
                    out += lv.size();
                    continue;
                }
                numeric[out] = true;
                if (NumericCell.isNumber(cell)) {
                    columns[out][t] = NumericCell.parse(cell);
                    if (Double.isInfinite(columns[out][t])) {
                        throw new CsvFormatException(source, line, header.names().get(f), f + 1, "the number "
                                + cell.trim() + " is beyond the range of double precision (about ±1.8e308); "
                                + "rescale the column (e.g. write it in units of 1e300)");
                    }
                } else if (NumericCell.isMissing(cell) && policy != MissingValuePolicy.ERROR) {
                    columns[out][t] = Double.NaN;
                    hasMissing[t] = true;
                } else {
                    throw notANumber(source, line, header.names().get(f), f + 1, cell, sel.defaulted());
                }
                out++;
            }
        }
        if (policy == MissingValuePolicy.DROP) {
            return drop(source, header, sel, names, columns, labels, lineOf, hasMissing);
        }
        if (policy != MissingValuePolicy.ERROR) {
            for (int j = 0; j < c; j++) {
                if (numeric[j] && !MissingValueFiller.fill(columns[j], policy)) {
                    throw new CsvFormatException(source, 0, names.get(j), header.names().indexOf(names.get(j)) + 1,
                            "every cell is missing; there is nothing to " + policy.label() + " from");
                }
            }
        }
        return table(source, header, sel, names, columns, labels, lineOf);
    }

    /** The distinct non-missing values of a field, trimmed and sorted. */
    static List<String> distinctLevels(List<CSVRecord> rows, int field) {
        TreeSet<String> seen = new TreeSet<>();
        for (CSVRecord r : rows) {
            if (field < r.size() && !NumericCell.isMissing(r.get(field))) {
                seen.add(r.get(field).trim());
            }
        }
        return List.copyOf(seen);
    }

    private static CsvFormatException notANumber(String source, int line, String column, int index, String cell,
                                                 boolean defaulted) {
        String found = cell.trim().isEmpty() ? "an empty cell" : "\"" + cell + "\"";
        String advice;
        if (NumericCell.isMissing(cell)) {
            advice = "; to fill missing values choose a missing-value policy (interpolate, forward-fill or drop the row)";
        } else {
            advice = NumericCell.hint(cell);
            if (defaulted && advice.isEmpty()) {
                advice = "; if this column holds labels rather than numbers, leave it out or use it as a categorical feature";
            }
        }
        return new CsvFormatException(source, line, column, index, "expected a number but found " + found + advice);
    }

    private static TimeSeriesTable drop(String source, Header header, ColumnSelection sel, List<String> names,
                                        double[][] columns, String[] labels, int[] lineOf, boolean[] drop) {
        int kept = 0;
        for (boolean d : drop) {
            kept += d ? 0 : 1;
        }
        if (kept == 0) {
            throw CsvFormatException.ofFile(source, "every one of the " + drop.length
                    + " data rows has a missing value, so DROP leaves no rows");
        }
        double[][] keptColumns = new double[columns.length][kept];
        String[] keptLabels = new String[kept];
        int[] keptLines = new int[kept];
        for (int t = 0, k = 0; t < drop.length; t++) {
            if (!drop[t]) {
                for (int j = 0; j < columns.length; j++) {
                    keptColumns[j][k] = columns[j][t];
                }
                keptLabels[k] = labels[t];
                keptLines[k++] = lineOf[t];
            }
        }
        return table(source, header, sel, names, keptColumns, keptLabels, keptLines);
    }

    private static TimeSeriesTable table(String source, Header header, ColumnSelection sel, List<String> names,
                                         double[][] columns, String[] labels, int[] lineOf) {
        boolean hasTime = sel.timeField() >= 0;
        TimeAxis time = hasTime ? TimeAxis.parse(labels) : TimeAxis.rowIndex(labels.length);
        String timeName = hasTime ? header.names().get(sel.timeField()) : null;
        return new TimeSeriesTable(source, timeName, time, names, columns, lineOf);
    }
}
