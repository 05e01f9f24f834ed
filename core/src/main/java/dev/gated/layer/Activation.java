package dev.gated.layer;

import dev.gated.tensor.Tensor;
import java.util.Arrays;
import java.util.Locale;

/**
 * Pointwise activations for {@link Dense} (softmax acts on each row of the last axis).
 *
 * <pre>
 * linear(z)  = z
 * relu(z)    = max(0, z)
 * tanh(z)    = (e^z − e^−z) / (e^z + e^−z)          tanh'  = 1 − tanh²
 * sigmoid(z) = 1 / (1 + e^−z)                       σ'     = σ (1 − σ)
 * softmax(z)_j = e^{z_j} / Σ_k e^{z_k}              ∂y_j/∂z_k = y_j (δ_jk − y_k)
 * </pre>
 */
public enum Activation {
    LINEAR, RELU, TANH, SIGMOID, SOFTMAX;

    /** Parses a name such as {@code "relu"}; unknown names list the known ones. */
    public static Activation parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("activation: expected one of "
                    + Arrays.toString(values()).toLowerCase(Locale.ROOT) + " but found \"" + name + "\"");
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The logistic function, numerically stable: {@link dev.gated.kernel.PlainKernels#sigmoid(double)}. */
    public static double sigmoid(double z) {
        return dev.gated.kernel.PlainKernels.sigmoid(z);
    }

    /** Applies the activation in place to {@code rows} rows of {@code width} values. */
    public void forward(Tensor values, int rows, int width) {
        int n = rows * width;
        switch (this) {
            case LINEAR -> { }
            case RELU -> {
                for (int i = 0; i < n; i++) {
                    if (values.get(i) < 0) {
                        values.set(i, 0);
                    }
                }
            }
            case TANH -> {
                for (int i = 0; i < n; i++) {
                    values.set(i, Math.tanh(values.get(i)));
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < n; i++) {
                    values.set(i, sigmoid(values.get(i)));
                }
            }
            case SOFTMAX -> {
                for (int r = 0; r < rows; r++) {
                    softmaxRow(values, r * width, width);
                }
            }
        }
    }

    /**
     * Turns ∂loss/∂y into ∂loss/∂z in place, given the activation's outputs {@code y}.
     */
    public void backward(Tensor y, Tensor dy, int rows, int width) {
        int n = rows * width;
        switch (this) {
            case LINEAR -> { }
            case RELU -> {
                for (int i = 0; i < n; i++) {
                    if (y.get(i) <= 0) {
                        dy.set(i, 0);
                    }
                }
            }
            case TANH -> {
                for (int i = 0; i < n; i++) {
                    double v = y.get(i);
                    dy.set(i, dy.get(i) * (1 - v * v));
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < n; i++) {
                    double v = y.get(i);
                    dy.set(i, dy.get(i) * v * (1 - v));
                }
            }
            case SOFTMAX -> {
                for (int r = 0; r < rows; r++) {
                    int off = r * width;
                    double dot = 0;
                    for (int j = 0; j < width; j++) {
                        dot += dy.get(off + j) * y.get(off + j);
                    }
                    for (int j = 0; j < width; j++) {
                        dy.set(off + j, y.get(off + j) * (dy.get(off + j) - dot));
                    }
                }
            }
        }
    }

    static void softmaxRow(Tensor values, int off, int width) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < width; j++) {
            max = Math.max(max, values.get(off + j));
        }
        double sum = 0;
        for (int j = 0; j < width; j++) {
            double e = Math.exp(values.get(off + j) - max);
            values.set(off + j, e);
            sum += e;
        }
        for (int j = 0; j < width; j++) {
            values.set(off + j, values.get(off + j) / sum);
        }
    }
}
