package dev.gated.layer;

import dev.gated.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * One stage of a model. A layer is built once for an input shape, then called forward and backward
 * repeatedly; between a {@code forward} and its {@code backward} it keeps what the backward pass needs.
 *
 * <p>Shapes exclude the batch axis: an LSTM on windows of 10 steps of 1 feature has input shape [10, 1].
 * A mask, where present, is a (B, T) tensor of 1 (valid step) and 0 (padding); layers that keep the time
 * axis pass it on, layers that drop it return null from {@link #outputMask}.
 */
public interface Layer {

    /** The layer's type as written in model files and summaries, e.g. {@code lstm}, {@code dense}. */
    String type();

    /** Creates the weights for inputs of {@code inputShape} and returns the output shape. */
    int[] build(int[] inputShape, BuildContext context);

    /** Runs the layer on a batch {@code x} (B, ...); {@code mask} (B, T) or null. */
    Tensor forward(Tensor x, Tensor mask, Mode mode);

    /**
     * Given ∂loss/∂output of the last {@code forward}, adds ∂loss/∂weights to the parameters' gradients
     * and returns ∂loss/∂input (null for layers whose input is not differentiable, e.g. token indices).
     */
    Tensor backward(Tensor dOutput);

    /** Trainable weights, in a fixed order. Empty for layers without weights. */
    List<Parameter> parameters();

    /** The mask for the next layer, given this layer's input mask. */
    default Tensor outputMask(Tensor inputMask) {
        return inputMask;
    }

    /** The options this layer was created with, as text: enough to create it again ({@link LayerFactory}). */
    Map<String, String> config();
}
