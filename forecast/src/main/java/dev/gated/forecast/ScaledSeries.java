package dev.gated.forecast;

import dev.gated.timeseries.TimeSeriesTable;
import dev.gated.timeseries.csv.TimeSeriesCsvReader;
import dev.gated.timeseries.scale.Scaler;
import java.nio.file.Path;
import java.util.List;

/**
 * A CSV file read for one {@link DataSpec} and scaled with one fitted scaler: the raw target in the file's
 * units, and the scaled features and target the model sees.
 *
 * <pre>
 *   features      (F, R)  scaled input columns, in the order of spec.inputColumns() (one-hot levels as 0/1)
 *   target        (R)     scaled target (spec.target(): the first of several, or the one of a per-target view)
 *   rawTarget     (R)     target in the file's units
 * </pre>
 */
public final class ScaledSeries {

    private final TimeSeriesTable table;
    private final DataSpec spec;
    private final Scaler scaler;
    private final double[][] features;
    private final double[] target;
    private final double[] rawTarget;
    private final double[][] scaled;   // (columns of spec.scaledColumns(), R)

    private ScaledSeries(TimeSeriesTable table, DataSpec spec, Scaler scaler) {
        if (!scaler.columnNames().equals(spec.scaledColumns())) {
            throw new IllegalArgumentException("the scaler was fitted on " + scaler.columnNames()
                    + " but the data columns are " + spec.scaledColumns());
        }
        this.table = table;
        this.spec = spec;
        this.scaler = scaler;
        List<String> names = spec.scaledColumns();
        double[][] scaled = scaler.transform(table.columns(names));
        this.scaled = scaled;
        List<String> inputs = spec.inputColumns();
        this.features = new double[inputs.size()][];
        for (int f = 0; f < features.length; f++) {
            int i = names.indexOf(inputs.get(f));
            features[f] = i >= 0 ? scaled[i] : table.column(inputs.get(f)); // one-hot columns are not scaled
        }
        this.target = scaled[names.indexOf(spec.target())];
        this.rawTarget = table.column(spec.target());
    }

    /**
     * Reads the columns {@code spec} names from a CSV file (errors name file, line and column), with its
     * {@link CalendarFeatures} derived from the time column.
     */
    public static TimeSeriesTable read(Path file, DataSpec spec) {
        if (spec.needsResolving()) {
            throw new IllegalArgumentException("--features " + DataSpec.ALL + " must be resolved against the file "
                    + "first (DataSpec.resolve)");
        }
        return CalendarFeatures.addTo(TimeSeriesCsvReader.read(file, spec.readOptions()), spec);
    }

    /** Scales a table read with {@link #read} with an already fitted scaler (its columns must be spec.columns()). */
    public static ScaledSeries of(TimeSeriesTable table, DataSpec spec, Scaler scaler) {
        return new ScaledSeries(table, spec, scaler);
    }

    public TimeSeriesTable table() {
        return table;
    }

    public DataSpec spec() {
        return spec;
    }

    public Scaler scaler() {
        return scaler;
    }

    /** (R) a scaled column (a target, a numeric input); not copied, do not modify. */
    public double[] scaledColumn(String name) {
        int i = spec.scaledColumns().indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("\"" + name + "\" is not a scaled column: " + spec.scaledColumns());
        }
        return scaled[i];
    }

    /** The same rows seen for another target of a model of several ({@link DataSpec#forTarget}). */
    public ScaledSeries forTarget(String name) {
        return new ScaledSeries(table, spec.forTarget(name), scaler);
    }

    /** R, the number of rows. */
    public int rows() {
        return rawTarget.length;
    }

    /** (F, R) scaled features; not copied, do not modify. */
    public double[][] features() {
        return features;
    }

    /** (R) scaled target; not copied, do not modify. */
    public double[] target() {
        return target;
    }

    /** (R) the target in the file's units; not copied, do not modify. */
    public double[] rawTarget() {
        return rawTarget;
    }

    /** Scaled target values back to the file's units. */
    public double[] unscale(float[] scaledTarget) {
        return scaler.inverse(spec.target(), scaledTarget);
    }

    /** Target values in the file's units to the model's scale. */
    public double[] scale(double[] rawTargetValues) {
        return scaler.transform(spec.target(), rawTargetValues);
    }
}
