package dev.gated.timeseries.scale;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * A per-column affine rescaling fitted on the training rows only, with its exact inverse.
 *
 * <p>Columns are addressed by index (order of {@link #columnNames()}) or by name. A scaler is immutable once
 * fitted; its parameters round-trip exactly through {@link #toMap()} / {@link #fromMap(Map)}, so it can be
 * stored in a model file and used to un-scale predictions later.
 */
public interface Scaler {

    /** "minmax" or "standard": the {@code kind} entry of {@link #toMap()}. */
    String kind();

    /** The fitted columns, in order. */
    List<String> columnNames();

    /** The index of a fitted column; the error lists the fitted columns. */
    int columnIndex(String name);

    /** Scales one value of column {@code column}. */
    double transform(int column, double value);

    /** Un-scales one value of column {@code column}: {@code inverse(c, transform(c, v)) == v} up to rounding. */
    double inverse(int column, double value);

    /** Scales a whole column, (R) → (R). */
    default double[] transform(String column, double[] values) {
        int c = columnIndex(column);
        double[] out = new double[values.length];
        for (int t = 0; t < values.length; t++) {
            out[t] = transform(c, values[t]);
        }
        return out;
    }

    /** Un-scales values of one column, e.g. a model's predictions of the target, (n) → (n). */
    default double[] inverse(String column, double[] values) {
        int c = columnIndex(column);
        double[] out = new double[values.length];
        for (int t = 0; t < values.length; t++) {
            out[t] = inverse(c, values[t]);
        }
        return out;
    }

    /** Un-scales float predictions of one column (as a model returns them), (n) → (n) doubles. */
    default double[] inverse(String column, float[] values) {
        int c = columnIndex(column);
        double[] out = new double[values.length];
        for (int t = 0; t < values.length; t++) {
            out[t] = inverse(c, values[t]);
        }
        return out;
    }

    /** Scales all fitted columns, (C, R) → (C, R), columns in the order of {@link #columnNames()}. */
    default double[][] transform(double[][] columns) {
        checkColumnCount(columns);
        double[][] out = new double[columns.length][];
        for (int c = 0; c < columns.length; c++) {
            out[c] = transform(columnNames().get(c), columns[c]);
        }
        return out;
    }

    /** Un-scales all fitted columns, (C, R) → (C, R). */
    default double[][] inverse(double[][] columns) {
        checkColumnCount(columns);
        double[][] out = new double[columns.length][];
        for (int c = 0; c < columns.length; c++) {
            out[c] = inverse(columnNames().get(c), columns[c]);
        }
        return out;
    }

    private void checkColumnCount(double[][] columns) {
        if (columns.length != columnNames().size()) {
            throw new IllegalArgumentException("the scaler was fitted on " + columnNames().size() + " columns "
                    + columnNames() + " but was given " + columns.length);
        }
    }

    /** The fitted parameters as text, exact (doubles written with {@link Double#toString(double)}). */
    Map<String, String> toMap();

    /** {@link #toMap()} as {@link Properties}, with every key prefixed by {@code prefix} (may be ""). */
    default Properties toProperties(String prefix) {
        Properties p = new Properties();
        toMap().forEach((k, v) -> p.setProperty(prefix + k, v));
        return p;
    }

    /** Rebuilds a scaler from {@link #toMap()}; dispatches on the {@code kind} entry. */
    static Scaler fromMap(Map<String, String> map) {
        String kind = ScalerParameters.require(map, "kind");
        return switch (kind) {
            case MinMaxScaler.KIND -> MinMaxScaler.fromMap(map);
            case StandardScaler.KIND -> StandardScaler.fromMap(map);
            default -> throw new IllegalArgumentException("unknown scaler kind \"" + kind
                    + "\"; expected \"" + MinMaxScaler.KIND + "\" or \"" + StandardScaler.KIND + "\"");
        };
    }

    /** Rebuilds a scaler from properties written by {@link #toProperties(String)} with the same prefix. */
    static Scaler fromProperties(Properties properties, String prefix) {
        Map<String, String> map = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith(prefix)) {
                map.put(key.substring(prefix.length()), properties.getProperty(key));
            }
        }
        return fromMap(map);
    }
}
