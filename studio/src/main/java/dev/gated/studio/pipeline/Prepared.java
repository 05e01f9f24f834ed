package dev.gated.studio.pipeline;

import dev.gated.data.Dataset;
import dev.gated.tensor.Tensor;
import dev.gated.timeseries.RowRange;
import dev.gated.timeseries.TimeSeriesTable;
import dev.gated.timeseries.scale.ConstantColumnPolicy;
import dev.gated.timeseries.scale.Scaler;
import dev.gated.timeseries.scale.ScalerKind;
import dev.gated.timeseries.split.ChronologicalSplit;
import dev.gated.timeseries.window.InputHistory;
import dev.gated.timeseries.window.WindowMaker;
import dev.gated.timeseries.window.WindowSpec;
import dev.gated.timeseries.window.Windows;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A series made ready for training, on the timeseries API:
 * <pre>
 * table ─► split (train | validation | test, in time order) ─► scaler fitted on train rows only
 *       ─► windows: train inside its part; validation and test targets inside their part, inputs may reach back
 *          into the rows before (every row of the part is forecast, nothing leaks)
 * </pre>
 * R rows, F features, T window, H horizon. Immutable once made; shared by all jobs of a run.
 */
public final class Prepared {

    private final PrepareSpec spec;
    private final TimeSeriesTable table;
    private final ChronologicalSplit split;
    private final Scaler scaler;
    private final double[] rawTarget;      // (R) original units
    private final double[][] scaledInputs; // (F, R)
    private final double[] scaledTarget;   // (R)
    private final WindowSpec shape;
    private final Windows train;
    private final Windows validation;      // null when the validation part is empty
    private final Windows test;

    private Prepared(PrepareSpec spec, TimeSeriesTable table) {
        this.spec = spec;
        this.table = table;
        int rows = table.rowCount();
        split = ChronologicalSplit.byFractions(rows, spec.train(), spec.validation());
        List<String> cols = spec.columns();
        scaler = ScalerKind.parse(spec.scaler()).fit(table.columns(cols), cols, split.train(),
                ConstantColumnPolicy.REJECT);
        rawTarget = table.column(spec.target());
        scaledTarget = scaler.transform(spec.target(), rawTarget);
        scaledInputs = new double[spec.features().size()][];
        for (int f = 0; f < scaledInputs.length; f++) {
            String name = spec.features().get(f);
            scaledInputs[f] = scaler.transform(name, table.column(name));
        }
        shape = WindowSpec.of(spec.window(), spec.horizon());
        train = part("training", split.train(), shape.withStride(spec.stride()), InputHistory.WITHIN_PART);
        validation = split.validation().isEmpty() ? null
                : part("validation", split.validation(), shape, InputHistory.FROM_EARLIER_ROWS);
        if (split.test().isEmpty()) {
            throw new IllegalArgumentException("the test part is empty: lower the train or validation fraction");
        }
        test = part("test", split.test(), shape, InputHistory.FROM_EARLIER_ROWS);
    }

    /** Prepares {@code table} (already read with the spec's columns, time column and missing policy). */
    public static Prepared of(PrepareSpec spec, TimeSeriesTable table) {
        return new Prepared(spec, table);
    }

    private Windows part(String name, RowRange rows, WindowSpec s, InputHistory history) {
        try {
            return WindowMaker.make(scaledInputs, scaledTarget, s, rows, history);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the " + name + " part " + rows + ": " + e.getMessage(), e);
        }
    }

    public PrepareSpec spec() {
        return spec;
    }

    public TimeSeriesTable table() {
        return table;
    }

    public ChronologicalSplit split() {
        return split;
    }

    public Scaler scaler() {
        return scaler;
    }

    public double[] rawTarget() {
        return rawTarget.clone();
    }

    public Windows train() {
        return train;
    }

    /** Null when the validation fraction is 0. */
    public Windows validation() {
        return validation;
    }

    public Windows test() {
        return test;
    }

    /** The windows of a part by name: train, validation or test. */
    public Windows part(String name) {
        Windows w = switch (name) {
            case "train" -> train;
            case "validation" -> validation;
            case "test" -> test;
            default -> throw new IllegalArgumentException("part \"" + name + "\" is not one of train, validation, test");
        };
        if (w == null) {
            throw new IllegalArgumentException("there is no validation part (its fraction is 0)");
        }
        return w;
    }

    /** A windows part as an engine data set: x (N, T, F), y (N, H), scaled. */
    public static Dataset dataset(Windows w) {
        return new Dataset(Tensor.of(w.x(), w.count(), w.window(), w.features()), Tensor.of(w.y(), w.count(), w.horizon()));
    }

    /** The actual target values (original units) of every window target, (N·H) in the layout of y. */
    public double[] actual(Windows w) {
        int[] rows = w.targetRows();
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rawTarget[rows[i]];
        }
        return out;
    }

    /** Model output (scaled, N·H) back in the target's original units. */
    public double[] unscale(float[] predictions) {
        return scaler.inverse(spec.target(), predictions);
    }

    /** The Prepare panel's picture: split boundaries, window counts, where some windows lie. */
    public Map<String, Object> view() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rows", table.rowCount());
        m.put("split", Map.of("train", range(split.train()), "validation", range(split.validation()),
                "test", range(split.test())));
        m.put("windows", Map.of("train", train.count(), "validation", validation == null ? 0 : validation.count(),
                "test", test.count()));
        m.put("window", spec.window());
        m.put("horizon", spec.horizon());
        m.put("inputShape", List.of(spec.window(), spec.features().size()));
        m.put("scaler", scaler.toMap());
        m.put("examples", examples());
        return m;
    }

    private static int[] range(RowRange r) {
        return new int[] {r.start(), r.end()};
    }

    /** Up to 8 training windows spread over the part: [first input row, last input row, last target row]. */
    private List<int[]> examples() {
        int n = train.count();
        int k = Math.min(8, n);
        java.util.ArrayList<int[]> out = new java.util.ArrayList<>();
        for (int j = 0; j < k; j++) {
            int i = k == 1 ? 0 : (int) Math.round((double) j * (n - 1) / (k - 1));
            int firstTarget = train.targetStart()[i];
            out.add(new int[] {firstTarget - shape.inputSpan(), firstTarget - 1, firstTarget + shape.horizon() - 1});
        }
        return out;
    }
}
