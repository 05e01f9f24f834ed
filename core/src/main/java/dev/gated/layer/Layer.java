package dev.gated.layer;

import dev.gated.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * One stage of a model. A layer is built once for an input shape, then called forward and backward
 * repeatedly; between a {@code forward} and its {@code backward} it keeps what the backward pass needs.
 *
 * <p>Shapes exclude the batch axis: an LSTM on windows of 10 steps of 1 feature has input shape [10, 1].
 * The time axis may be {@link dev.gated.tensor.Shape#ANY}; every built-in layer accepts any T ≥ 1 per call
 * whatever T it was built for. A mask, where present, is a (B, T) tensor of 1 (valid step) and 0 (padding);
 * layers that keep the time axis pass it on, layers that drop it return null from {@link #outputMask}.
 *
 * <p><b>Graph form.</b> In a graph model ({@code Model.of}) a layer may take several inputs and give several
 * outputs: a recurrent layer takes (x, initial h, initial c) and, with {@code returnState}, gives (y, final
 * h, final c); {@code Concatenate}, {@code Add} and {@code Attention} take two or more. The {@code …All}
 * methods are that form; for one-input, one-output layers their defaults delegate to the plain methods.
 *
 * <p><b>Threads.</b> A layer object holds the caches of its last call, so one object serves one thread
 * at a time. {@link #replica()} gives another object with the same configuration and the <em>same</em>
 * weights (shared {@link Parameter}s, not copies) but its own caches: how models predict from many threads
 * and how a graph calls one layer at several places (shared layers).
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

    /** The options this layer was created with, as text: enough to create it again ({@code dev.gated.io.LayerFactory}). */
    Map<String, String> config();

    /**
     * A built layer of the same configuration sharing this layer's weights (the same {@link Parameter}
     * objects, so gradients of both add up in one place) with caches of its own. Layers written outside
     * Gated that do not override this cannot be shared in a graph, and models holding them predict from one
     * thread at a time.
     */
    default Layer replica() {
        throw new UnsupportedOperationException(type() + " does not implement replica(): it cannot be shared "
                + "between places in a graph or threads; override Layer.replica() to allow it");
    }

    /** Calls this layer on graph nodes (Keras's {@code layer(x)}) and returns its main output. */
    default Node on(Node... inputs) {
        return Node.call(this, inputs)[0];
    }

    /** Calls this layer on graph nodes and returns all its outputs, e.g. (y, h_T, c_T) of an LSTM with returnState. */
    default Node[] onAll(Node... inputs) {
        return Node.call(this, inputs);
    }

    /** How many outputs a call on {@code inputCount} inputs gives (1 for most layers). */
    default int outputCount(int inputCount) {
        return 1;
    }

    /**
     * Graph form of {@link #build}: one output shape per output. Called once per place the layer is used in
     * a graph: the first call creates the weights, later ones (a shared layer, or another model made from the
     * same nodes) only check the shapes and must not create new weights.
     */
    default List<int[]> buildAll(List<int[]> inputShapes, BuildContext context) {
        requireInputs(inputShapes.size(), 1);
        return List.of(build(inputShapes.get(0), context));
    }

    /** Graph form of {@link #forward}: masks has one entry (possibly null) per input. */
    default Tensor[] forwardAll(Tensor[] inputs, Tensor[] masks, Mode mode) {
        return new Tensor[] {forward(inputs[0], masks[0], mode)};
    }

    /** Graph form of {@link #backward}: one gradient per output in, one per input out (null: not differentiable). */
    default Tensor[] backwardAll(Tensor[] dOutputs) {
        return new Tensor[] {backward(dOutputs[0])};
    }

    /** Graph form of {@link #outputMask}: one mask (or null) per output. */
    default Tensor[] outputMasks(Tensor[] inputMasks) {
        return new Tensor[] {outputMask(inputMasks[0])};
    }

    /** Throws a teaching error unless {@code given} inputs is what this layer takes. */
    default void requireInputs(int given, int expected) {
        if (given != expected) {
            throw new IllegalArgumentException(type() + " takes " + expected + " input" + (expected == 1 ? "" : "s")
                    + " but is called on " + given);
        }
    }
}
