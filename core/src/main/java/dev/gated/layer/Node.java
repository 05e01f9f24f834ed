package dev.gated.layer;

import dev.gated.tensor.Shape;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A symbolic tensor in a graph model: a model input, or one output of a layer called on other nodes
 * (Keras's {@code KerasTensor}). Nodes record the wiring only; weights are created and shapes checked when
 * a model is made of them ({@code Model.of(inputs, outputs)}).
 *
 * <pre>{@code
 * Node tokens = Node.input("tokens", Shape.anyLength(20));          // (batch, any T, 20)
 * Node[] encoded = Recurrent.lstm(64).returnState(true).onAll(tokens); // y, h_T, c_T
 * Node y = new Dense(1).on(encoded[0]);
 * }</pre>
 * The shape of a node excludes the batch axis and is known once a model containing it is built.
 */
public final class Node {

    private static final AtomicLong CREATED = new AtomicLong();

    private final long order;
    private final String name;
    private final Call call;       // null for a model input
    private final int outputIndex;
    private int[] shape;           // declared for inputs; set by the first model build for layer outputs

    private Node(String name, Call call, int outputIndex, int[] shape) {
        this.order = CREATED.getAndIncrement();
        this.name = name;
        this.call = call;
        this.outputIndex = outputIndex;
        this.shape = shape;
    }

    /**
     * A model input named {@code name} for examples of {@code shape} (no batch axis; {@link Shape#ANY} for a
     * free time axis, e.g. {@code Shape.anyLength(features)}).
     */
    public static Node input(String name, int... shape) {
        for (int d : shape) {
            if (d < 1 && d != Shape.ANY) {
                throw new IllegalArgumentException("input \"" + name + "\": dimensions must be ≥ 1 or Shape.ANY but the shape is ("
                        + Shape.describe(shape) + ")");
            }
        }
        return new Node(name, null, 0, shape.clone());
    }

    /** One call of a layer on nodes: its outputs. Used by {@link Layer#on} and {@link Layer#onAll}. */
    static Node[] call(Layer layer, Node... inputs) {
        if (inputs.length == 0) {
            throw new IllegalArgumentException(layer.type() + ": call it on at least one node");
        }
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i] == null) {
                throw new IllegalArgumentException(layer.type() + ": input " + i + " is null");
            }
        }
        Call call = new Call(layer, List.of(inputs));
        int count = layer.outputCount(inputs.length);
        Node[] outputs = new Node[count];
        for (int i = 0; i < count; i++) {
            outputs[i] = new Node(layer.type() + "#" + i, call, i, null);
        }
        call.outputs = List.of(outputs);
        return outputs;
    }

    /** The wiring of one layer call. */
    public static final class Call {
        private final Layer layer;
        private final List<Node> inputs;
        private List<Node> outputs;
        private final long order;

        private Call(Layer layer, List<Node> inputs) {
            this.layer = layer;
            this.inputs = inputs;
            this.order = CREATED.getAndIncrement();
        }

        public Layer layer() {
            return layer;
        }

        public List<Node> inputs() {
            return inputs;
        }

        public List<Node> outputs() {
            return outputs;
        }

        /** Creation order: a call comes after every node it reads, so sorting by it is a topological order. */
        public long order() {
            return order;
        }
    }

    public boolean isInput() {
        return call == null;
    }

    /** The call that produced this node; null for an input. */
    public Call call() {
        return call;
    }

    /** Which of its call's outputs this node is (0 = the main output; 1, 2 = h_T, c_T of a recurrent layer). */
    public int outputIndex() {
        return outputIndex;
    }

    public String name() {
        return name;
    }

    /** Creation order across all nodes and calls. */
    public long order() {
        return order;
    }

    /** Shape without the batch axis; null for a layer output not yet part of a built model. */
    public int[] shape() {
        return shape == null ? null : shape.clone();
    }

    /** Records the shape a model build found (layer outputs only). */
    public void inferShape(int[] value) {
        if (call == null) {
            throw new IllegalStateException("the shape of input \"" + name + "\" is declared, not inferred");
        }
        shape = value.clone();
    }

    @Override
    public String toString() {
        return "Node[" + name + (shape == null ? "" : " " + Shape.withBatch(shape)) + "]";
    }
}
