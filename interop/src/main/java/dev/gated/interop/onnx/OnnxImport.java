package dev.gated.interop.onnx;

import dev.gated.interop.ImportException;
import dev.gated.interop.layer.ActivationLayer;
import dev.gated.layer.Activation;
import dev.gated.layer.Add;
import dev.gated.layer.Concatenate;
import dev.gated.layer.Dense;
import dev.gated.layer.Embedding;
import dev.gated.layer.Layer;
import dev.gated.layer.Node;
import dev.gated.layer.recurrent.Bidirectional;
import dev.gated.layer.recurrent.Recurrent;
import dev.gated.model.GraphModel;
import dev.gated.model.Model;
import dev.gated.tensor.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import onnx.Onnx.AttributeProto;
import onnx.Onnx.GraphProto;
import onnx.Onnx.ModelProto;
import onnx.Onnx.NodeProto;
import onnx.Onnx.TensorProto;
import onnx.Onnx.ValueInfoProto;

/**
 * An ONNX model as a Gated graph model: the subset {@link OnnxExport} writes, and the recurrent operators as
 * other writers use them.
 *
 * <pre>{@code
 * Model model = OnnxImport.load(Path.of("model.onnx"));
 * }</pre>
 *
 * <pre>
 * LSTM, GRU (linear_before_reset 0 / 1), RNN    Recurrent (forward / reverse) or Bidirectional, activations
 *   Y consumed → return sequences; Y_h, Y_c consumed beside Y → return state; layout 0 and 1
 *   bidirectional merge read from what follows: Transpose + Reshape (concat), ReduceSum (sum), · 0.5 (average)
 *   sequence_lens: from Embedding tokens (mask_zero) or a graph input (then the mask given to predict)
 *   initial_h, initial_c: Unsqueeze of a (batch, H) value
 * MatMul [+ Add], Gemm [+ Relu | Tanh | Sigmoid | Softmax(axis −1)]   Dense
 * Gather(table, int64 ids)                       Embedding (mask_zero when the ids also feed a lengths computation)
 * Relu, Tanh, Sigmoid, Softmax(−1)               Activation layer;  Concat(−1) Concatenate;  Sum / Add Add
 * Transpose, Squeeze, Unsqueeze, Reshape, Identity, Cast, Equal, Not, ReduceSum   the glue around them
 * </pre>
 * Layout. Gated's values are batch-major: a sequence is (batch, time, features). A graph input read directly
 * by a recurrent operator with layout 0 is time-major in ONNX (T, B, I) and becomes a (B, T, I) input here; a
 * graph output that is such an operator's Y (T, 1, B, H) or Y_h (1, B, H) becomes (B, T, H) or (B, H).
 * Anything else is refused with one line naming the node, its op type and what is supported.
 */
public final class OnnxImport {

    static final String SUPPORTED = "imported are LSTM, GRU, RNN (with the Transpose/Squeeze/Reshape/ReduceSum "
            + "around them), MatMul, Add, Gemm, Gather, Relu, Tanh, Sigmoid, Softmax, Concat, Sum, Identity, Cast, "
            + "Equal, Not, Unsqueeze";

    /** The symbolic value an ONNX name stands for while the graph is read. */
    private sealed interface Value {
    }

    /** A constant: initializer or Constant node. */
    private record Const(TensorProto t) implements Value {
    }

    /** A Gated node (batch-major); timeMajor: the ONNX value is its (T, B, ·) transpose. */
    private record Act(Node node, boolean timeMajor) implements Value {
    }

    /** int64 token ids (batch, time) of a graph input. */
    private record Tokens(Node node) implements Value {
    }

    /** Sequence lengths: computed from token ids, or a graph input (tokens null). */
    private record Lengths(Tokens tokens) implements Value {
    }

    /** x·W (+ b) not yet made a Dense, so a following activation can join it. */
    private record PendingDense(Act x, float[] w, long[] wDims, float[] b) implements Value {
    }

    /** (B, H) value unsqueezed to (1, B, H): an initial state. */
    private record InitialState(Node node) implements Value {
    }

    /** Output k (0 Y, 1 Y_h, 2 Y_c) of a recurrent operator, with the layout steps applied so far. */
    private record RecurrentOut(Rec rec, int k, String steps) implements Value {
    }

