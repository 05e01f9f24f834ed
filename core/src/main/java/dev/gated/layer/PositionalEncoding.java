package dev.gated.layer;

import dev.gated.tensor.Shape;
import dev.gated.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * Adds the sinusoidal position signal of Vaswani et al. (2017, section 3.5) to every step, so that attention,
 * which is blind to order, can tell step 3 from step 30. No weights; any length T.
 *
 * <pre>
 * x (B, T, D)  →  y (B, T, D)        y[b, t, d] = x[b, t, d] + P[t, d]
 * P[t, 2i]     = sin(t / 10000^(2i / D))
 * P[t, 2i + 1] = cos(t / 10000^(2i / D))         t = 0 … T−1, i = 0 … ⌈D/2⌉ − 1
 * ∂L/∂x = ∂L/∂y
 * </pre>
 * The mask, if any, is passed on unchanged.
 */
public final class PositionalEncoding implements Layer {

    private int width;   // D; 0 until built

    @Override
    public String type() {
        return "positional_encoding";
    }

    /** P[t, d] of the class comment. */
    public static double signal(int t, int d, int width) {
        double frequency = Math.pow(10000, -(double) (d - d % 2) / width);
        return d % 2 == 0 ? Math.sin(t * frequency) : Math.cos(t * frequency);
    }

    @Override
    public int[] build(int[] inputShape, BuildContext context) {
        if (inputShape.length != 2 || inputShape[1] == Shape.ANY) {
            throw new IllegalArgumentException("PositionalEncoding: expected input of shape (batch, time, features) but found "
                    + Shape.withBatch(inputShape));
        }
        if (width != 0 && width != inputShape[1]) {
            throw new IllegalArgumentException("PositionalEncoding was built for width " + width + " but is now called on "
                    + Shape.withBatch(inputShape));
        }
        width = inputShape[1];
        return inputShape.clone();
    }

    @Override
    public PositionalEncoding replica() {
        PositionalEncoding r = new PositionalEncoding();
        r.width = width;
        return r;
    }

    @Override
    public Tensor forward(Tensor x, Tensor mask, Mode mode) {
        Checks.inputShape("PositionalEncoding", new int[] {Shape.ANY, width}, x.shape());
        int batch = x.dim(0);
        int steps = x.dim(1);
        Tensor y = x.copy();
        for (int t = 0; t < steps; t++) {
            for (int d = 0; d < width; d++) {
                double p = signal(t, d, width);
                for (int b = 0; b < batch; b++) {
                    y.add((b * steps + t) * width + d, p);
                }
            }
        }
        return y;
    }

    @Override
    public Tensor backward(Tensor dOutput) {
        return dOutput.copy();
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public Map<String, String> config() {
        return Map.of();
    }
}
