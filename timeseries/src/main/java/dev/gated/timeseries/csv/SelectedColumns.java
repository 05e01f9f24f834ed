package dev.gated.timeseries.csv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The selected fields of a CSV file, kept row by row as they stream past, in arrays that double when full:
 * <pre>
 *   numeric field j     values[j]   (R) doubles, NaN for a missing cell until the policy is applied
 *   categorical field j cells[j]    (R) trimmed labels, one-hot encoded by {@link #finish()} into one 0/1
 *                                   column per level (the given levels, or the distinct labels, sorted)
 *   every row           lines (R) its 1-based line, labels (R) its time label or null, missing (R)
 * </pre>
 */
final class SelectedColumns {

    /** The columns of a finished read: one-hot columns expanded, arrays trimmed to the row count. */
    record Table(List<String> names, double[][] columns, boolean[] numeric, String[] labels, int[] lines,
                 boolean[] missing) {
    }

    private final List<String> fieldNames = new ArrayList<>();
    private final List<List<String>> givenLevels = new ArrayList<>(); // null: numeric; empty: from the data
    private double[][] values;
    private String[][] cells;
    private String[] labels = new String[1024];
    private int[] lines = new int[1024];
    private boolean[] missing = new boolean[1024];
    private int rows;

    SelectedColumns(int[] fields, Header header, Map<String, List<String>> categorical) {
        values = new double[fields.length][];
        cells = new String[fields.length][];
        for (int j = 0; j < fields.length; j++) {
            String name = header.names().get(fields[j]);
            fieldNames.add(name);
            List<String> lv = categorical.get(name);
            givenLevels.add(lv);
            if (lv == null) {
                values[j] = new double[1024];
            } else {
                cells[j] = new String[1024];
            }
        }
    }

    /** About how many bytes one row takes (8 per number, a label about 48). */
    long bytesPerRow() {
        long bytes = 5;
        for (List<String> lv : givenLevels) {
            bytes += lv == null ? 8 : 48;
        }
        return bytes;
    }

    boolean isCategorical(int field) {
        return givenLevels.get(field) != null;
    }

    /** Starts the next row, read from {@code line}. */
    void startRow(int line, String label) {
        if (rows == lines.length) {
            int n = rows * 2;
            lines = Arrays.copyOf(lines, n);
            labels = Arrays.copyOf(labels, n);
            missing = Arrays.copyOf(missing, n);
            for (int j = 0; j < values.length; j++) {
                if (values[j] != null) {
                    values[j] = Arrays.copyOf(values[j], n);
                } else {
                    cells[j] = Arrays.copyOf(cells[j], n);
                }
            }
        }
        lines[rows] = line;
        labels[rows] = label;
        rows++;
    }

    void put(int field, double value) {
        values[field][rows - 1] = value;
    }

    void putMissing(int field) {
        values[field][rows - 1] = Double.NaN;
        missing[rows - 1] = true;
    }

    void putLabel(int field, String label) {
        cells[field][rows - 1] = label;
    }

    /** The columns read, categorical fields expanded to one 0/1 column per level. */
    Table finish() {
        List<String> names = new ArrayList<>();
        List<double[]> columns = new ArrayList<>();
        List<Boolean> numeric = new ArrayList<>();
        for (int j = 0; j < values.length; j++) {
            List<String> lv = givenLevels.get(j);
            if (lv == null) {
                names.add(fieldNames.get(j));
                columns.add(Arrays.copyOf(values[j], rows));
                numeric.add(true);
                continue;
            }
            String[] c = cells[j];
            List<String> levels = lv.isEmpty() ? distinct(c, rows) : lv;
            for (String level : levels) {
                double[] oneHot = new double[rows];
                for (int t = 0; t < rows; t++) {
                    oneHot[t] = level.equals(c[t]) ? 1 : 0;
                }
                names.add(fieldNames.get(j) + "=" + level);
                columns.add(oneHot);
                numeric.add(false);
            }
            cells[j] = null;
        }
        boolean[] isNumeric = new boolean[numeric.size()];
        for (int i = 0; i < isNumeric.length; i++) {
            isNumeric[i] = numeric.get(i);
        }
        return new Table(names, columns.toArray(double[][]::new), isNumeric, Arrays.copyOf(labels, rows),
                Arrays.copyOf(lines, rows), Arrays.copyOf(missing, rows));
    }

    /** The distinct non-missing labels among the first {@code n}, sorted. */
    private static List<String> distinct(String[] cells, int n) {
        TreeSet<String> seen = new TreeSet<>();
        for (int t = 0; t < n; t++) {
            if (!NumericCell.isMissing(cells[t])) {
                seen.add(cells[t]);
            }
        }
        return List.copyOf(seen);
    }
}
