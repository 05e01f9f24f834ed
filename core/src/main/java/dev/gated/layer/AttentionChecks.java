package dev.gated.layer;

import dev.gated.tensor.Shape;
import dev.gated.tensor.Tensor;
import java.util.List;

/**
 * The input checks shared by the attention layers ({@link Attention}, {@link MultiHeadAttention}): how many inputs,
 * their (batch, time, features) form, one key step per value step, and masks that fit. Messages name the layer.
 */
final class AttentionChecks {

    private static final String[] NAMES = {"query", "value", "key"};

    private AttentionChecks() {
    }

    /** At build: (query, value[, key]) shapes without the batch axis, each (time, features), key and value of one length. */
    static void buildShapes(String layer, String call, List<int[]> shapes) {
        if (shapes.size() != 2 && shapes.size() != 3) {
            throw new IllegalArgumentException(layer + " takes (query, value) or (query, value, key) but is called on "
                    + shapes.size() + " input" + (shapes.size() == 1 ? "" : "s")
                    + (shapes.size() == 1 ? " — for self-attention call it on the same node twice: " + call + ".on(x, x)" : ""));
        }
        for (int n = 0; n < shapes.size(); n++) {
            if (shapes.get(n).length != 2 || shapes.get(n)[1] == Shape.ANY) {
                throw new IllegalArgumentException(layer + ": the " + NAMES[n] + " must have shape (batch, time, features) but has "
                        + Shape.withBatch(shapes.get(n)));
            }
        }
        int[] value = shapes.get(1);
        int[] key = shapes.size() == 3 ? shapes.get(2) : value;
        if (key[0] != Shape.ANY && value[0] != Shape.ANY && key[0] != value[0]) {
            throw new IllegalArgumentException(layer + ": the key has shape " + Shape.withBatch(key) + " but the value has "
                    + Shape.withBatch(value) + " — key and value need one step per value step");
        }
    }

    /** Per call: every input (batch, time, features), one batch, and key and value of the same length. */
    static void callShapes(String layer, Tensor query, Tensor value, Tensor key, boolean keyGiven) {
        Tensor[] all = {query, value, key};
        for (int n = 0; n < 3; n++) {
            if (all[n].rank() != 3) {
                throw new IllegalArgumentException(layer + ": the " + NAMES[n] + " must be (batch, time, features) but has shape "
                        + all[n].shapeString());
            }
        }
        if (value.dim(0) != query.dim(0) || key.dim(0) != query.dim(0) || key.dim(1) != value.dim(1)) {
            throw new IllegalArgumentException(layer + ": the query has shape " + query.shapeString() + ", the value "
                    + value.shapeString() + (keyGiven ? ", the key " + key.shapeString() : "")
                    + " — the batch must agree, and key and value need the same number of steps");
        }
    }

    /** The (B, steps) mask of the input called {@code name} as an array, or null when there is none. */
    static double[] mask(String layer, Tensor mask, String name, int batch, int steps) {
        if (mask == null) {
            return null;
        }
        if (mask.rank() != 2 || mask.dim(0) != batch || mask.dim(1) != steps) {
            throw new IllegalArgumentException(layer + ": the " + name + " mask has shape " + mask.shapeString()
                    + " but the " + name + " has " + batch + " rows of " + steps + " steps — expected (" + batch + ", " + steps + ")");
        }
        return mask.toDoubleArray();
    }
}
