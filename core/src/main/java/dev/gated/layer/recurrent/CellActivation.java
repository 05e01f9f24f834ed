package dev.gated.layer.recurrent;

import dev.gated.kernel.PlainKernels;
import java.util.Locale;

/**
 * The nonlinearities a recurrent cell may use, as Keras's {@code activation} (candidate and output: tanh by
 * default) and {@code recurrent_activation} (the gates: sigmoid by default) name them:
 *
 * <pre>
 * tanh                 y = tanh(x)                                 dy/dx = 1 − y²
 * sigmoid              y = σ(x) = 1 / (1 + e^−x)                   dy/dx = y(1 − y)
 * relu                 y = max(0, x)                               dy/dx = [y &gt; 0]
 * linear               y = x                                       dy/dx = 1
 * hard_sigmoid_keras2  y = clip(0.2·x + 0.5, 0, 1)                 dy/dx = 0.2 · [0 &lt; y &lt; 1]
 *                      Keras 2, tf.keras, TensorFlow.js, ONNX HardSigmoid's defaults (α 0.2, β 0.5)
 * hard_sigmoid_keras3  y = relu6(x + 3) / 6 = clip(x/6 + 0.5, 0, 1)   dy/dx = 1/6 · [0 &lt; y &lt; 1]
 *                      Keras 3 (both call theirs "hard_sigmoid"; they differ by up to 0.1)
 * </pre>
 * Every derivative is a function of the output y, so a cell can overwrite pre-activations with activations
 * in place and still run backward (the convention of {@link Cell}). At the kinks (relu at 0, the clip
 * corners) the derivative taken is the one-sided value the formula gives, as Keras's gradients do.
 */
public enum CellActivation {
    TANH("tanh"),
    SIGMOID("sigmoid"),
    RELU("relu"),
    LINEAR("linear"),
    HARD_SIGMOID_KERAS2("hard_sigmoid_keras2"),
    HARD_SIGMOID_KERAS3("hard_sigmoid_keras3");

    private final String id;

    CellActivation(String id) {
        this.id = id;
    }

    /** The name written in model files and accepted by {@link #parse}. */
    public String id() {
        return id;
    }

    /** y = f(x). */
    public double apply(double x) {
        return switch (this) {
            case TANH -> Math.tanh(x);
            case SIGMOID -> PlainKernels.sigmoid(x);
            case RELU -> x > 0 ? x : 0.0;
            case LINEAR -> x;
            case HARD_SIGMOID_KERAS2 -> clip01(0.2 * x + 0.5);
            case HARD_SIGMOID_KERAS3 -> clip01((x + 3) / 6.0);
        };
    }

    /** f′(x) written in terms of y = f(x). */
    public double derivativeFromOutput(double y) {
        return switch (this) {
            case TANH -> 1 - y * y;
            case SIGMOID -> y * (1 - y);
            case RELU -> y > 0 ? 1.0 : 0.0;
            case LINEAR -> 1.0;
            case HARD_SIGMOID_KERAS2 -> y > 0 && y < 1 ? 0.2 : 0.0;
            case HARD_SIGMOID_KERAS3 -> y > 0 && y < 1 ? 1.0 / 6.0 : 0.0;
        };
    }

    /**
     * ∂L/∂x = upstream · f′(x) from y = f(x), multiplied in the order the fused σ/tanh code uses
     * ({@code upstream * y * (1 - y)}), so a plain loop gives the same bits as before for the defaults.
     */
    public double backward(double upstream, double y) {
        return switch (this) {
            case TANH -> upstream * (1 - y * y);
            case SIGMOID -> upstream * y * (1 - y);
            default -> upstream * derivativeFromOutput(y);
        };
    }

    /** For the hard sigmoids, y = clip(α·x + β, 0, 1): α (slope); NaN for the others. */
    public double hardSigmoidAlpha() {
        return switch (this) {
            case HARD_SIGMOID_KERAS2 -> 0.2;
            case HARD_SIGMOID_KERAS3 -> 1.0 / 6.0;
            default -> Double.NaN;
        };
    }

    private static double clip01(double v) {
        return v <= 0 ? 0.0 : (v >= 1 ? 1.0 : v);
    }

    /** Parses an {@link #id()}, any case. */
    public static CellActivation parse(String s) {
        String key = s.trim().toLowerCase(Locale.ROOT);
        for (CellActivation a : values()) {
            if (a.id.equals(key)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown recurrent activation \"" + s + "\": expected tanh, sigmoid, relu, "
                + "linear, hard_sigmoid_keras2 (clip(0.2x + 0.5, 0, 1)) or hard_sigmoid_keras3 (relu6(x + 3) / 6)");
    }

    @Override
    public String toString() {
        return id;
    }
}
