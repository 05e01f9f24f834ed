package dev.gated.timeseries.csv;

import dev.gated.timeseries.TimeAxis;
import dev.gated.timeseries.TimeSeriesTable;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads the data rows into columns, checks every field, and applies the {@link MissingValuePolicy}.
 * Missing cells are held as NaN until the policy has been applied.
 */
final class RowReader {

    private RowReader() {
    }

    /**
     * Reads the rows that {@code rows} streams after the header ({@code first} is the first of them, already
     * read), keeping only the selected fields of each, in columns that grow as rows come: memory is about
     * {@code 8 × columns + 5} bytes per row (plus the time labels and categorical cells), whatever the width of
     * the file, and is checked against {@code budget} bytes as it grows.
     *
     * @param categorical value columns read as text labels, with their levels (empty = the file's distinct
     *                    values, sorted): each becomes one 0/1 column per level, named {@code column=level}
     */
    static TimeSeriesTable read(RecordStream rows, RecordStream.Row first, Header header, ColumnSelection sel,
                                MissingValuePolicy policy, Map<String, List<String>> categorical, String source,
                                long budget) {
        int[] fields = sel.valueFields();
        SelectedColumns kept = new SelectedColumns(fields, header, categorical);
        long rowBytes = kept.bytesPerRow() + (sel.timeField() >= 0 ? 48 : 0);
        int t = 0;
        for (RecordStream.Row row = first; row != null; row = rows.next(), t++) {
            CSVRecord r = row.record();
            int line = row.line();
            header.requireWidth(r, line, source);
            if (3L * (t + 1) * rowBytes > budget) { // 3: the columns grow by copying
                throw CsvFormatException.ofLine(source, line, String.format(java.util.Locale.ROOT,
                        "stopped at row %,d: the %d selected columns need more memory than this Java heap allows "
                                + "for data (%,d MB, about %d bytes a row); read fewer columns, use a shorter file or "
                                + "give Java more memory (GATED_JAVA_OPTS=-Xmx16g)", t + 1, fields.length,
                        budget >> 20, rowBytes));
            }
            String label = sel.timeField() >= 0 ? r.get(sel.timeField()).trim() : null;
            kept.startRow(line, label);
            for (int j = 0; j < fields.length; j++) {
                int f = fields[j];
                String cell = r.get(f);
                if (kept.isCategorical(j)) {
                    kept.putLabel(j, cell.trim());
                } else if (NumericCell.isNumber(cell)) {
                    double v = NumericCell.parse(cell);
                    if (Double.isInfinite(v)) {
                        throw new CsvFormatException(source, line, header.names().get(f), f + 1, "the number "
                                + cell.trim() + " is beyond the range of double precision (about ±1.8e308); "
                                + "rescale the column (e.g. write it in units of 1e300)");
                    }
                    kept.put(j, v);
                } else if (NumericCell.isMissing(cell) && policy != MissingValuePolicy.ERROR) {
                    kept.putMissing(j);
                } else {
                    throw notANumber(source, line, header.names().get(f), f + 1, cell, sel.defaulted());
                }
            }
        }
        SelectedColumns.Table table = kept.finish();
        List<String> names = table.names();
        double[][] columns = table.columns();
        boolean[] numeric = table.numeric();
        if (policy == MissingValuePolicy.DROP) {
            return drop(source, header, sel, names, columns, table.labels(), table.lines(), table.missing());
        }
        if (policy != MissingValuePolicy.ERROR) {
            for (int j = 0; j < columns.length; j++) {
                if (numeric[j] && !MissingValueFiller.fill(columns[j], policy)) {
                    throw new CsvFormatException(source, 0, names.get(j), header.names().indexOf(names.get(j)) + 1,
                            "every cell is missing; there is nothing to " + policy.label() + " from");
                }
            }
        }
        return table(source, header, sel, names, columns, table.labels(), table.lines());
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
