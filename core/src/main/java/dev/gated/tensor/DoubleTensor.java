package dev.gated.tensor;

import java.util.Arrays;

/** A {@link Tensor} stored as {@code double[]}: for gradient checks and reference computations. */
public final class DoubleTensor extends Tensor {

    private final double[] data;

    DoubleTensor(double[] data, int[] shape) {
        super(shape);
        this.data = data;
    }

    public double[] data() {
        return data;
    }

    @Override
    public Precision precision() {
        return Precision.FLOAT64;
    }

    @Override
    public double get(int i) {
        return data[i];
    }

    @Override
    public void set(int i, double value) {
        data[i] = value;
    }

    @Override
    public void add(int i, double value) {
        data[i] += value;
    }

    @Override
    public void fill(double value) {
        Arrays.fill(data, value);
    }

    @Override
    public void fill(int offset, int length, double value) {
        Arrays.fill(data, offset, offset + length, value);
    }

    @Override
    public void copyFrom(Tensor src, int srcOffset, int dstOffset, int length) {
        if (src instanceof DoubleTensor d) {
            System.arraycopy(d.data, srcOffset, data, dstOffset, length);
        } else {
            for (int i = 0; i < length; i++) {
                data[dstOffset + i] = src.get(srcOffset + i);
            }
        }
    }

    @Override
    public Tensor to(Precision precision) {
        Tensor t = Tensor.zeros(precision, shape());
        t.copyFrom(this, 0, 0, size());
        return t;
    }

    @Override
    public Tensor reshape(int... newShape) {
        return Tensor.of(data, newShape);
    }

    @Override
    public Object array() {
        return data;
    }
}
