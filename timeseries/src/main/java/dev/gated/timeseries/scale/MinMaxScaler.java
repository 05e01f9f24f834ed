package dev.gated.timeseries.scale;

import dev.gated.timeseries.RowRange;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Min-max scaling per column to [a, b] (default [0, 1]), with min and max taken over the fit rows only:
 * <pre>
 *   v' = a + (v - min_c) · (b - a) / (max_c - min_c)
 *   v  = min_c + (v' - a) · (max_c - min_c) / (b - a)
 * </pre>
 * Values outside the fit rows' range (e.g. a test part that grows higher than train) map outside [a, b]; that
 * is intended and is what keeps the test part from leaking into the scaling.
 */
public final class MinMaxScaler extends AffineScaler {

    static final String KIND = "minmax";

    private final double[] min;  // (C)
    private final double[] max;  // (C)
    private final double low;
    private final double high;

    private MinMaxScaler(List<String> names, double[] min, double[] max, double low, double high) {
        super(names, min, factors(min, max, low, high), low);
        this.min = min.clone();
        this.max = max.clone();
        this.low = low;
        this.high = high;
    }

    private static double[] factors(double[] min, double[] max, double low, double high) {
        double[] f = new double[min.length];
        for (int c = 0; c < f.length; c++) {
            f[c] = max[c] == min[c] ? 0 : (high - low) / (max[c] - min[c]);
        }
        return f;
    }

    /** Fits to [0, 1], rejecting constant columns. */
    public static MinMaxScaler fit(double[][] columns, List<String> names, RowRange fitRows) {
        return fit(columns, names, fitRows, 0, 1, ConstantColumnPolicy.REJECT);
    }

    /**
     * Fits per-column min and max on {@code fitRows} only.
     *
     * @param columns (C, R) column-major values
     * @param names   C column names
     * @param fitRows the training rows; no other row influences the parameters
     * @param low     a, the image of each column's min
     * @param high    b, the image of each column's max; {@code low < high}
     */
    public static MinMaxScaler fit(double[][] columns, List<String> names, RowRange fitRows, double low,
                                   double high, ConstantColumnPolicy constants) {
        if (!(low < high)) {
            throw new IllegalArgumentException("min-max range must have low < high, got [" + low + ", " + high + "]");
        }
        ScalerParameters.checkFitInput(columns, names, fitRows);
        double[] min = new double[columns.length];
        double[] max = new double[columns.length];
        for (int c = 0; c < columns.length; c++) {
            min[c] = Double.POSITIVE_INFINITY;
            max[c] = Double.NEGATIVE_INFINITY;
            for (int t = fitRows.start(); t < fitRows.end(); t++) {
                min[c] = Math.min(min[c], columns[c][t]);
                max[c] = Math.max(max[c], columns[c][t]);
            }
            if (min[c] == max[c] && constants == ConstantColumnPolicy.REJECT) {
                throw ScalerParameters.constant("min-max", names.get(c), min[c], fitRows);
            }
        }
        return new MinMaxScaler(names, min, max, low, high);
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** The min of column c over the fit rows. */
    public double min(int column) {
        return min[column];
    }

    /** The max of column c over the fit rows. */
    public double max(int column) {
        return max[column];
    }

    /** Keys: kind, columns, column.&lt;c&gt;.name, column.&lt;c&gt;.min, column.&lt;c&gt;.max, range.low, range.high. */
    @Override
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("kind", KIND);
        m.put("range.low", Double.toString(low));
        m.put("range.high", Double.toString(high));
        ScalerParameters.putNames(m, columnNames());
        for (int c = 0; c < min.length; c++) {
            m.put("column." + c + ".min", Double.toString(min[c]));
            m.put("column." + c + ".max", Double.toString(max[c]));
        }
        return m;
    }

    static MinMaxScaler fromMap(Map<String, String> m) {
        String[] names = ScalerParameters.names(m);
        double[] min = new double[names.length];
        double[] max = new double[names.length];
        for (int c = 0; c < names.length; c++) {
            min[c] = ScalerParameters.requireDouble(m, "column." + c + ".min");
            max[c] = ScalerParameters.requireDouble(m, "column." + c + ".max");
        }
        return new MinMaxScaler(List.of(names), min, max, ScalerParameters.requireDouble(m, "range.low"),
                ScalerParameters.requireDouble(m, "range.high"));
    }
}
