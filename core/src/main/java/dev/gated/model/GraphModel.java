package dev.gated.model;

import dev.gated.layer.BuildContext;
import dev.gated.layer.Layer;
import dev.gated.layer.Node;
import dev.gated.tensor.Precision;
import dev.gated.tensor.Shape;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A model made of layer calls on {@link Node}s, from its input nodes to its output nodes: several inputs
 * and outputs, shared layers (one layer called at several places: one set of weights), a recurrent layer's
 * final state wired into another's initial state, merges ({@code Concatenate}, {@code Add}), attention.
 * Made by {@link Model#of(List, List)}; see {@link Model} for the seq2seq example.
 *
 * <p>Building visits the calls in the order they were made (which is an order where every call follows
 * those it reads from), builds each layer on its first call and checks the shapes of later calls; a
 * layer's later calls run on {@link Layer#replica()}s, so each call keeps its own caches for BPTT while the
 * weights, and their gradients, are one.
 */
public final class GraphModel extends Model {

    private final List<Node> inputs;
    private final List<Node> outputs;
    private final List<Node.Call> calls;
    private final List<Layer> layers;

    GraphModel(List<Node> inputs, List<Node> outputs) {
        if (inputs.isEmpty() || outputs.isEmpty()) {
            throw new IllegalArgumentException("a graph model needs at least one input and one output node");
        }
        for (Node in : inputs) {
            if (!in.isInput()) {
                throw new IllegalArgumentException("model inputs must be nodes made by Node.input(...), but " + in
                        + " is the output of a " + in.call().layer().type() + " layer");
            }
        }
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        this.calls = reachableCalls(this.inputs, this.outputs);
        List<Layer> distinct = new ArrayList<>();
        Map<Layer, Boolean> seen = new IdentityHashMap<>();
        for (Node.Call call : calls) {
            if (seen.put(call.layer(), Boolean.TRUE) == null) {
                distinct.add(call.layer());
            }
        }
        this.layers = Collections.unmodifiableList(distinct);
    }

    /** The calls the outputs depend on, in creation order; every node they read must come from the inputs. */
    private static List<Node.Call> reachableCalls(List<Node> inputs, List<Node> outputs) {
        Set<Node> inputSet = Collections.newSetFromMap(new IdentityHashMap<>());
        inputSet.addAll(inputs);
        Set<Node.Call> found = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Node> stack = new ArrayList<>(outputs);
        while (!stack.isEmpty()) {
            Node n = stack.remove(stack.size() - 1);
            if (inputSet.contains(n)) {
                continue;
            }
            if (n.isInput()) {
                throw new IllegalArgumentException("the outputs depend on input \"" + n.name()
                        + "\", which is not among the model's inputs — add it to Model.of(inputs, …)");
            }
            if (found.add(n.call())) {
                stack.addAll(n.call().inputs());
            }
        }
        List<Node.Call> ordered = new ArrayList<>(found);
        ordered.sort(Comparator.comparingLong(Node.Call::order));
        return ordered;
    }

    public GraphModel seed(long value) {
        requireUnbuilt("set the seed");
        seed = value;
        return this;
    }

    public GraphModel precision(Precision value) {
        requireUnbuilt("set the precision");
        precision = value;
        return this;
    }

    @Override
    public GraphModel build() {
        super.build();
        return this;
    }

    @Override
    Graph createGraph(BuildContext context) {
        Map<Node, Integer> index = new IdentityHashMap<>();
        for (Node in : inputs) {
            index.put(in, index.size());
        }
        Map<Layer, Integer> layerIndex = new IdentityHashMap<>();
        for (Layer layer : layers) {
            layerIndex.put(layer, layerIndex.size());
        }
        Set<Layer> used = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Graph.Op> ops = new ArrayList<>();
        for (Node.Call call : calls) {
            List<int[]> inShapes = new ArrayList<>();
            int[] in = new int[call.inputs().size()];
            for (int j = 0; j < in.length; j++) {
                Node node = call.inputs().get(j);
                in[j] = index.get(node);
                inShapes.add(node.shape());
            }
            Layer layer = call.layer();
            List<int[]> outShapes;
            try {
                outShapes = layer.buildAll(inShapes, context);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(describe(call) + ": " + e.getMessage(), e);
            }
            int[] out = new int[call.outputs().size()];
            for (int j = 0; j < out.length; j++) {
                Node node = call.outputs().get(j);
                node.inferShape(outShapes.get(j));
                out[j] = index.size();
                index.put(node, out[j]);
            }
            Layer runner = used.add(layer) ? layer : layer.replica();
            ops.add(new Graph.Op(runner, in, out, layerIndex.get(layer)));
        }
        int[] outIdx = new int[outputs.size()];
        for (int k = 0; k < outIdx.length; k++) {
            outIdx[k] = index.get(outputs.get(k));
        }
        int[] inIdx = new int[inputs.size()];
        for (int k = 0; k < inIdx.length; k++) {
            inIdx[k] = k;
        }
        return new Graph(index.size(), inIdx, outIdx, ops);
    }

    /** "layer 3 (lstm) called on [encoder: lstm#1 (None, 64), …]": names a call and where its inputs come from. */
    static String describe(Node.Call call) {
        StringBuilder sb = new StringBuilder(call.layer().type() + " called on [");
        for (int j = 0; j < call.inputs().size(); j++) {
            Node n = call.inputs().get(j);
            sb.append(j == 0 ? "" : ", ").append(n.isInput() ? "input \"" + n.name() + "\"" : n.call().layer().type() + " output " + n.outputIndex());
            if (n.shape() != null) {
                sb.append(' ').append(Shape.withBatch(n.shape()));
            }
        }
        return sb.append(']').toString();
    }

    public List<Node> inputs() {
        return inputs;
    }

    public List<Node> outputs() {
        return outputs;
    }

    /** The layer calls in execution order (a shared layer appears once per call). */
    public List<Node.Call> calls() {
        return calls;
    }

    @Override
    public List<Layer> layers() {
        return layers;
    }

    @Override
    public List<int[]> inputShapes() {
        List<int[]> shapes = new ArrayList<>();
        for (Node in : inputs) {
            shapes.add(in.shape());
        }
        return shapes;
    }

    @Override
    public List<int[]> modelOutputShapes() {
        build();
        List<int[]> shapes = new ArrayList<>();
        for (Node out : outputs) {
            shapes.add(out.shape());
        }
        return shapes;
    }

    @Override
    public String summary() {
        return Summary.of(this);
    }

    /** Node names for files and summaries: inputs by name, layer outputs as "layerIndex:outputIndex#callNumber". */
    Map<Node, String> nodeLabels() {
        Map<Node, String> labels = new IdentityHashMap<>();
        for (Node in : inputs) {
            labels.put(in, in.name());
        }
        Map<Layer, Integer> counts = new HashMap<>();
        for (Node.Call call : calls) {
            int layer = layers.indexOf(call.layer());
            int n = counts.merge(call.layer(), 1, Integer::sum) - 1;
            for (Node out : call.outputs()) {
                labels.put(out, layer + "." + n + "." + out.outputIndex());
            }
        }
        return labels;
    }
}
