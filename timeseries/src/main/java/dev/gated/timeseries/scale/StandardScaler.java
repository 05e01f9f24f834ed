package dev.gated.timeseries.scale;

import dev.gated.timeseries.RowRange;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Standard (z-score) scaling per column, with mean and standard deviation over the fit rows only
 * (population σ, dividing by n, as scikit-learn's StandardScaler and the Informer code use):
 * <pre>
 *   μ_c = (1/n) Σ_t v[t]        σ_c = sqrt( (1/n) Σ_t (v[t] - μ_c)² )      t over the fit rows, n of them
 *   v'  = (v - μ_c) / σ_c
 *   v   = v' · σ_c + μ_c
 * </pre>
 * A column is constant when its max equals its min on the fit rows (then σ = 0).
 */
public final class StandardScaler extends AffineScaler {

    static final String KIND = "standard";

    private final double[] mean; // (C)
    private final double[] std;  // (C)

    private StandardScaler(List<String> names, double[] mean, double[] std) {
        super(names, mean, inverses(std), 0);
        this.mean = mean.clone();
        this.std = std.clone();
    }

    private static double[] inverses(double[] std) {
        double[] f = new double[std.length];
        for (int c = 0; c < f.length; c++) {
            f[c] = std[c] == 0 ? 0 : 1 / std[c];
        }
        return f;
    }

    /** Fits rejecting constant columns. */
    public static StandardScaler fit(double[][] columns, List<String> names, RowRange fitRows) {
        return fit(columns, names, fitRows, ConstantColumnPolicy.REJECT);
    }

    /**
     * Fits per-column mean and σ on {@code fitRows} only.
     *
     * @param columns (C, R) column-major values
     * @param names   C column names
     * @param fitRows the training rows; no other row influences the parameters
     */
    public static StandardScaler fit(double[][] columns, List<String> names, RowRange fitRows,
                                     ConstantColumnPolicy constants) {
        ScalerParameters.checkFitInput(columns, names, fitRows);
        int n = fitRows.length();
        double[] mean = new double[columns.length];
        double[] std = new double[columns.length];
        for (int c = 0; c < columns.length; c++) {
            double sum = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int t = fitRows.start(); t < fitRows.end(); t++) {
                sum += columns[c][t];
                min = Math.min(min, columns[c][t]);
                max = Math.max(max, columns[c][t]);
            }
            if (min == max) {
                if (constants == ConstantColumnPolicy.REJECT) {
                    throw ScalerParameters.constant("standard", names.get(c), min, fitRows);
                }
                mean[c] = min;
                continue; // std 0: maps to 0
            }
            mean[c] = sum / n;
            double ss = 0;
            for (int t = fitRows.start(); t < fitRows.end(); t++) {
                double d = columns[c][t] - mean[c];
                ss += d * d;
            }
            std[c] = Math.sqrt(ss / n);
        }
        return new StandardScaler(names, mean, std);
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** μ of column c over the fit rows. */
    public double mean(int column) {
        return mean[column];
    }

    /** σ (population) of column c over the fit rows; 0 for an allowed constant column. */
    public double std(int column) {
        return std[column];
    }

    /** Keys: kind, columns, column.&lt;c&gt;.name, column.&lt;c&gt;.mean, column.&lt;c&gt;.std. */
    @Override
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("kind", KIND);
        ScalerParameters.putNames(m, columnNames());
        for (int c = 0; c < mean.length; c++) {
            m.put("column." + c + ".mean", Double.toString(mean[c]));
            m.put("column." + c + ".std", Double.toString(std[c]));
        }
        return m;
    }

    static StandardScaler fromMap(Map<String, String> m) {
        String[] names = ScalerParameters.names(m);
        double[] mean = new double[names.length];
        double[] std = new double[names.length];
        for (int c = 0; c < names.length; c++) {
            mean[c] = ScalerParameters.requireDouble(m, "column." + c + ".mean");
            std[c] = ScalerParameters.requireDouble(m, "column." + c + ".std");
        }
        return new StandardScaler(List.of(names), mean, std);
    }
}
