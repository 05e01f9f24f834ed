package dev.gated.model;

import dev.gated.layer.Layer;
import dev.gated.layer.Mode;
import dev.gated.layer.recurrent.Bidirectional;
import dev.gated.layer.recurrent.Recurrent;
import dev.gated.layer.recurrent.RecurrentState;
import dev.gated.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * The executable form of a model: nodes numbered 0 … N−1, the model inputs among them, and layer calls
 * ({@link Op}s) in an order where every call comes after the calls that produce its inputs. {@code Sequential}
 * is the chain node 0 → layer 0 → node 1 → … ; a graph model ({@code Model.of}) any such order.
 *
 * <pre>
 * forward:   value[input_k] = x_k;  for each op in order: value[op.out] = op.layer(value[op.in])
 * backward:  grad[output_k] = ∂L/∂y_k;  for each op in reverse: grad[op.in] += op.layer.backward(grad[op.out])
 *            (a node read by several ops — fan-out, shared layers — sums the gradients reaching it)
 * </pre>
 * A graph holds the values of its last call, so one graph serves one thread at a time; {@link #replicate()}
 * gives another over layer replicas that share the weights. With a {@link StreamState}, every recurrent layer
 * without wired initial-state inputs starts from the state's tensors and writes its final state back.
 */
final class Graph {

    /**
     * One layer call: {@code layer} reads nodes {@code in} and writes nodes {@code out}. {@code layerIndex}
     * names the model layer (shared layers: several ops, one layer index; later ops hold replicas).
     */
    record Op(Layer layer, int[] in, int[] out, int layerIndex) {
    }

    /** The model's outputs and their masks after a forward pass. */
    record Outputs(Tensor[] values, Tensor[] masks) {
    }

    private final int nodeCount;
    private final int[] inputNodes;
    private final int[] outputNodes;
    private final List<Op> ops;
    private Tensor[] values;
    private Tensor[] masks;

    Graph(int nodeCount, int[] inputNodes, int[] outputNodes, List<Op> ops) {
        this.nodeCount = nodeCount;
        this.inputNodes = inputNodes.clone();
        this.outputNodes = outputNodes.clone();
        this.ops = List.copyOf(ops);
    }

    List<Op> ops() {
        return ops;
    }

    int inputCount() {
        return inputNodes.length;
    }

    int outputCount() {
        return outputNodes.length;
    }

    /** The same wiring over {@link Layer#replica()}s: shares the weights, not the caches. */
    Graph replicate() {
        List<Op> copies = new ArrayList<>(ops.size());
        for (Op op : ops) {
            copies.add(new Op(op.layer().replica(), op.in(), op.out(), op.layerIndex()));
        }
        return new Graph(nodeCount, inputNodes, outputNodes, copies);
    }

    /**
     * Runs every op in order. In training mode each op gets its own dropout seed, derived from the batch's
     * seed and the op's position. {@code state} may be null (every sequence starts from zeros).
     */
    Outputs forward(Tensor[] inputs, Tensor[] inputMasks, Mode mode, StreamState state) {
        values = new Tensor[nodeCount];
        masks = new Tensor[nodeCount];
        for (int k = 0; k < inputNodes.length; k++) {
            values[inputNodes[k]] = inputs[k];
            masks[inputNodes[k]] = inputMasks == null ? null : inputMasks[k];
        }
        for (int i = 0; i < ops.size(); i++) {
            Op op = ops.get(i);
            Mode opMode = mode.training() ? Mode.training(mode.seed() * 31 + i) : mode;
            Tensor[] in = gather(values, op.in());
            Tensor[] inMasks = gather(masks, op.in());
            Tensor[] out = state == null ? op.layer().forwardAll(in, inMasks, opMode)
                    : carriesState(op, i, state) ? forwardWithState((Recurrent) op.layer(), in[0], inMasks[0], i, state, opMode)
                    : forwardStreaming(op, i, in, inMasks, opMode, state);
            Tensor[] outMasks = op.layer().outputMasks(inMasks);
            for (int j = 0; j < op.out().length; j++) {
                values[op.out()[j]] = out[j];
                masks[op.out()[j]] = outMasks[j];
            }
        }
        return new Outputs(gather(values, outputNodes), gather(masks, outputNodes));
    }

    private static boolean carriesState(Op op, int index, StreamState state) {
        if (op.layer() instanceof Bidirectional) {
            throw new IllegalStateException("layer " + (op.layerIndex() + 1) + " (bidirectional) reads each sequence from both ends, "
                    + "so it cannot carry state from one chunk to the next: stream or train in chunks a model without it");
        }
        return op.layer() instanceof Recurrent && op.in().length == 1 && state.hasSlot(index);
    }

    /** Attention and positions in a stream: the key/value cache and the step counter carried by the state. */
    private static Tensor[] forwardStreaming(Op op, int index, Tensor[] in, Tensor[] inMasks, Mode mode, StreamState state) {
        dev.gated.layer.AttentionCache cache = state.cache(index);
        int position = state.position(index);
        if ((cache != null || position >= 0) && mode.training()) {
            throw new IllegalStateException("layer " + (op.layerIndex() + 1) + " (" + op.layer().type() + ") keeps a stream "
                    + "state for inference only; train attention models on whole sequences, without a stream state");
        }
        if (cache != null) {
            return ((dev.gated.layer.MultiHeadAttention) op.layer()).forwardCached(in[0], inMasks[0], cache);
        }
        if (position >= 0) {
            Tensor out = ((dev.gated.layer.PositionalEncoding) op.layer()).forwardFrom(in[0], position);
            state.advancePosition(index, in[0].dim(1));
            return new Tensor[] {out};
        }
        return op.layer().forwardAll(in, inMasks, mode);
    }

    private static Tensor[] forwardWithState(Recurrent layer, Tensor x, Tensor mask, int index, StreamState state,
                                             Mode mode) {
        Tensor[] initial = state.slot(index);
        RecurrentState r = layer.call(x, mask, initial[0], initial.length > 1 ? initial[1] : null, mode);
        state.update(index, r.finalHidden(), r.finalCell());
        if (!layer.returnsState()) {
            return new Tensor[] {r.output()};
        }
        return r.finalCell() == null ? new Tensor[] {r.output(), r.finalHidden()}
                : new Tensor[] {r.output(), r.finalHidden(), r.finalCell()};
    }

    /**
     * Backpropagates {@code dOutputs} (one per model output; null for an output without loss) through the
     * last forward pass, adding to every parameter's gradient. Returns ∂L/∂input per model input (null for an
     * input that is not differentiable, such as token indices, or that no gradient reaches).
     */
    Tensor[] backward(Tensor[] dOutputs) {
        Tensor[] grads = new Tensor[nodeCount];
        boolean[] owned = new boolean[nodeCount];
        for (int k = 0; k < outputNodes.length; k++) {
            if (dOutputs[k] != null) {
                accumulate(grads, owned, outputNodes[k], dOutputs[k]);
            }
        }
        for (int i = ops.size() - 1; i >= 0; i--) {
            Op op = ops.get(i);
            if (!anyGradient(grads, op.out())) {
                continue;   // nothing downstream of this call reaches the loss
            }
            Tensor[] dOut = new Tensor[op.out().length];
            for (int j = 0; j < dOut.length; j++) {
                Tensor g = grads[op.out()[j]];
                dOut[j] = g != null ? g : values[op.out()[j]].zerosLike();
            }
            Tensor[] dIn = op.layer().backwardAll(dOut);
            for (int j = 0; j < op.in().length && j < dIn.length; j++) {
                if (dIn[j] != null) {
                    accumulate(grads, owned, op.in()[j], dIn[j]);
                }
            }
        }
        return gather(grads, inputNodes);
    }

    private static boolean anyGradient(Tensor[] grads, int[] nodes) {
        for (int n : nodes) {
            if (grads[n] != null) {
                return true;
            }
        }
        return false;
    }

    /** grads[node] += g; the first gradient is kept by reference, a second one is added into a private copy. */
    private static void accumulate(Tensor[] grads, boolean[] owned, int node, Tensor g) {
        if (grads[node] == null) {
            grads[node] = g;
            return;
        }
        if (!owned[node]) {
            grads[node] = grads[node].copy();
            owned[node] = true;
        }
        Tensor sum = grads[node];
        for (int i = 0; i < sum.size(); i++) {
            sum.add(i, g.get(i));
        }
    }

    private static Tensor[] gather(Tensor[] from, int[] nodes) {
        Tensor[] out = new Tensor[nodes.length];
        for (int i = 0; i < nodes.length; i++) {
            out[i] = from[nodes[i]];
        }
        return out;
    }
}
