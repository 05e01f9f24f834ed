package dev.gated.layer;

import dev.gated.tensor.Tensor;

/**
 * A trainable weight and the gradient accumulated for it. Optimizer state (moments, velocities) is not
 * kept here but in the optimizer, keyed by the parameter's position in the model.
 *
 * @param name  unique within its layer, e.g. {@code kernel}, {@code recurrent_kernel}, {@code bias}
 * @param value the weight
 * @param grad  same shape as {@code value}; layers add to it in {@code backward}
 */
public record Parameter(String name, Tensor value, Tensor grad) {

    public static Parameter zeros(String name, dev.gated.tensor.Precision precision, int... shape) {
        return new Parameter(name, Tensor.zeros(precision, shape), Tensor.zeros(precision, shape));
    }

    public void zeroGrad() {
        grad.fill(0);
    }
}
