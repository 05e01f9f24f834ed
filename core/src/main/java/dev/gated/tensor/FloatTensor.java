package dev.gated.tensor;

import java.util.Arrays;

/** A {@link Tensor} stored as {@code float[]}: the default, fast precision. */
public final class FloatTensor extends Tensor {

    private final float[] data;

    FloatTensor(float[] data, int[] shape) {
        super(shape);
        this.data = data;
    }

    public float[] data() {
        return data;
    }

    @Override
    public Precision precision() {
        return Precision.FLOAT32;
    }

    @Override
    public double get(int i) {
        return data[i];
    }

    @Override
    public void set(int i, double value) {
        data[i] = (float) value;
    }

    @Override
    public void add(int i, double value) {
        data[i] += (float) value;
    }

    @Override
    public void fill(double value) {
        Arrays.fill(data, (float) value);
    }

    @Override
    public void fill(int offset, int length, double value) {
        Arrays.fill(data, offset, offset + length, (float) value);
    }

    @Override
    public void copyFrom(Tensor src, int srcOffset, int dstOffset, int length) {
        if (src instanceof FloatTensor f) {
            System.arraycopy(f.data, srcOffset, data, dstOffset, length);
        } else {
            for (int i = 0; i < length; i++) {
                data[dstOffset + i] = (float) src.get(srcOffset + i);
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
