package dev.gated.forecast;

import dev.gated.data.Dataset;
import dev.gated.tensor.Tensor;
import dev.gated.timeseries.RowRange;
import dev.gated.timeseries.window.Windows;
import java.util.Arrays;

/**
 * The windows of one part of a split (train, validation, test), on the model's (scaled) values, and what the
 * network is fed from them. With {@code offsets} (relative windows, {@code --relative}) each window is shifted
 * to its last value, so the network learns changes rather than levels:
 * <pre>
 *   x'(i, j, f) = x(i, j, f) - x(i, T-1, f)           every feature relative to its last input value
 *   y'(i, k)    = y(i, k) - offsets[i]                 offsets[i] = scaled target at the last input row
 *   prediction  = network(x')(i, k) + offsets[i]
 * </pre>
 *
 * @param name    "train", "validation" or "test", used in messages and reports
 * @param rows    the rows of the split part the targets lie in
 * @param windows x (N, T, F), y (N, H) and each window's first target row, unshifted
 * @param offsets (N) the scaled target at each window's last input row, or null for absolute windows
 * @param future  the known-future inputs at each window's target rows, or null when every input is past-only;
 *                with them the network reads x⁺ (N, T + H, F + 1), see {@link FutureInputs}
 * @param targets every target's windows of a model of several targets (then {@code windows.y()} and
 *                {@code offsets} are the first target's), or null for one target; see {@link TargetColumns}
 */
public record Part(String name, RowRange rows, Windows windows, double[] offsets, FutureInputs future,
                   TargetColumns targets) {

    /** Every input past-only, one target. */
    public Part(String name, RowRange rows, Windows windows, double[] offsets) {
        this(name, rows, windows, offsets, null, null);
    }

    /** One target. */
    public Part(String name, RowRange rows, Windows windows, double[] offsets, FutureInputs future) {
        this(name, rows, windows, offsets, future, null);
    }

    /** This part's windows with target {@code m}'s values and offsets alone (the inputs unchanged). */
    public Part forTarget(int m) {
        if (targets == null) {
            return this;
        }
        Windows w = windows;
        Windows one = new Windows(w.x(), targets.y()[m], w.count(), w.window(), w.features(), w.horizon(),
                w.targetStart());
        return new Part(name, rows, one, targets.offsets() == null ? null : targets.offsets()[m], future, null);
    }

    /** The tensors the network trains on: x' (N, T, F), y' (N, H), or y' (N, H·M) for M targets. */
    public Dataset dataset() {
        if (targets != null) {
            return new Dataset(inputs(), Tensor.of(targets.interleaved(windows.count(), windows.horizon()),
                    windows.count(), windows.horizon() * targets.count()));
        }
        float[] y = windows.y().clone();
        if (offsets != null) {
            int h = windows.horizon();
            for (int i = 0; i < windows.count(); i++) {
                for (int k = 0; k < h; k++) {
                    y[i * h + k] -= (float) offsets[i];
                }
            }
        }
        return new Dataset(inputs(), Tensor.of(y, windows.count(), windows.horizon()));
    }

    /** The network's input x' as a tensor (N, T, F); with known-future inputs x⁺ (N, T + H, F + 1). */
    public Tensor inputs() {
        int t = windows.window();
        int f = windows.features();
        if (future != null) {
            return Tensor.of(future.extend(windows.x(), windows.count(), t, f, offsets != null), windows.count(),
                    future.steps(t), f + 1);
        }
        float[] x = windows.x().clone();
        if (offsets != null) {
            relativeToLast(x, windows.count(), t, f);
        }
        return Tensor.of(x, windows.count(), t, f);
    }

    /** Shifts each of n windows (T, F), in place, so that its last step is 0 for every feature. */
    static void relativeToLast(float[] x, int n, int t, int f) {
        float[] last = new float[f];
        for (int i = 0; i < n; i++) {
            System.arraycopy(x, (i * t + t - 1) * f, last, 0, f);
            for (int j = 0; j < t; j++) {
                for (int c = 0; c < f; c++) {
                    x[(i * t + j) * f + c] -= last[c];
                }
            }
        }
    }

    /** Adds the offsets back to network outputs (N·H), in place. */
    void addOffsets(double[] predictions) {
        if (offsets == null) {
            return;
        }
        int h = windows.horizon();
        for (int i = 0; i < windows.count(); i++) {
            for (int k = 0; k < h; k++) {
                predictions[i * h + k] += offsets[i];
            }
        }
    }

    public int count() {
        return windows.count();
    }

    /** Windows [from, to) of this part as a new part; its rows are those their targets cover. */
    public Part slice(String newName, int from, int to) {
        Windows w = windows;
        int tf = w.window() * w.features();
        int h = w.horizon();
        Windows s = new Windows(Arrays.copyOfRange(w.x(), from * tf, to * tf), Arrays.copyOfRange(w.y(), from * h, to * h),
                to - from, w.window(), w.features(), h, Arrays.copyOfRange(w.targetStart(), from, to));
        return new Part(newName, new RowRange(s.targetStart()[0], s.targetStart()[s.count() - 1] + h), s,
                offsets == null ? null : Arrays.copyOfRange(offsets, from, to),
                future == null ? null : future.slice(from, to), targets == null ? null : targets.slice(from, to, h));
    }

    /** The rows the targets of the windows actually cover: [first target, last target + 1). */
    public RowRange targetSpan() {
        int[] ts = windows.targetStart();
        return new RowRange(ts[0], ts[ts.length - 1] + windows.horizon());
    }

    @Override
    public String toString() {
        return name + " " + rows + " (" + count() + " windows)";
    }
}
