package dev.gated.tensor;

import java.util.Arrays;

/**
 * A dense, row-major array of numbers with a shape: the only container the engine passes around.
 *
 * <p>Storage is either {@code float[]} ({@link FloatTensor}) or {@code double[]} ({@link DoubleTensor}),
 * chosen by {@link Precision}. Layer code reads and writes elements through {@link #get}/{@link #set} in
 * double arithmetic, so one piece of code serves both precisions; the hot loops (matrix multiply, fused
 * activations) live in {@link dev.gated.kernel.Kernels}, which work on the raw arrays.
 *
 * <p>Dimension letters used across the engine: B batch, T time, I input features, H hidden units,
 * G gates per cell (4 for LSTM, 3 for GRU, 1 for SimpleRNN).
 */
public abstract sealed class Tensor permits FloatTensor, DoubleTensor {

    private final int[] shape;
    private final int size;

    Tensor(int[] shape) {
        this.shape = shape.clone();
        this.size = sizeOf(shape);
    }

    /** A tensor of zeros. */
    public static Tensor zeros(Precision precision, int... shape) {
        int n = sizeOf(shape);
        return precision == Precision.FLOAT32
                ? new FloatTensor(new float[n], shape)
                : new DoubleTensor(new double[n], shape);
    }

    /** Wraps (does not copy) {@code data} with the given shape. */
    public static Tensor of(float[] data, int... shape) {
        checkSize(data.length, shape);
        return new FloatTensor(data, shape);
    }

    /** Wraps (does not copy) {@code data} with the given shape. */
    public static Tensor of(double[] data, int... shape) {
        checkSize(data.length, shape);
        return new DoubleTensor(data, shape);
    }

    public abstract Precision precision();

    /** Element {@code i} of the flat, row-major storage. */
    public abstract double get(int i);

    public abstract void set(int i, double value);

    public abstract void add(int i, double value);

    /** Sets every element to {@code value}. */
    public abstract void fill(double value);

    /** Sets {@code length} elements from {@code offset} to {@code value}. */
    public abstract void fill(int offset, int length, double value);

    /** Copies {@code length} elements of {@code src} starting at {@code srcOffset} into this at {@code dstOffset}. */
    public abstract void copyFrom(Tensor src, int srcOffset, int dstOffset, int length);

    /** A new tensor with the same shape and data, in {@code precision}. */
    public abstract Tensor to(Precision precision);

    /** A tensor sharing this one's storage, with another shape of the same size. */
    public abstract Tensor reshape(int... newShape);

    /** The backing array, {@code float[]} or {@code double[]}; for kernels. */
    public abstract Object array();

    public final int[] shape() {
        return shape.clone();
    }

    public final int rank() {
        return shape.length;
    }

    public final int dim(int axis) {
        return shape[axis];
    }

    public final int size() {
        return size;
    }

    public Tensor zerosLike() {
        return zeros(precision(), shape);
    }

    public Tensor copy() {
        Tensor t = zerosLike();
        t.copyFrom(this, 0, 0, size);
        return t;
    }

    /** Copies all of {@code src} (same size) into this. */
    public void copyFrom(Tensor src) {
        if (src.size != size) {
            throw new IllegalArgumentException("cannot copy a tensor of shape " + Arrays.toString(src.shape)
                    + " into one of shape " + Arrays.toString(shape));
        }
        copyFrom(src, 0, 0, size);
    }

    public float[] toFloatArray() {
        float[] out = new float[size];
        for (int i = 0; i < size; i++) {
            out[i] = (float) get(i);
        }
        return out;
    }

    public double[] toDoubleArray() {
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            out[i] = get(i);
        }
        return out;
    }

    /**
     * Steps [from, to) of axis 1 for every row of axis 0, copied: (B, T, …) → (B, to − from, …). How a
     * batch of sequences is cut into chunks of time.
     */
    public Tensor timeSlice(int from, int to) {
        if (rank() < 2 || from < 0 || to > shape[1] || from >= to) {
            throw new IllegalArgumentException("time slice [" + from + ", " + to + ") of a tensor of shape " + shapeString());
        }
        int step = size / (shape[0] * shape[1]);   // elements per (row, step)
        int[] out = shape.clone();
        out[1] = to - from;
        Tensor t = zeros(precision(), out);
        int length = (to - from) * step;
        for (int b = 0; b < shape[0]; b++) {
            t.copyFrom(this, (b * shape[1] + from) * step, b * length, length);
        }
        return t;
    }

    /** Index of the first NaN or infinite element, or -1. */
    public int firstNonFinite() {
        for (int i = 0; i < size; i++) {
            if (!Double.isFinite(get(i))) {
                return i;
            }
        }
        return -1;
    }

    /** Turns a flat index into a multi-index, e.g. for error messages: {@code [3, 7, 0]}. */
    public String indexOf(int flat) {
        int[] idx = new int[shape.length];
        for (int axis = shape.length - 1; axis >= 0; axis--) {
            idx[axis] = flat % shape[axis];
            flat /= shape[axis];
        }
        return Arrays.toString(idx);
    }

    public boolean sameShape(Tensor other) {
        return Arrays.equals(shape, other.shape);
    }

    public String shapeString() {
        return Arrays.toString(shape);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Tensor").append(shapeString()).append(' ').append(precision()).append(" [");
        int shown = Math.min(size, 8);
        for (int i = 0; i < shown; i++) {
            sb.append(i == 0 ? "" : ", ").append(get(i));
        }
        return sb.append(size > shown ? ", ...]" : "]").toString();
    }

    static int sizeOf(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n *= d;
        }
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has " + n
                    + " elements, more than a Java array holds (" + Integer.MAX_VALUE + ")");
        }
        return (int) n;
    }

    private static void checkSize(int length, int[] shape) {
        if (sizeOf(shape) != length) {
            throw new IllegalArgumentException("data has " + length + " elements but shape " + Arrays.toString(shape)
                    + " needs " + sizeOf(shape));
        }
    }
}