    /** A recurrent operator whose Gated layer is made at the first use of one of its outputs. */
    private static final class Rec {
        OnnxRecurrentImport.Spec spec;
        Act x;
        boolean layout1;
        boolean sequences;
        boolean state;
        Node initialH;
        Node initialC;
        Node[] outputs;
        Layer layer;
    }

    private final String source;
    private final GraphProto graph;
    private final Map<String, Value> values = new HashMap<>();
    private final Map<String, List<NodeProto>> consumers = new HashMap<>();
    private final Set<String> graphOutputs = new HashSet<>();
    private final List<Node> inputs = new ArrayList<>();
    private final List<Runnable> weights = new ArrayList<>();

    private OnnxImport(String source, GraphProto graph) {
        this.source = source;
        this.graph = graph;
    }

    /** Reads {@code file} (an ONNX model) into a Gated model with its weights. */
    public static Model load(Path file) throws IOException {
        ModelProto proto;
        try {
            proto = ModelProto.parseFrom(Files.readAllBytes(file));
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new ImportException(file + ": not an ONNX model (protobuf ModelProto): " + e.getMessage());
        }
        return fromOnnx(proto, file.toString());
    }

    /** The Gated model of {@code proto}; {@code source} names it in errors. */
    public static Model fromOnnx(ModelProto proto, String source) throws ImportException {
        try {
            return new OnnxImport(source, proto.getGraph()).read();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ImportException(source + ": " + e.getMessage(), e);
        }
    }

    private Model read() {
        for (TensorProto t : graph.getInitializerList()) {
            values.put(t.getName(), new Const(t));
        }
        for (NodeProto n : graph.getNodeList()) {
            for (String in : n.getInputList()) {
                consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(n);
            }
        }
        for (ValueInfoProto out : graph.getOutputList()) {
            graphOutputs.add(out.getName());
        }
        for (ValueInfoProto in : graph.getInputList()) {
            if (!values.containsKey(in.getName())) {
                values.put(in.getName(), declareInput(in));
            }
        }
        for (NodeProto n : graph.getNodeList()) {
            read(n);
        }
        List<Node> outputs = new ArrayList<>();
        for (ValueInfoProto out : graph.getOutputList()) {
            outputs.add(node(out.getName(), "graph output"));
        }
        GraphModel model = Model.of(inputs, outputs);
        model.build();
        weights.forEach(Runnable::run);
        return model;
    }

    private Value declareInput(ValueInfoProto in) {
        List<Long> dims = new ArrayList<>();
        for (var d : in.getType().getTensorType().getShape().getDimList()) {
            dims.add(d.hasDimValue() ? d.getDimValue() : -1L);
        }
        int type = in.getType().getTensorType().getElemType();
        String at = "graph input \"" + in.getName() + "\"";
        if (type == TensorProto.DataType.INT32_VALUE && dims.size() == 1) {
            return new Lengths(null);
        }
        if (dims.isEmpty()) {
            throw new IllegalArgumentException(at + " declares no shape; Gated needs (batch, …) with known feature sizes");
        }
        boolean timeMajor = readByRecurrentLayout0(in.getName());
        int[] shape = new int[dims.size() - 1];
        for (int i = 0; i < shape.length; i++) {
            long d = timeMajor ? dims.get(i == 0 ? 0 : i + 1) : dims.get(i + 1);
            shape[i] = d < 0 || (i == 0 && shape.length == 2) ? Shape.ANY : (int) d;
        }
        if (type == TensorProto.DataType.INT64_VALUE || type == TensorProto.DataType.INT32_VALUE) {
            for (int i = 0; i < shape.length; i++) {
                shape[i] = Shape.ANY;
            }
            Node node = Node.input(in.getName(), shape);
            inputs.add(node);
            return new Tokens(node);
        }
        if (type != TensorProto.DataType.FLOAT_VALUE) {
            throw new IllegalArgumentException(at + " has element type " + TensorProto.DataType.forNumber(type)
                    + "; imported are float32 values, int64 token ids and int32 lengths");
        }
        Node node = Node.input(in.getName(), shape);
        inputs.add(node);
        return new Act(node, timeMajor);
    }

