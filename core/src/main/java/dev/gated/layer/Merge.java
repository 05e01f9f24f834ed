package dev.gated.layer;

import dev.gated.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A layer that combines two or more inputs into one output ({@link Concatenate}, {@link Add}): it has no
 * weights, passes the first input's mask on, and exists only in graph models, so its one-input forms refuse
 * with a message that says where to use it.
 */
public abstract class Merge implements Layer {

    /** "joins", "sums": what the layer does, for messages. */
    protected abstract String verb();

    private IllegalStateException graphOnly() {
        return new IllegalStateException(type() + " " + verb() + " two or more inputs: call it on several nodes in a graph model (Model.of)");
    }

    /** Checks that the graph calls this layer on at least two inputs. */
    protected void requireSeveral(List<int[]> inputShapes) {
        if (inputShapes.size() < 2) {
            throw new IllegalArgumentException(type() + " " + verb() + " two or more inputs but is called on " + inputShapes.size());
        }
    }

    @Override
    public final int[] build(int[] inputShape, BuildContext context) {
        throw new IllegalArgumentException(graphOnly().getMessage());
    }

    @Override
    public final Tensor forward(Tensor x, Tensor mask, Mode mode) {
        throw graphOnly();
    }

    @Override
    public final Tensor backward(Tensor dOutput) {
        throw graphOnly();
    }

    @Override
    public Tensor[] outputMasks(Tensor[] inputMasks) {
        return new Tensor[] {inputMasks[0]};
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public Map<String, String> config() {
        return new LinkedHashMap<>();
    }
}
