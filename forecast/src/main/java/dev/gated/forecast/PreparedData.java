package dev.gated.forecast;

import java.util.List;

import dev.gated.timeseries.RowRange;
import dev.gated.timeseries.TimeSeriesTable;
import dev.gated.timeseries.scale.ConstantColumnPolicy;
import dev.gated.timeseries.scale.Scaler;
import dev.gated.timeseries.split.ChronologicalSplit;
import dev.gated.timeseries.window.InputHistory;
import dev.gated.timeseries.window.WindowMaker;
import dev.gated.timeseries.window.WindowSpec;
import dev.gated.timeseries.window.Windows;
import dev.gated.timeseries.csv.TimeColumnChoice;
import dev.gated.timeseries.csv.TimeSeriesCsvReader;
import java.nio.file.Path;

/**
 * A CSV file made ready for training and scoring, in the order that keeps the test part unseen:
 * <pre>
 *   read columns ─► split rows in time order ─► fit the scaler on the training rows only ─► scale every row
 *   ─► windows per part: train (stride s, inside train); validation (stride s) and test (stride 1) with their
 *      targets inside the part and inputs that may reach back into the part before
 *      (InputHistory.FROM_EARLIER_ROWS), so every test row is forecast
 * </pre>
 * The stride subsamples the training and validation windows only (to keep long series affordable); the test
 * part is always scored on every window.
 * With {@code --val-split f} the validation windows are the last ⌈f·N⌉ training windows instead.
 */
public final class PreparedData {

    private final ScaledSeries series;
    private final ChronologicalSplit split;
    private final Part train;
    private final Part validation; // null when there is none
    private final Part test;

    private PreparedData(ScaledSeries series, ChronologicalSplit split, Part train, Part validation, Part test) {
        this.series = series;
        this.split = split;
        this.train = train;
        this.validation = validation;
        this.test = test;
    }

    /** Reads, splits, fits a new scaler on the training rows, scales and windows (shape from {@code hp}). */
    public static PreparedData prepare(Path file, DataSpec spec, HyperParameters hp) {
        return prepare(file, spec, hp, null);
    }

    /**
     * As {@link #prepare(Path, DataSpec, HyperParameters)}, but with {@code savedScaler} (from a model file)
     * instead of a new one when it is not null.
     */
    public static PreparedData prepare(Path file, DataSpec spec, HyperParameters hp, Scaler savedScaler) {
        if (savedScaler == null) {
            spec = resolve(file, spec);
        }
        return prepare(ScaledSeries.read(file, spec), spec, hp.windowing(), savedScaler);
    }

