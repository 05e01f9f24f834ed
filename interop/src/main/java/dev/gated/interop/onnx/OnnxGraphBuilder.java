package dev.gated.interop.onnx;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;
import onnx.Onnx.AttributeProto;
import onnx.Onnx.GraphProto;
import onnx.Onnx.NodeProto;
import onnx.Onnx.TensorProto;
import onnx.Onnx.TensorShapeProto;
import onnx.Onnx.TypeProto;
import onnx.Onnx.ValueInfoProto;

/**
 * Collects the nodes, weights (initializers), inputs and outputs of one ONNX graph, handing out unique value
 * names. Everything it writes is the protobuf classes generated from the official {@code onnx.proto}.
 *
 * <p>Shapes of declared inputs and outputs use symbolic dimensions ({@code "batch"}, {@code "time"}) where
 * the Gated model leaves them free.
 */
final class OnnxGraphBuilder {

    /** Name for a free dimension in a declared shape. */
    record Dim(String symbol, long value) {
        static Dim of(long value) {
            return new Dim(null, value);
        }

        static Dim named(String symbol) {
            return new Dim(symbol, -1);
        }
    }

    private final GraphProto.Builder graph = GraphProto.newBuilder();
    private final Map<String, Integer> used = new HashMap<>();
    private final Map<String, String> constants = new HashMap<>(); // int64 values → initializer name

    OnnxGraphBuilder(String name) {
        graph.setName(name);
    }

    /** A value name not handed out before, derived from {@code base}. */
    String fresh(String base) {
        String clean = base.replaceAll("[^A-Za-z0-9_]", "_");
        int n = used.merge(clean, 1, Integer::sum);
        return n == 1 ? clean : clean + "_" + n;
    }

    /** Adds a float32 weight of {@code shape} holding {@code data} (row-major) and returns its name. */
    String weight(String base, float[] data, long... shape) {
        String name = fresh(base);
        ByteBuffer bytes = ByteBuffer.allocate(4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(data);
        graph.addInitializer(TensorProto.newBuilder()
                .setName(name)
                .setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addAllDims(boxed(shape))
                .setRawData(ByteString.copyFrom(bytes.array())));
        return name;
    }

    /** An int64 constant (shapes, axes, indices): added once per distinct value, then shared. */
    String int64s(String base, long... values) {
        String key = java.util.Arrays.toString(values);
        String known = constants.get(key);
        if (known != null) {
            return known;
        }
        String name = fresh(base);
        constants.put(key, name);
        TensorProto.Builder t = TensorProto.newBuilder()
                .setName(name)
                .setDataType(TensorProto.DataType.INT64_VALUE)
                .addDims(values.length);
        for (long v : values) {
            t.addInt64Data(v);
        }
        graph.addInitializer(t);
        return name;
    }

    /** Adds a node and returns the names of its {@code outputs} outputs (fresh, derived from {@code base}). */
    String[] node(String op, String base, String[] inputs, int outputs, AttributeProto... attributes) {
        String[] names = new String[outputs];
        for (int i = 0; i < outputs; i++) {
            names[i] = fresh(base + (outputs > 1 ? "_" + i : ""));
        }
        nodeInto(op, base, inputs, names, attributes);
        return names;
    }

    /** One-output form of {@link #node(String, String, String[], int, AttributeProto...)}. */
    String node(String op, String base, String[] inputs, AttributeProto... attributes) {
        return node(op, base, inputs, 1, attributes)[0];
    }

    /** Adds a node writing to the given output names ("" leaves an optional output out). */
    void nodeInto(String op, String base, String[] inputs, String[] outputs, AttributeProto... attributes) {
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(fresh("node_" + base));
        for (String in : inputs) {
            n.addInput(in);
        }
        for (String out : outputs) {
            n.addOutput(out);
        }
        for (AttributeProto a : attributes) {
            n.addAttribute(a);
        }
        graph.addNode(n);
    }

    void input(String name, TensorProto.DataType type, Dim... shape) {
        graph.addInput(valueInfo(name, type, shape));
    }

    void output(String name, TensorProto.DataType type, Dim... shape) {
        graph.addOutput(valueInfo(name, type, shape));
    }

    GraphProto build() {
        return graph.build();
    }

    private static ValueInfoProto valueInfo(String name, TensorProto.DataType type, Dim... shape) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
        for (Dim d : shape) {
            TensorShapeProto.Dimension.Builder dim = TensorShapeProto.Dimension.newBuilder();
            if (d.symbol() != null) {
                dim.setDimParam(d.symbol());
            } else {
                dim.setDimValue(d.value());
            }
            s.addDim(dim);
        }
        TypeProto.Tensor tensorType = TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(s).build();
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(tensorType)).build();
    }

    static AttributeProto attr(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    static AttributeProto attr(String name, float value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(value).build();
    }

    static AttributeProto attr(String name, String value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
                .setS(ByteString.copyFromUtf8(value)).build();
    }

    /** An INTS attribute (also for one value, which {@code attr(name, long)} would write as INT). */
    static AttributeProto ints(String name, long... values) {
        return attr(name, values);
    }

    static AttributeProto attr(String name, long... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    static AttributeProto strings(String name, java.util.List<String> values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRINGS);
        for (String v : values) {
            a.addStrings(ByteString.copyFromUtf8(v));
        }
        return a.build();
    }

    static AttributeProto floats(String name, java.util.List<Float> values) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOATS).addAllFloats(values).build();
    }

    private static Iterable<Long> boxed(long[] shape) {
        java.util.List<Long> list = new java.util.ArrayList<>();
        for (long d : shape) {
            list.add(d);
        }
        return list;
    }
}
