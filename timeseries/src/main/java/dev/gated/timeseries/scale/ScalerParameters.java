package dev.gated.timeseries.scale;

import dev.gated.timeseries.RowRange;
import java.util.List;
import java.util.Map;

/** Shared checks for fitting scalers and reading their parameters back. */
final class ScalerParameters {

    private ScalerParameters() {
    }

    static String require(Map<String, String> map, String key) {
        String v = map.get(key);
        if (v == null) {
            throw new IllegalArgumentException("scaler parameters have no \"" + key + "\" entry; the keys are "
                    + map.keySet());
        }
        return v;
    }

    static double requireDouble(Map<String, String> map, String key) {
        String v = require(map, key);
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("scaler parameter \"" + key + "\" should be a number but is \""
                    + v + "\"");
        }
    }

    /** Column names from entries {@code columns = C} and {@code column.<c>.name}. */
    static String[] names(Map<String, String> map) {
        int c = (int) requireDouble(map, "columns");
        String[] names = new String[c];
        for (int i = 0; i < c; i++) {
            names[i] = require(map, "column." + i + ".name");
        }
        return names;
    }

    static void putNames(Map<String, String> map, List<String> names) {
        map.put("columns", Integer.toString(names.size()));
        for (int i = 0; i < names.size(); i++) {
            map.put("column." + i + ".name", names.get(i));
        }
    }

    /** Checks shapes and that the fit rows are non-empty and hold only finite values. */
    static void checkFitInput(double[][] columns, List<String> names, RowRange rows) {
        if (columns.length != names.size()) {
            throw new IllegalArgumentException(names.size() + " column names " + names + " for "
                    + columns.length + " columns");
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("cannot fit a scaler on no rows: the fit rows " + rows + " are empty");
        }
        for (int c = 0; c < columns.length; c++) {
            rows.requireWithin(columns[c].length, "the fit rows for column \"" + names.get(c) + "\"");
            for (int t = rows.start(); t < rows.end(); t++) {
                if (!Double.isFinite(columns[c][t])) {
                    throw new IllegalArgumentException("column \"" + names.get(c) + "\" has " + columns[c][t]
                            + " at row " + t + "; a scaler can only be fitted on finite values");
                }
            }
        }
    }

    /** The error for a column with max = min on the fit rows, under {@link ConstantColumnPolicy#REJECT}. */
    static IllegalArgumentException constant(String scaler, String column, double value, RowRange rows) {
        return new IllegalArgumentException(scaler + " scaler: column \"" + column + "\" is constant (every value is "
                + value + ") on the fit rows " + rows + " (the training part), so scaling would divide by zero; "
                + "drop the column, fit on other rows, or allow constant columns (they then scale to 0)");
    }
}