    private boolean readByRecurrentLayout0(String name) {
        for (NodeProto n : consumers.getOrDefault(name, List.of())) {
            if (isRecurrent(n.getOpType()) && n.getInput(0).equals(name) && intAttr(n, "layout", 0) == 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean isRecurrent(String op) {
        return op.equals("LSTM") || op.equals("GRU") || op.equals("RNN");
    }

    private String at(NodeProto n) {
        return "node \"" + (n.getName().isEmpty() ? n.getOutput(0) : n.getName()) + "\" (" + n.getOpType() + ")";
    }

    private Value value(String name, NodeProto n) {
        Value v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException(at(n) + ": input \"" + name + "\" is not produced by any node before it");
        }
        return v;
    }

    private void read(NodeProto n) {
        String op = n.getOpType();
        List<Value> in = new ArrayList<>();
        for (String name : n.getInputList()) {
            in.add(name.isEmpty() ? null : value(name, n));
        }
        switch (op) {
            case "Constant" -> values.put(n.getOutput(0), new Const(n.getAttribute(0).getT()));
            case "Identity", "Dropout" -> values.put(n.getOutput(0), in.get(0));
            case "LSTM", "GRU", "RNN" -> recurrent(n, in);
            case "Transpose" -> values.put(n.getOutput(0), transpose(n, in.get(0)));
            case "Squeeze" -> values.put(n.getOutput(0), squeeze(n, in.get(0)));
            case "Unsqueeze" -> values.put(n.getOutput(0), new InitialState(node(in.get(0), n)));
            case "Reshape" -> values.put(n.getOutput(0), reshape(n, in.get(0)));
            case "ReduceSum" -> values.put(n.getOutput(0), reduceSum(n, in.get(0)));
            case "Mul" -> values.put(n.getOutput(0), mul(n, in));
            case "Equal", "Not", "Cast" -> values.put(n.getOutput(0), lengthsStep(n, in));
            case "MatMul" -> values.put(n.getOutput(0), matMul(n, in));
            case "Add" -> values.put(n.getOutput(0), add(n, in));
            case "Gemm" -> values.put(n.getOutput(0), gemm(n, in));
            case "Gather" -> values.put(n.getOutput(0), gather(n, in));
            case "Relu", "Tanh", "Sigmoid", "Softmax" -> values.put(n.getOutput(0), activation(n, in.get(0)));
            case "Concat" -> values.put(n.getOutput(0), join(n, in, new Concatenate()));
            case "Sum" -> values.put(n.getOutput(0), join(n, in, new Add()));
            default -> throw new IllegalArgumentException(at(n) + ": op type " + op + " is not supported; " + SUPPORTED);
        }
    }

    // ---- recurrent operators -------------------------------------------------------------------------------

    private void recurrent(NodeProto n, List<Value> in) {
        String at = at(n);
        if (in.size() > 7 && in.get(7) != null) {
            throw new IllegalArgumentException(at + ": peephole weights (input P) are not supported; Gated's LSTM has none");
        }
        if (hasAttr(n, "clip")) {
            throw new IllegalArgumentException(at + ": clip is not supported; Gated's cells do not clip their pre-activations");
        }
        if (intAttr(n, "input_forget", 0) != 0) {
            throw new IllegalArgumentException(at + ": input_forget = 1 (coupled gates) is not supported");
        }
        Rec rec = new Rec();
        rec.layout1 = intAttr(n, "layout", 0) == 1;
        rec.x = asAct(in.get(0), n);
        if (rec.x.timeMajor() == rec.layout1) {
            throw new IllegalArgumentException(at + ": X is " + (rec.layout1 ? "time-major" : "batch-major")
                    + " but layout = " + (rec.layout1 ? 1 : 0) + " reads it the other way");
        }
        TensorProto w = constant(in.get(1), n, "W");
        TensorProto r = constant(in.get(2), n, "R");
        float[] b = in.size() > 3 && in.get(3) != null ? OnnxTensors.floats(constant(in.get(3), n, "B")) : null;
        if (in.size() > 4 && in.get(4) != null && !(in.get(4) instanceof Lengths)) {
            throw new IllegalArgumentException(at + ": sequence_lens is not a graph input or lengths of token ids");
        }
        rec.initialH = in.size() > 5 && in.get(5) != null ? initialState(in.get(5), n, "initial_h") : null;
        rec.initialC = in.size() > 6 && in.get(6) != null ? initialState(in.get(6), n, "initial_c") : null;
        rec.spec = OnnxRecurrentImport.spec(n.getOpType(), at, (int) intAttr(n, "hidden_size", -1),
                stringAttr(n, "direction", "forward"), intAttr(n, "linear_before_reset", 0), strings(n, "activations"),
                floats(n, "activation_alpha"), floats(n, "activation_beta"),
                OnnxTensors.floats(w), OnnxTensors.dims(w), OnnxTensors.floats(r), b);
        boolean[] used = new boolean[3];
        for (int k = 0; k < n.getOutputCount(); k++) {
            String name = n.getOutput(k);
            used[k] = !name.isEmpty() && (consumers.containsKey(name) || graphOutputs.contains(name));
            if (!name.isEmpty()) {
                values.put(name, new RecurrentOut(rec, k, ""));
            }
        }
        rec.sequences = used[0];
        rec.state = used[0] && used[1] || used[2];
        if (rec.spec.directions() == 2 && rec.state) {
            throw new IllegalArgumentException(at + ": a bidirectional operator whose final states are used beside its "
                    + "outputs is not imported; use Y or Y_h");
        }
        if ((rec.initialH != null || rec.initialC != null) && rec.spec.directions() == 2) {
            throw new IllegalArgumentException(at + ": initial states of a bidirectional operator are not imported");
        }
    }

    private Node initialState(Value v, NodeProto n, String what) {
        if (v instanceof InitialState s) {
            return s.node();
        }
        throw new IllegalArgumentException(at(n) + ": " + what + " must be a (batch, H) value unsqueezed at axis 0");
    }

    /** Makes the Gated layer of {@code rec} (once) and returns its output nodes. */
    private Node[] materialise(Rec rec, Bidirectional.Merge merge) {
        if (rec.outputs != null) {
            return rec.outputs;
        }
        OnnxRecurrentImport.Spec s = rec.spec;
        Recurrent layer = s.layer().returnSequences(rec.sequences).returnState(rec.state).goBackwards(s.reverse());
        List<Node> in = new ArrayList<>(List.of(rec.x.node()));
        if (rec.initialH != null) {
            in.add(rec.initialH);
        }
        if (rec.initialC != null) {
            in.add(rec.initialC);
        }
        if (s.directions() == 2) {
            Bidirectional bi = new Bidirectional(layer, merge == null ? Bidirectional.Merge.CONCAT : merge);
            rec.layer = bi;
            rec.outputs = bi.onAll(in.toArray(new Node[0]));
            weights.add(() -> {
                OnnxRecurrentImport.assign(s, 0, bi.forwardLayer().cell());
                OnnxRecurrentImport.assign(s, 1, bi.backwardLayer().cell());
            });
        } else {
            rec.layer = layer;
            rec.outputs = layer.onAll(in.toArray(new Node[0]));
            weights.add(() -> OnnxRecurrentImport.assign(s, 0, layer.cell()));
        }
        return rec.outputs;
    }

    /** The Gated node of output k for one direction (merge irrelevant). */
    private Node single(RecurrentOut o) {
        Node[] out = materialise(o.rec(), null);
        if (o.k() == 0 || !o.rec().state) {
            return out[0];
        }
        return out[o.k()];
    }

    private Value transpose(NodeProto n, Value v) {
        long[] perm = ints(n, "perm");
        String p = java.util.Arrays.toString(perm);
        if (v instanceof Act a && p.equals("[1, 0, 2]")) {
            return new Act(a.node(), !a.timeMajor());
        }
        if (v instanceof RecurrentOut o && o.steps().isEmpty()) {
            if (o.k() == 0 && p.equals("[2, 0, 1, 3]")) {
                return new RecurrentOut(o.rec(), 0, "batch-dirs");
            }
            if (o.k() == 1 && p.equals("[1, 0, 2]")) {
                return new RecurrentOut(o.rec(), 1, "batch-dirs");
            }
        }
        if (v instanceof RecurrentOut o && o.steps().equals("sum") && o.k() == 0 && p.equals("[1, 0, 2]")) {
            return new RecurrentOut(o.rec(), 0, "sum-batch");
        }
        throw new IllegalArgumentException(at(n) + ": Transpose with perm " + p + " of this value is not supported "
                + "(imported: [1, 0, 2] between time- and batch-major sequences, and the exporter's around LSTM/GRU/RNN)");
    }

    private Value squeeze(NodeProto n, Value v) {
        long axis = axes(n);
        if (v instanceof RecurrentOut o && o.rec().spec.directions() == 1 && o.steps().isEmpty()) {
            boolean layout1 = o.rec().layout1;
            if (o.k() == 0 && axis == (layout1 ? 2 : 1)) {
                return new Act(single(o), !layout1);
            }
            if (o.k() > 0 && axis == (layout1 ? 1 : 0)) {
                return new Act(single(o), false);
            }
        }
        throw new IllegalArgumentException(at(n) + ": Squeeze at axis " + axis + " of this value is not supported "
                + "(imported: the direction axis of a one-direction LSTM/GRU/RNN output)");
    }

    private Value reshape(NodeProto n, Value v) {
        if (v instanceof RecurrentOut o && o.steps().equals("batch-dirs")) {
            return new Act(materialise(o.rec(), Bidirectional.Merge.CONCAT)[0], false);
        }
        throw new IllegalArgumentException(at(n) + ": Reshape is imported only where it joins the two directions of a "
                + "bidirectional LSTM/GRU/RNN (after Transpose)");
    }

    private Value reduceSum(NodeProto n, Value v) {
        if (v instanceof RecurrentOut o && o.steps().isEmpty() && o.rec().spec.directions() == 2) {
            return new RecurrentOut(o.rec(), o.k(), "sum");
        }
        if (v instanceof Lengths l) {
            return l;
        }
        throw new IllegalArgumentException(at(n) + ": ReduceSum is imported only over the directions of a bidirectional "
                + "LSTM/GRU/RNN and in the lengths of token ids");
    }

    private Value mul(NodeProto n, List<Value> in) {
        if (in.get(0) instanceof RecurrentOut o && (o.steps().equals("sum") || o.steps().equals("sum-batch"))
                && in.get(1) instanceof Const c && OnnxTensors.floats(c.t())[0] == 0.5f) {
            return new Act(materialise(o.rec(), Bidirectional.Merge.AVERAGE)[0], o.k() == 0 && o.steps().equals("sum"));
        }
        throw new IllegalArgumentException(at(n) + ": Mul is imported only as the 0.5 that averages the two directions "
                + "of a bidirectional LSTM/GRU/RNN");
    }

    private Value lengthsStep(NodeProto n, List<Value> in) {
        Value v = in.get(0);
        if (v instanceof Tokens t) {
            return n.getOpType().equals("Cast") ? t : new Lengths(t);
        }
        if (v instanceof Lengths l) {
            return l;
        }
        if (n.getOpType().equals("Cast") && v instanceof Act a) {
            return a;
        }
        throw new IllegalArgumentException(at(n) + ": " + n.getOpType() + " is imported only in the lengths of token ids "
                + "(Equal, Not, Cast, ReduceSum as the exporter writes for mask_zero)");
    }

    // ---- dense, embedding, activations -----------------------------------------------------------------------

    private Value matMul(NodeProto n, List<Value> in) {
        Act x = asAct(in.get(0), n);
        TensorProto w = constant(in.get(1), n, "the weight (B)");
        return new PendingDense(x, OnnxTensors.floats(w), OnnxTensors.dims(w), null);
    }

    private Value add(NodeProto n, List<Value> in) {
        if (in.get(0) instanceof PendingDense d && d.b() == null && in.get(1) instanceof Const c) {
            return new PendingDense(d.x(), d.w(), d.wDims(), OnnxTensors.floats(c.t()));
        }
        return join(n, in, new Add());
    }

    private Value gemm(NodeProto n, List<Value> in) {
        if (floatAttr(n, "alpha", 1f) != 1f || floatAttr(n, "beta", 1f) != 1f || intAttr(n, "transA", 0) != 0) {
            throw new IllegalArgumentException(at(n) + ": Gemm is imported with alpha = beta = 1 and transA = 0");
        }
        Act x = asAct(in.get(0), n);
        TensorProto w = constant(in.get(1), n, "B");
        float[] values = OnnxTensors.floats(w);
        long[] dims = OnnxTensors.dims(w);
        if (intAttr(n, "transB", 0) == 1) {
            float[] t = new float[values.length];
            for (int i = 0; i < dims[0]; i++) {
                for (int j = 0; j < dims[1]; j++) {
                    t[(int) (j * dims[0] + i)] = values[(int) (i * dims[1] + j)];
                }
            }
            values = t;
            dims = new long[] {dims[1], dims[0]};
        }
        float[] b = in.size() > 2 && in.get(2) != null ? OnnxTensors.floats(constant(in.get(2), n, "C")) : null;
        return new PendingDense(x, values, dims, b);
    }

    private Value activation(NodeProto n, Value v) {
        if (n.getOpType().equals("Softmax") && intAttr(n, "axis", -1) != -1) {
            long rank = v instanceof Act a && a.node().shape() != null ? a.node().shape().length + 1 : -1;
            if (intAttr(n, "axis", -1) != rank - 1) {
                throw new IllegalArgumentException(at(n) + ": Softmax over axis " + intAttr(n, "axis", -1)
                        + "; imported over the last axis");
            }
        }
        Activation f = Activation.parse(n.getOpType().toLowerCase(java.util.Locale.ROOT));
        if (v instanceof PendingDense d) {
            return new Act(dense(d, f), false);
        }
        Act a = asAct(v, n);
        return new Act(new ActivationLayer(f).on(a.node()), a.timeMajor());
    }

    private Node dense(PendingDense d, Activation f) {
        if (d.wDims().length != 2) {
            throw new IllegalArgumentException("MatMul weight of rank " + d.wDims().length + "; imported: (in, out)");
        }
        Dense layer = new Dense((int) d.wDims()[1], f);
        Node y = layer.on(d.x().node());
        weights.add(() -> {
            for (int i = 0; i < d.w().length; i++) {
                layer.parameters().get(0).value().set(i, d.w()[i]);
            }
            for (int j = 0; d.b() != null && j < d.b().length; j++) {
                layer.parameters().get(1).value().set(j, d.b()[j]);
            }
        });
        return y;
    }

    private Value gather(NodeProto n, List<Value> in) {
        TensorProto table = constant(in.get(0), n, "the table (data)");
        if (!(in.get(1) instanceof Tokens t) || intAttr(n, "axis", 0) != 0) {
            throw new IllegalArgumentException(at(n) + ": Gather is imported as an embedding: a constant table, "
                    + "axis 0, int64 token ids of a graph input");
        }
        long[] dims = OnnxTensors.dims(table);
        float[] values = OnnxTensors.floats(table);
        Embedding e = new Embedding((int) dims[0], (int) dims[1], feedsLengths(n));
        Node y = e.on(t.node());
        weights.add(() -> {
            for (int i = 0; i < values.length; i++) {
                e.parameters().get(0).value().set(i, values[i]);
            }
        });
        return new Act(y, false);
    }

    /** Whether the token ids are also read by a lengths computation (Equal …): the exporter's mask_zero. */
    private boolean feedsLengths(NodeProto gather) {
        return consumers.getOrDefault(gather.getInput(1), List.of()).stream().anyMatch(c -> c.getOpType().equals("Equal"));
    }

    private Value join(NodeProto n, List<Value> in, Layer layer) {
        if (layer instanceof Concatenate && intAttr(n, "axis", -1) != -1) {
            throw new IllegalArgumentException(at(n) + ": Concat over axis " + intAttr(n, "axis", -1) + "; imported over -1");
        }
        Node[] nodes = new Node[in.size()];
        boolean timeMajor = false;
        for (int i = 0; i < nodes.length; i++) {
            Act a = asAct(in.get(i), n);
            nodes[i] = a.node();
            timeMajor = a.timeMajor();
        }
        return new Act(layer.on(nodes), timeMajor);
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private Act asAct(Value v, NodeProto n) {
        if (v instanceof Act a) {
            return a;
        }
        if (v instanceof PendingDense d) {
            return new Act(dense(d, Activation.LINEAR), false);
        }
        if (v instanceof RecurrentOut o && o.rec().spec.directions() == 2 && o.steps().equals("sum")) {
            return new Act(materialise(o.rec(), Bidirectional.Merge.SUM)[0], o.k() == 0);
        }
        if (v instanceof RecurrentOut o && o.rec().spec.directions() == 2 && o.steps().equals("sum-batch")) {
            return new Act(materialise(o.rec(), Bidirectional.Merge.SUM)[0], false);
        }
        throw new IllegalArgumentException(at(n) + ": an input is " + describe(v) + ", which this op does not take here");
    }

    private Node node(Value v, NodeProto n) {
        return asAct(v, n).node();
    }

    /** The node of a graph output, converting a one-direction recurrent output's layout (see the class comment). */
    private Node node(String name, String what) {
        Value v = values.get(name);
        if (v instanceof RecurrentOut o && o.rec().spec.directions() == 1 && o.steps().isEmpty()) {
            return single(o);
        }
        if (v instanceof Act a) {
            return a.node();
        }
        if (v instanceof PendingDense d) {
            return dense(d, Activation.LINEAR);
        }
        if (v instanceof RecurrentOut o && o.rec().spec.directions() == 2 && o.steps().startsWith("sum")) {
            return materialise(o.rec(), Bidirectional.Merge.SUM)[0];
        }
        throw new IllegalArgumentException(what + " \"" + name + "\" is " + describe(v) + "; Gated outputs float values");
    }

    private static String describe(Value v) {
        if (v == null) {
            return "missing";
        }
        if (v instanceof Const) {
            return "a constant";
        }
        if (v instanceof Tokens) {
            return "token ids";
        }
        if (v instanceof Lengths) {
            return "sequence lengths";
        }
        if (v instanceof InitialState) {
            return "an initial state";
        }
        if (v instanceof RecurrentOut o) {
            return "a " + o.rec().spec.op() + " output (" + (o.rec().spec.directions() == 2
                    ? "both directions" : "with its direction axis") + ")";
        }
        return v.getClass().getSimpleName();
    }

    private TensorProto constant(Value v, NodeProto n, String what) {
        if (v instanceof Const c) {
            return c.t();
        }
        throw new IllegalArgumentException(at(n) + ": " + what + " must be a constant (initializer), but is "
                + describe(v) + " — weights fed as graph inputs are not imported");
    }

    private long axes(NodeProto n) {
        if (n.getInputCount() > 1) {
            Value v = values.get(n.getInput(1));
            if (v instanceof Const c) {
                return OnnxTensors.longs(c.t())[0];
            }
        }
        long[] a = ints(n, "axes");
        return a.length == 1 ? a[0] : -99;
    }

    private static AttributeProto attribute(NodeProto n, String name) {
        for (AttributeProto a : n.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a;
            }
        }
        return null;
    }

    private static boolean hasAttr(NodeProto n, String name) {
        return attribute(n, name) != null;
    }

    private static long intAttr(NodeProto n, String name, long absent) {
        AttributeProto a = attribute(n, name);
        return a == null ? absent : a.getI();
    }

    private static float floatAttr(NodeProto n, String name, float absent) {
        AttributeProto a = attribute(n, name);
        return a == null ? absent : a.getF();
    }

    private static String stringAttr(NodeProto n, String name, String absent) {
        AttributeProto a = attribute(n, name);
        return a == null ? absent : a.getS().toStringUtf8();
    }

    private static long[] ints(NodeProto n, String name) {
        AttributeProto a = attribute(n, name);
        return a == null ? new long[0] : a.getIntsList().stream().mapToLong(Long::longValue).toArray();
    }

    private static List<String> strings(NodeProto n, String name) {
        AttributeProto a = attribute(n, name);
        return a == null ? List.of() : a.getStringsList().stream().map(com.google.protobuf.ByteString::toStringUtf8).toList();
    }

    private static List<Float> floats(NodeProto n, String name) {
        AttributeProto a = attribute(n, name);
        return a == null ? null : a.getFloatsList();
    }
}
