package dev.gated.data;

import dev.gated.tensor.Tensor;
import java.util.Arrays;

/**
 * Examples for training or evaluation: inputs x (N, …), targets y (N, …) and, for padded sequences, a
 * mask (N, T) of 1 = valid step, 0 = padding. Row n of each belongs together.
 */
public record Dataset(Tensor x, Tensor y, Tensor mask) {

    public Dataset {
        if (x.rank() < 1 || y.rank() < 1 || x.dim(0) != y.dim(0)) {
            throw new IllegalArgumentException("x has " + (x.rank() < 1 ? 0 : x.dim(0)) + " examples (shape "
                    + x.shapeString() + ") but y has " + (y.rank() < 1 ? 0 : y.dim(0)) + " (shape " + y.shapeString()
                    + ") — each input needs exactly one target");
        }
        if (mask != null && (mask.rank() != 2 || mask.dim(0) != x.dim(0))) {
            throw new IllegalArgumentException("mask must have shape (" + x.dim(0) + ", time steps) but has shape "
                    + mask.shapeString());
        }
    }

    public Dataset(Tensor x, Tensor y) {
        this(x, y, null);
    }

    public int size() {
        return x.dim(0);
    }

    /** Rows {@code indices[from … to)} of x, y and mask, copied into new tensors. */
    public Dataset rows(int[] indices, int from, int to) {
        return new Dataset(gather(x, indices, from, to), gather(y, indices, from, to),
                mask == null ? null : gather(mask, indices, from, to));
    }

    /** Consecutive rows [from, to). */
    public Dataset range(int from, int to) {
        return rows(consecutive(from, to), 0, to - from);
    }

    /**
     * Splits off the last {@code fraction} of rows as validation data, before any shuffling (as Keras's
     * {@code validation_split}): returns {training, validation}.
     */
    public Dataset[] splitLast(double fraction) {
        int training = trainingRows(size(), fraction);
        return new Dataset[] {range(0, training), range(training, size())};
    }

    /** [from, from + 1, …, to − 1]. */
    static int[] consecutive(int from, int to) {
        int[] idx = new int[to - from];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = from + i;
        }
        return idx;
    }

    /** How many of {@code size} rows stay for training when the last {@code fraction} is held out; teaching errors. */
    static int trainingRows(int size, double fraction) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("validation split: expected a fraction in (0, 1) but found " + fraction);
        }
        int validation = (int) Math.round(size * fraction);
        if (validation == 0 || validation == size) {
            throw new IllegalArgumentException("validation split " + fraction + " of " + size
                    + " examples leaves " + (validation == 0 ? "no validation" : "no training") + " examples");
        }
        return size - validation;
    }

    /** Rows indices[from … to) of {@code t}, copied into a new tensor. */
    static Tensor gather(Tensor t, int[] indices, int from, int to) {
        int[] shape = t.shape();
        int rowSize = t.size() / Math.max(shape[0], 1);
        shape[0] = to - from;
        Tensor out = Tensor.zeros(t.precision(), shape);
        for (int i = from; i < to; i++) {
            out.copyFrom(t, indices[i] * rowSize, (i - from) * rowSize, rowSize);
        }
        return out;
    }

    @Override
    public String toString() {
        return "Dataset[x=" + Arrays.toString(x.shape()) + ", y=" + Arrays.toString(y.shape())
                + (mask == null ? "" : ", mask=" + Arrays.toString(mask.shape())) + "]";
    }
}
