package dev.gated.layer;

import dev.gated.tensor.Shape;
import dev.gated.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies a layer, or a small stack of layers, to every time step on its own, as Keras's
 * {@code TimeDistributed(layer)}: the time axis is folded into the batch, the stack runs once, and the axis
 * is unfolded again.
 *
 * <pre>
 * x (B, T, S…)  →  x' (B·T, S…)  →  stack  →  y' (B·T, S'…)  →  y (B, T, S'…)        S… the shape of one step
 * ∂L/∂x = reshape(stack.backward(reshape(∂L/∂y, (B·T, S'…))), (B, T, S…))
 * </pre>
 * Dense already acts on every step of (B, T, F) input; this wrapper is for what that rule does not cover:
 * a stack (Dense, Dropout, Dense) applied per step, or a layer that expects a whole example per step, such as
 * a recurrent layer reading the characters of each word: (B, words, chars, F) → (B, words, H), or an
 * Embedding with an LSTM over (B, words, chars) token indices (masks made inside the stack, e.g. by
 * Embedding's maskZero, are used inside it). The input's (B, T) mask is passed on; the wrapped layers do not
 * see it (each step is one example to them). The parameters are the wrapped layers', in order.
 */
public final class TimeDistributed implements Layer {

    private final List<Layer> layers;
    private int[] inputShape;   // (T, S…) as built

    // caches of the last forward
    private int batch;
    private int steps;

    /** Wraps {@code layers}, applied in order to each step. */
    public TimeDistributed(Layer... layers) {
        this(List.of(layers));
    }

    public TimeDistributed(List<Layer> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("TimeDistributed: give at least one layer to apply to every step");
        }
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i) == null) {
                throw new IllegalArgumentException("TimeDistributed: layer " + i + " is null");
            }
        }
        this.layers = List.copyOf(layers);
    }

    /** The wrapped layers, in the order they run. */
    public List<Layer> layers() {
        return layers;
    }

    @Override
    public String type() {
        return "time_distributed";
    }

    @Override
    public int[] build(int[] shape, BuildContext context) {
        if (shape.length < 2) {
            throw new IllegalArgumentException("TimeDistributed: expected input of shape (batch, time, …) but found "
                    + Shape.withBatch(shape) + " — there is no time axis to distribute over; use the wrapped layer directly");
        }
        if (inputShape != null && !Shape.fits(Checks.freeTime(inputShape), shape)) {
            throw new IllegalArgumentException("TimeDistributed was built for input " + Shape.withBatch(inputShape)
                    + " but is now called on " + Shape.withBatch(shape));
        }
        int[] step = java.util.Arrays.copyOfRange(shape, 1, shape.length);
        for (Layer layer : layers) {
            step = layer.build(step, context);
        }
        if (inputShape == null) {
            inputShape = shape.clone();
        }
        int[] out = new int[step.length + 1];
        out[0] = shape[0];
        System.arraycopy(step, 0, out, 1, step.length);
        return out;
    }

    @Override
    public TimeDistributed replica() {
        List<Layer> copies = new ArrayList<>(layers.size());
        for (Layer layer : layers) {
            copies.add(layer.replica());
        }
        TimeDistributed r = new TimeDistributed(copies);
        r.inputShape = inputShape;
        return r;
    }

    @Override
    public Tensor forward(Tensor x, Tensor mask, Mode mode) {
        Checks.inputShape("TimeDistributed", Checks.freeTime(inputShape), x.shape());
        int[] shape = x.shape();
        batch = shape[0];
        steps = shape[1];
        Tensor h = x.reshape(fold(shape));
        Tensor m = null;
        for (int k = 0; k < layers.size(); k++) {
            Layer layer = layers.get(k);
            // each wrapped layer its own dropout seed, as Graph gives each op
            Tensor next = layer.forward(h, m, mode.training() ? Mode.training(mode.seed() * 31 + k) : mode);
            m = layer.outputMask(m);
            h = next;
        }
        return h.reshape(unfold(h.shape()));
    }

    @Override
    public Tensor backward(Tensor dOutput) {
        Tensor d = dOutput.reshape(fold(dOutput.shape()));
        for (int i = layers.size() - 1; i >= 0 && d != null; i--) {
            d = layers.get(i).backward(d);
        }
        return d == null ? null : d.reshape(unfold(d.shape()));
    }

    /** (B, T, S…) → (B·T, S…). */
    private static int[] fold(int[] shape) {
        int[] out = new int[shape.length - 1];
        out[0] = shape[0] * shape[1];
        System.arraycopy(shape, 2, out, 1, shape.length - 2);
        return out;
    }

    /** (B·T, S'…) → (B, T, S'…) with the B and T of the last forward. */
    private int[] unfold(int[] shape) {
        int[] out = new int[shape.length + 1];
        out[0] = batch;
        out[1] = steps;
        System.arraycopy(shape, 1, out, 2, shape.length - 1);
        return out;
    }

    @Override
    public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>();
        for (Layer layer : layers) {
            all.addAll(layer.parameters());
        }
        return all;
    }

    /** {@code layers} = count, then each wrapped layer's type and options under {@code layer.<k>.}. */
    @Override
    public Map<String, String> config() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("layers", Integer.toString(layers.size()));
        for (int k = 0; k < layers.size(); k++) {
            String prefix = "layer." + k + ".";
            c.put(prefix + "type", layers.get(k).type());
            layers.get(k).config().forEach((key, value) -> c.put(prefix + key, value));
        }
        return c;
    }
}
