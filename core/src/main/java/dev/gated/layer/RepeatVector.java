package dev.gated.layer;

import dev.gated.tensor.Shape;
import dev.gated.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Repeats a vector n times along a new time axis, as Keras's {@code RepeatVector(n)}: how an encoder's final
 * state becomes the input of every step of a decoder.
 *
 * <pre>
 * x (B, F)  →  y (B, n, F)        y[b, t, :] = x[b, :]  for t = 0 … n−1
 * ∂L/∂x[b, :] = Σ_t ∂L/∂y[b, t, :]
 * </pre>
 * The input has no time axis, so the output carries no mask.
 */
public final class RepeatVector implements Layer {

    private final int times;
    private int width;   // F; 0 until built

    public RepeatVector(int n) {
        this.times = Checks.positive("RepeatVector n", n);
    }

    public int times() {
        return times;
    }

    @Override
    public String type() {
        return "repeat_vector";
    }

    @Override
    public int[] build(int[] inputShape, BuildContext context) {
        if (inputShape.length != 1 || inputShape[0] == Shape.ANY) {
            throw new IllegalArgumentException("RepeatVector(" + times + "): expected input of shape (batch, features) but found "
                    + Shape.withBatch(inputShape) + (inputShape.length == 2
                    ? " — it repeats vectors; take the last step first (a recurrent layer without returnSequences)" : ""));
        }
        if (width != 0 && width != inputShape[0]) {
            throw new IllegalArgumentException("RepeatVector(" + times + ") was built for vectors of width " + width
                    + " but is now called on " + Shape.withBatch(inputShape));
        }
        width = inputShape[0];
        return new int[] {times, width};
    }

    @Override
    public RepeatVector replica() {
        RepeatVector r = new RepeatVector(times);
        r.width = width;
        return r;
    }

    @Override
    public Tensor forward(Tensor x, Tensor mask, Mode mode) {
        Checks.inputShape("RepeatVector(" + times + ")", new int[] {width}, x.shape());
        int batch = x.dim(0);
        Tensor y = Tensor.zeros(x.precision(), batch, times, width);
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < times; t++) {
                y.copyFrom(x, b * width, (b * times + t) * width, width);
            }
        }
        return y;
    }

    @Override
    public Tensor backward(Tensor dOutput) {
        int batch = dOutput.dim(0);
        Tensor dx = Tensor.zeros(dOutput.precision(), batch, width);
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < times; t++) {
                int at = (b * times + t) * width;
                for (int f = 0; f < width; f++) {
                    dx.add(b * width + f, dOutput.get(at + f));
                }
            }
        }
        return dx;
    }

    @Override
    public Tensor outputMask(Tensor inputMask) {
        return null;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public Map<String, String> config() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("n", Integer.toString(times));
        return c;
    }
}
