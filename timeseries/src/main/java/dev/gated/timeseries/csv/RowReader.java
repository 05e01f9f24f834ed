package dev.gated.timeseries.csv;

import dev.gated.timeseries.TimeAxis;
import dev.gated.timeseries.TimeSeriesTable;
import java.util.ArrayList;
import java.util.List;
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
        int n = rows.size();
        int c = sel.valueFields().length;
        double[][] columns = new double[c][n];   // (C, R)
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
            for (int j = 0; j < c; j++) {
                int f = sel.valueFields()[j];
                String cell = r.get(f);
                if (NumericCell.isNumber(cell)) {
                    columns[j][t] = NumericCell.parse(cell);
                    if (Double.isInfinite(columns[j][t])) {
                        throw new CsvFormatException(source, line, header.names().get(f), f + 1, "the number "
                                + cell.trim() + " is beyond the range of double precision (about ±1.8e308); "
                                + "rescale the column (e.g. write it in units of 1e300)");
                    }
                } else if (NumericCell.isMissing(cell) && policy != MissingValuePolicy.ERROR) {
                    columns[j][t] = Double.NaN;
                    hasMissing[t] = true;
                } else {
                    throw notANumber(source, line, header.names().get(f), f + 1, cell, sel.defaulted());
                }
            }
        }
        List<String> names = new ArrayList<>(c);
        for (int f : sel.valueFields()) {
            names.add(header.names().get(f));
        }
        if (policy == MissingValuePolicy.DROP) {
            return drop(source, header, sel, names, columns, labels, lineOf, hasMissing);
        }
        if (policy != MissingValuePolicy.ERROR) {
            for (int j = 0; j < c; j++) {
                if (!MissingValueFiller.fill(columns[j], policy)) {
                    throw new CsvFormatException(source, 0, names.get(j), sel.valueFields()[j] + 1,
                            "every cell is missing; there is nothing to " + policy + " from");
                }
            }
        }
        return table(source, header, sel, names, columns, labels, lineOf);
    }

    private static CsvFormatException notANumber(String source, int line, String column, int index, String cell,
                                                 boolean defaulted) {
        String found = cell.trim().isEmpty() ? "an empty cell" : "\"" + cell + "\"";
        String advice;
        if (NumericCell.isMissing(cell)) {
            advice = "; to fill missing values choose a missing-value policy (INTERPOLATE, FORWARD_FILL or DROP)";
        } else {
            advice = NumericCell.hint(cell);
            if (defaulted && advice.isEmpty()) {
                advice = "; if this column is not numeric, choose the value columns to read";
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
