package dev.gated.interop.layer;

import dev.gated.io.LayerFactory;
import dev.gated.layer.Activation;
import dev.gated.layer.BuildContext;
import dev.gated.layer.Layer;
import dev.gated.layer.Mode;
import dev.gated.layer.Parameter;
import dev.gated.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keras's {@code Activation(name)} layer: y = f(x) elementwise (softmax over the last axis), with f one of
 * {@link Activation}'s. The mask passes through unchanged.
 *
 * <pre>
 * x (B, …, F) → y (B, …, F)          ∂L/∂x = f'(x) ⊙ ∂L/∂y   (from y, as Activation.backward computes it)
 * </pre>
 * Saved in model files as {@code activation}; {@link #register()} lets {@code ModelFile} load it.
 */
public final class ActivationLayer implements Layer {

    private final Activation activation;
    private Tensor y; // last output

    public ActivationLayer(Activation activation) {
        this.activation = activation;
    }

    /** Makes {@code activation} layers loadable from Gated model files. Idempotent. */
    public static void register() {
        LayerFactory.register("activation", config -> new ActivationLayer(Activation.parse(config.getOrDefault("activation", "linear"))));
    }

    public Activation activation() {
        return activation;
    }

    @Override
    public String type() {
        return "activation";
    }

    @Override
    public int[] build(int[] inputShape, BuildContext context) {
        if (inputShape.length < 1) {
            throw new IllegalArgumentException("activation: expected an input with a feature axis");
        }
        return inputShape.clone();
    }

    @Override
    public ActivationLayer replica() {
        return new ActivationLayer(activation);
    }

    @Override
    public Tensor forward(Tensor x, Tensor mask, Mode mode) {
        int width = x.dim(x.rank() - 1);
        y = x.copy();
        activation.forward(y, x.size() / width, width);
        return y;
    }

    @Override
    public Tensor backward(Tensor dOutput) {
        Tensor dx = dOutput.copy();
        int width = y.dim(y.rank() - 1);
        activation.backward(y, dx, y.size() / width, width);
        return dx;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public Map<String, String> config() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("activation", activation.label());
        return c;
    }
}