    /** A first read types every column: text features become categorical, "all" becomes the file's columns. */
    public static DataSpec resolve(Path file, DataSpec spec) {
        var profile = TimeSeriesCsvReader.profile(file, spec.timeColumn() == null ? TimeColumnChoice.auto()
                : TimeColumnChoice.named(spec.timeColumn()));
        try {
            return spec.resolve(profile);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Prepares a table already read with {@code spec}'s columns (by {@link ScaledSeries#read}, or from bytes by
     * the studio); a new scaler is fitted on the training rows when {@code savedScaler} is null.
     */
    public static PreparedData prepare(TimeSeriesTable table, DataSpec spec, Windowing windowing, Scaler savedScaler) {
        int window = windowing.window();
        int horizon = windowing.horizon();
        int stride = windowing.stride();
        boolean relative = windowing.relative();
        String source = table.source();
        int span = window + horizon;
        if (table.rowCount() < span) {
            throw new IllegalArgumentException(source + " has " + table.rowCount() + " data rows but one window "
                    + "needs window + horizon = " + window + " + " + horizon + " = " + span
                    + " rows; use a shorter window or horizon, or more data");
        }
        ChronologicalSplit split = spec.split().apply(table.rowCount(), source);
        rejectHugeValues(table, spec);
        if (savedScaler == null) {
            rejectConstantColumns(table, spec, split.train());
        }
        Scaler scaler = savedScaler != null ? savedScaler
                : spec.scaler().fit(table.columns(spec.scaledColumns()), spec.scaledColumns(), split.train(),
                ConstantColumnPolicy.REJECT);
        ScaledSeries series = ScaledSeries.of(table, spec.withTimeColumn(table.timeColumnName()), scaler);
        requireFiniteScaling(series);
        WindowSpec shape = windowing.shape();
        Part train = part(series, "train", split.train(), shape.withStride(stride), InputHistory.WITHIN_PART,
                relative);
        Part validation = null;
        double vs = spec.split().validationSplit();
        if (vs > 0) {
            int n = train.count();
            int held = (int) Math.ceil(n * vs);
            if (held >= n) {
                throw new IllegalArgumentException(source + ": --val-split " + vs + " of the " + n
                        + " training windows leaves none to train on; use a smaller fraction or more data");
            }
            validation = train.slice("validation", n - held, n);
            train = train.slice("train", 0, n - held);
        } else if (!split.validation().isEmpty()) {
            validation = part(series, "validation", split.validation(), shape.withStride(stride),
                    InputHistory.FROM_EARLIER_ROWS, relative);
        }
        Part test = part(series, "test", split.test(), shape, InputHistory.FROM_EARLIER_ROWS, relative);
        return new PreparedData(series, split, train, validation, test);
    }

    /**
     * Values beyond ±{@value #LARGEST_VALUE} would overflow when squared (MSE, variance) and give an infinite scaler,
     * an RMSE of Infinity or a loss of exactly 0; they are refused with the line where the first one is.
     */
    static final double LARGEST_VALUE = 1e150;

    public static void rejectHugeValues(TimeSeriesTable table, DataSpec spec) {
        for (String name : spec.scaledColumns()) {   // one-hot columns of a text input hold only 0 and 1
            double[] v = table.column(name);
            for (int t = 0; t < v.length; t++) {
                if (Math.abs(v[t]) > LARGEST_VALUE) {
                    throw new IllegalArgumentException(table.source() + " line " + table.sourceLine(t) + ", column \""
                            + name + "\": the value " + v[t] + " is too large to compute with (the limit is ±"
                            + LARGEST_VALUE + ", beyond which squares overflow); rescale the column, e.g. write it "
                            + "in units of 1e" + (int) Math.floor(Math.log10(Math.abs(v[t]))));
                }
            }
        }
    }

    /** A saved scaler from a model file can still map values to infinity (or be infinite itself): refuse that. */
    private static void requireFiniteScaling(ScaledSeries series) {
        double[][] features = series.features();
        List<String> names = series.spec().inputColumns();   // one column per level of a text input
        for (int f = 0; f < features.length; f++) {
            requireFinite(series, features[f], names.get(f));
        }
        for (String t : series.spec().targets()) {
            requireFinite(series, series.scaledColumn(t), t);
        }
    }

    private static void requireFinite(ScaledSeries series, double[] scaled, String column) {
        for (int t = 0; t < scaled.length; t++) {
            if (!Double.isFinite(scaled[t])) {
                TimeSeriesTable table = series.table();
                throw new IllegalArgumentException(table.source() + " line " + table.sourceLine(t) + ", column \""
                        + column + "\": the " + series.scaler().kind()
                        + " scaler maps " + table.value(t, column) + " to " + scaled[t] + " (its parameters are "
                        + series.scaler().toMap() + "); rescale the column or use --scaler standard");
            }
        }
    }

    /** A column that does not vary on the training rows cannot be scaled, and there is nothing to learn from it. */
    private static void rejectConstantColumns(TimeSeriesTable table, DataSpec spec, RowRange train) {
        for (String name : spec.scaledColumns()) {
            double[] v = table.column(name);
            boolean constant = true;
            for (int t = train.start() + 1; t < train.end() && constant; t++) {
                constant = v[t] == v[train.start()];
            }
            if (constant) {
                throw new IllegalArgumentException(table.source() + ": column \"" + name + "\" is constant (every "
                        + "value is " + v[train.start()] + ") on the training rows " + train + ", so the "
                        + spec.scaler().name().toLowerCase(java.util.Locale.ROOT) + " scaler would divide by zero and "
                        + "there is nothing to learn; choose another --target or --features, or a --split whose "
                        + "training rows vary");
            }
        }
    }

    private static Part part(ScaledSeries s, String name, RowRange rows, WindowSpec shape, InputHistory history,
                             boolean relative) {
        try {
            Windows w = WindowMaker.make(s.features(), s.target(), shape, rows, history);
            double[] offsets = null;
            if (relative) {
                offsets = new double[w.count()];
                for (int i = 0; i < offsets.length; i++) {
                    offsets[i] = s.target()[w.targetStart()[i] - 1];
                }
            }
            int[] known = s.spec().knownFutureInputs();
            FutureInputs future = known.length == 0 ? null
                    : FutureInputs.of(s.features(), known, w.targetStart(), shape.horizon());
            return new Part(name, rows, w, offsets, future, targets(s, w, relative));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(s.table().source() + ": too few rows for the " + name + " part: "
                    + e.getMessage(), e);
        }
    }

    /** Every target's windows (the same rows as the first's), or null for a model of one target. */
    private static TargetColumns targets(ScaledSeries s, Windows w, boolean relative) {
        List<String> names = s.spec().targets();
        if (names.size() == 1) {
            return null;
        }
        int h = w.horizon();
        float[][] y = new float[names.size()][w.count() * h];
        double[][] offsets = relative ? new double[names.size()][w.count()] : null;
        for (int m = 0; m < names.size(); m++) {
            double[] v = s.scaledColumn(names.get(m));
            for (int i = 0; i < w.count(); i++) {
                int start = w.targetStart()[i];
                for (int k = 0; k < h; k++) {
                    y[m][i * h + k] = (float) v[start + k];
                }
                if (relative) {
                    offsets[m][i] = v[start - 1];
                }
            }
        }
        return new TargetColumns(y, offsets);
    }

    /**
     * The data as seen for target {@code name} of a model of several: its scaler column, windows, baselines and
     * errors (the inputs unchanged); this data itself for a one-target model.
     */
    public PreparedData forTarget(String name) {
        DataSpec spec = series.spec();
        int m = spec.targets().indexOf(name);
        if (m < 0) {
            throw new IllegalArgumentException("\"" + name + "\" is not one of the targets " + spec.targets());
        }
        if (spec.targetCount() == 1 || name.equals(spec.target()) && train.targets() == null) {
            return this;
        }
        if (train.targets() == null) {
            throw new IllegalStateException("the view of target \"" + spec.target() + "\" holds no other target's "
                    + "windows; take the view of \"" + name + "\" from the data of every target");
        }
        return new PreparedData(series.forTarget(name), split, train.forTarget(m),
                validation == null ? null : validation.forTarget(m), test.forTarget(m));
    }

    public ScaledSeries series() {
        return series;
    }

    public ChronologicalSplit split() {
        return split;
    }

    public Part train() {
        return train;
    }

    /** The validation windows, or null when there are none. */
    public Part validation() {
        return validation;
    }

    public Part test() {
        return test;
    }

    /** A part by name: train, validation or test; fails when there is no validation part. */
    public Part part(String name) {
        Part p = switch (name) {
            case "train" -> train;
            case "validation" -> validation;
            case "test" -> test;
            default -> throw new IllegalArgumentException("part \"" + name
                    + "\" is not one of train, validation, test");
        };
        if (p == null) {
            throw new IllegalArgumentException("there is no validation part (its fraction is 0)");
        }
        return p;
    }

    /** F, input features per step (the window's; the network reads one more with known-future inputs). */
    public int features() {
        return series.features().length;
    }

    /** The shape of one example the network reads: (T, F), or (T + H, F + 1) with known-future inputs. */
    public int[] networkInput(Windowing windowing) {
        return series.spec().hasKnownFuture()
                ? new int[] {windowing.window() + windowing.horizon(), features() + 1}
                : new int[] {windowing.window(), features()};
    }
}
