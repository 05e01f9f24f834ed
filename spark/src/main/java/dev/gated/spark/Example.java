package dev.gated.spark;

import java.io.Serializable;

/**
 * One training example of a single-input, single-output model, flattened in row-major order: for a
 * forecasting window, {@code input} is (T·F) — step t, feature f at t·F + f — and {@code target} is (H).
 *
 * @param input  the example's input without the batch axis, flattened
 * @param target the example's target without the batch axis, flattened
 */
public record Example(double[] input, double[] target) implements Serializable {
}
