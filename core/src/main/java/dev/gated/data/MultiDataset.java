package dev.gated.data;

import dev.gated.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Examples for a model with several inputs and outputs (a graph model): one tensor per input (N, …), one
 * target per output (N, …), and per input an optional mask (N, T) of 1 = valid step, 0 = padding. Row n
 * of every tensor belongs to example n. A {@link Dataset} is the one-input, one-output case.
 */
public final class MultiDataset {

    private final List<Tensor> inputs;
    private final List<Tensor> targets;
    private final List<Tensor> masks;

    /**
     * @param inputs  one tensor per model input, all with the same number of rows
     * @param targets one tensor per model output (may be empty for prediction)
     * @param masks   null, or one mask (N, T) or null per input
     */
    public MultiDataset(List<Tensor> inputs, List<Tensor> targets, List<Tensor> masks) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("a dataset needs at least one input tensor");
        }
        int n = rowsOf("input 0", inputs.get(0));
        for (int i = 0; i < inputs.size(); i++) {
            requireRows("input " + i, inputs.get(i), n);
        }
        for (int i = 0; i < targets.size(); i++) {
            requireRows("target " + i, targets.get(i), n);
        }
        List<Tensor> m = new ArrayList<>(Collections.nCopies(inputs.size(), (Tensor) null));
        if (masks != null) {
            if (masks.size() != inputs.size()) {
                throw new IllegalArgumentException("masks: expected one per input (" + inputs.size() + ", null where none) but found "
                        + masks.size());
            }
            for (int i = 0; i < masks.size(); i++) {
                Tensor mask = masks.get(i);
                if (mask != null && (mask.rank() != 2 || mask.dim(0) != n)) {
                    throw new IllegalArgumentException("mask of input " + i + " must have shape (" + n + ", time steps) but has shape "
                            + mask.shapeString());
                }
                m.set(i, mask);
            }
        }
        this.inputs = List.copyOf(inputs);
        this.targets = List.copyOf(targets);
        this.masks = Collections.unmodifiableList(m);
    }

    /** The one-input, one-output case. */
    public static MultiDataset of(Dataset data) {
        List<Tensor> masks = new ArrayList<>();
        masks.add(data.mask());
        return new MultiDataset(List.of(data.x()), List.of(data.y()), masks);
    }

    private static int rowsOf(String what, Tensor t) {
        if (t == null) {
            throw new IllegalArgumentException(what + " is null");
        }
        if (t.rank() < 1) {
            throw new IllegalArgumentException(what + " has no examples axis (shape " + t.shapeString() + ")");
        }
        return t.dim(0);
    }

    private static void requireRows(String what, Tensor t, int n) {
        if (rowsOf(what, t) != n) {
            throw new IllegalArgumentException(what + " has " + t.dim(0) + " examples (shape " + t.shapeString()
                    + ") but input 0 has " + n + " — every input and target needs one row per example");
        }
    }

    public int size() {
        return inputs.get(0).dim(0);
    }

    public List<Tensor> inputs() {
        return inputs;
    }

    public List<Tensor> targets() {
        return targets;
    }

    /** One entry per input, null where the input has no mask. */
    public List<Tensor> masks() {
        return masks;
    }

    /** Rows {@code indices[from … to)} of every tensor, copied. */
    public MultiDataset rows(int[] indices, int from, int to) {
        return new MultiDataset(gatherAll(inputs, indices, from, to), gatherAll(targets, indices, from, to),
                gatherAll(masks, indices, from, to));
    }

    /** Consecutive rows [from, to). */
    public MultiDataset range(int from, int to) {
        return rows(Dataset.consecutive(from, to), 0, to - from);
    }

    /** Splits off the last {@code fraction} of rows, before any shuffling (Keras's validation_split). */
    public MultiDataset[] splitLast(double fraction) {
        int training = Dataset.trainingRows(size(), fraction);
        return new MultiDataset[] {range(0, training), range(training, size())};
    }

    private static List<Tensor> gatherAll(List<Tensor> tensors, int[] indices, int from, int to) {
        List<Tensor> out = new ArrayList<>(tensors.size());
        for (Tensor t : tensors) {
            out.add(t == null ? null : Dataset.gather(t, indices, from, to));
        }
        return out;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("MultiDataset[inputs=");
        inputs.forEach(t -> sb.append(Arrays.toString(t.shape())));
        sb.append(", targets=");
        targets.forEach(t -> sb.append(Arrays.toString(t.shape())));
        return sb.append(']').toString();
    }
}
