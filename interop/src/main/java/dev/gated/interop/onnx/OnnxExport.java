package dev.gated.interop.onnx;

import dev.gated.Version;
import dev.gated.layer.Embedding;
import dev.gated.layer.Layer;
import dev.gated.layer.Node;
import dev.gated.model.GraphModel;
import dev.gated.model.Model;
import dev.gated.model.Sequential;
import dev.gated.tensor.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import onnx.Onnx.ModelProto;
import onnx.Onnx.OperatorSetIdProto;
import onnx.Onnx.TensorProto;

/**
 * A Gated model as an ONNX model (opset {@value #OPSET}, IR version {@value #IR_VERSION}), for inference in
 * ONNX Runtime or any other ONNX engine. Weights are written as float32 whatever the model's precision.
 *
 * <pre>{@code
 * ModelProto onnx = OnnxExport.toOnnx(model);          // or
 * OnnxExport.write(model, Path.of("model.onnx"));
 * }</pre>
 *
 * <p>Inputs and outputs keep Gated's batch-major layout: a sequence input is (batch, time, features), with
 * "batch" and (where the model leaves it free) "time" as symbolic dimensions, so any B and T run. A model
 * input read only by {@code Embedding} layers is int64 token ids (batch, time); other inputs are float32.
 * Sequential models have one input {@code input} and one output {@code output}; graph models keep their
 * inputs' names and call their outputs {@code output_0}, {@code output_1}, ….
 *
 * <p>Masks become sequence lengths: an {@code Embedding} with mask_zero computes lengths = the number of
 * non-zero tokens per row, and {@link Options#sequenceLengths} adds an int32 (batch) input
 * {@code <input>_lengths} per sequence input, standing for a Gated mask whose first lengths[b] steps are
 * valid. Both represent padding at the end of each row only (ONNX's recurrent operators read the first
 * lengths[b] steps). At padded steps of a sequence output ONNX gives 0 where Gated repeats the last valid
 * state; valid steps and final states agree.
 *
 * <p>Layer by layer: {@link LayerOnnx} and {@link RecurrentOnnx}.
 */
public final class OnnxExport {

    /** The ONNX operator set the exported graphs use. */
    public static final int OPSET = 17;
    /** The IR version that goes with {@link #OPSET}. */
    public static final int IR_VERSION = 8;

    /** Export options. */
    public record Options(boolean sequenceLengths) {
        public static Options defaults() {
            return new Options(false);
        }

        /** Adds an int32 (batch) lengths input per sequence input, for masks that pad at the end. */
        public Options withSequenceLengths() {
            return new Options(true);
        }
    }

    private OnnxExport() {
    }

    /** The ONNX model of {@code model} (built first if it is not). */
    public static ModelProto toOnnx(Model model) {
        return toOnnx(model, Options.defaults());
    }

    public static ModelProto toOnnx(Model model, Options options) {
        model.build();
        OnnxGraphBuilder g = new OnnxGraphBuilder("gated");
        if (model instanceof Sequential s) {
            exportSequential(g, s, options);
        } else {
            exportGraph(g, (GraphModel) model, options);
        }
        return ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .setProducerName("gated")
                .setProducerVersion(Version.get())
                .setDocString("Exported by Gated " + Version.get())
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setGraph(g.build())
                .build();
    }

    /** Writes the ONNX model to {@code file} (the caller decides on temporary files and renames). */
    public static void write(Model model, Path file) throws IOException {
        write(model, file, Options.defaults());
    }

    public static void write(Model model, Path file, Options options) throws IOException {
        Files.write(file, toOnnx(model, options).toByteArray());
    }

    private static void exportSequential(OnnxGraphBuilder g, Sequential model, Options options) {
        List<Layer> layers = model.layers();
        boolean tokens = layers.get(0) instanceof Embedding;
        OnnxValue x = declareInput(g, "input", model.inputShape(), tokens, options);
        for (int i = 0; i < layers.size(); i++) {
            try {
                x = LayerOnnx.emit(g, layers.get(i), List.of(x), i == 0 && tokens).get(0);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("layer " + (i + 1) + " (" + layers.get(i).type() + "): " + e.getMessage(), e);
            }
        }
        declareOutput(g, "output", x, model.modelOutputShapes().get(0));
    }

    private static void exportGraph(OnnxGraphBuilder g, GraphModel model, Options options) {
        Map<Node, OnnxValue> values = new IdentityHashMap<>();
        Map<Node, Boolean> int64 = new IdentityHashMap<>();
        for (Node in : model.inputs()) {
            boolean tokens = readOnlyByEmbeddings(model, in);
            int64.put(in, tokens);
            values.put(in, declareInput(g, in.name(), in.shape(), tokens, options));
        }
        for (Node.Call call : model.calls()) {
            List<OnnxValue> inputs = new ArrayList<>();
            for (Node n : call.inputs()) {
                inputs.add(values.get(n));
            }
            boolean tokens = call.inputs().size() == 1 && int64.getOrDefault(call.inputs().get(0), false);
            List<OnnxValue> outputs = LayerOnnx.emit(g, call.layer(), inputs, tokens);
            for (int k = 0; k < outputs.size(); k++) {
                values.put(call.outputs().get(k), outputs.get(k));
            }
        }
        List<int[]> shapes = model.modelOutputShapes();
        for (int k = 0; k < model.outputs().size(); k++) {
            declareOutput(g, "output_" + k, values.get(model.outputs().get(k)), shapes.get(k));
        }
    }

    private static boolean readOnlyByEmbeddings(GraphModel model, Node input) {
        boolean read = false;
        for (Node.Call call : model.calls()) {
            for (Node n : call.inputs()) {
                if (n == input) {
                    if (!(call.layer() instanceof Embedding)) {
                        return false;
                    }
                    read = true;
                }
            }
        }
        return read;
    }

    private static OnnxValue declareInput(OnnxGraphBuilder g, String name, int[] shape, boolean tokens, Options options) {
        String onnxName = g.fresh(name);
        g.input(onnxName, tokens ? TensorProto.DataType.INT64 : TensorProto.DataType.FLOAT, dims(name, shape));
        String lengths = null;
        if (options.sequenceLengths() && shape.length == (tokens ? 1 : 2)) {
            lengths = g.fresh(name + "_lengths");
            g.input(lengths, TensorProto.DataType.INT32, OnnxGraphBuilder.Dim.named("batch"));
        }
        return new OnnxValue(onnxName, lengths);
    }

    private static void declareOutput(OnnxGraphBuilder g, String name, OnnxValue value, int[] shape) {
        String onnxName = g.fresh(name);
        g.nodeInto("Identity", name, new String[] {value.name()}, new String[] {onnxName});
        g.output(onnxName, TensorProto.DataType.FLOAT, dims(name, shape));
    }

    /** (batch, shape…) with free axes as symbols: "time" (or "name_time") for axis 1, "name_dim_k" elsewhere. */
    private static OnnxGraphBuilder.Dim[] dims(String name, int[] shape) {
        String prefix = name.equals("input") || name.equals("output") ? "" : name + "_";
        OnnxGraphBuilder.Dim[] d = new OnnxGraphBuilder.Dim[shape.length + 1];
        d[0] = OnnxGraphBuilder.Dim.named("batch");
        for (int i = 0; i < shape.length; i++) {
            d[i + 1] = shape[i] == Shape.ANY ? OnnxGraphBuilder.Dim.named(prefix + (i == 0 ? "time" : "dim_" + (i + 1)))
                    : OnnxGraphBuilder.Dim.of(shape[i]);
        }
        return d;
    }
}
