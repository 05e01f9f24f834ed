package dev.gated.interop.onnx;

import static dev.gated.interop.onnx.OnnxGraphBuilder.attr;

import dev.gated.interop.layer.ActivationLayer;
import dev.gated.interop.layer.Masking;
import dev.gated.layer.Activation;
import dev.gated.layer.Add;
import dev.gated.layer.Concatenate;
import dev.gated.layer.Dense;
import dev.gated.layer.Dropout;
import dev.gated.layer.Embedding;
import dev.gated.layer.Layer;
import dev.gated.layer.RepeatVector;
import dev.gated.layer.TimeDistributed;
import dev.gated.layer.recurrent.Bidirectional;
import dev.gated.layer.recurrent.Recurrent;
import dev.gated.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import onnx.Onnx.TensorProto;

/**
 * The ONNX form of each exportable Gated layer (inference: dropout is the identity).
 *
 * <pre>
 * Dense          y = act(x·W + b)            MatMul, Add, then Relu | Tanh | Sigmoid | Softmax(axis −1)
 * Embedding      y[b, t] = E[x[b, t]]        Gather(E, x, axis 0); mask_zero adds lengths = Σ_t (x[b, t] ≠ 0)
 * RepeatVector   (B, F) → (B, n, F)          Unsqueeze, Tile
 * Concatenate    last axis                   Concat(axis −1)
 * Add            Σ inputs                    Sum
 * TimeDistributed(Dense/Dropout …)           the wrapped layers on (B, T, F) directly: they act on the last axis
 * Activation (Keras's layer)                 Relu | Tanh | Sigmoid | Softmax
 * Masking(v)     m = any_j(x ≠ v), y = x ⊙ m  Equal, Not, Cast, ReduceMax, Mul; lengths = Σ_t m
 * LSTM, GRU, SimpleRNN, Bidirectional        {@link RecurrentOnnx}
 * </pre>
 */
final class LayerOnnx {

    private LayerOnnx() {
    }

    /** The outputs of {@code layer} called on {@code inputs}. */
    static List<OnnxValue> emit(OnnxGraphBuilder g, Layer layer, List<OnnxValue> inputs, boolean int64Input) {
        if (layer instanceof Recurrent r) {
            return RecurrentOnnx.emit(g, r, inputs);
        }
        if (layer instanceof Bidirectional b) {
            return RecurrentOnnx.emit(g, b, inputs);
        }
        if (layer instanceof Concatenate) {
            return List.of(new OnnxValue(g.node("Concat", "concat", names(inputs), attr("axis", -1L)), inputs.get(0).lengths()));
        }
        if (layer instanceof Add) {
            return List.of(new OnnxValue(g.node("Sum", "add", names(inputs)), inputs.get(0).lengths()));
        }
        return List.of(emitSingle(g, layer, inputs.get(0), int64Input));
    }

    private static OnnxValue emitSingle(OnnxGraphBuilder g, Layer layer, OnnxValue x, boolean int64Input) {
        if (layer instanceof Dense d) {
            return new OnnxValue(dense(g, d, x.name()), x.lengths());
        }
        if (layer instanceof Dropout) {
            return x;
        }
        if (layer instanceof ActivationLayer a) {
            return new OnnxValue(activation(g, a.activation(), x.name()), x.lengths());
        }
        if (layer instanceof Masking m) {
            return masking(g, m, x);
        }
        if (layer instanceof Embedding e) {
            return embedding(g, e, x, int64Input);
        }
        if (layer instanceof RepeatVector rv) {
            String expanded = g.node("Unsqueeze", "repeat_unsqueeze", new String[] {x.name(), g.int64s("axis1", 1)});
            return new OnnxValue(g.node("Tile", "repeat", new String[] {expanded, g.int64s("repeats", 1, rv.times(), 1)}), null);
        }
        if (layer instanceof TimeDistributed td) {
            OnnxValue h = x;
            for (Layer inner : td.layers()) {
                if (!(inner instanceof Dense || inner instanceof Dropout)) {
                    throw unsupported(inner, " inside TimeDistributed (Dense and Dropout are exported there)");
                }
                h = emitSingle(g, inner, h, false);
            }
            return h;
        }
        throw unsupported(layer, "");
    }

    static IllegalArgumentException unsupported(Layer layer, String where) {
        return new IllegalArgumentException("ONNX export: layer \"" + layer.type() + "\" (" + layer.getClass().getName()
                + ")" + where + " has no ONNX form here; exported layers are lstm, gru, simple_rnn, bidirectional, dense, "
                + "embedding, dropout, repeat_vector, time_distributed(dense), concatenate, add, activation and masking");
    }

    private static String dense(OnnxGraphBuilder g, Dense d, String x) {
        Tensor kernel = d.parameters().get(0).value();
        Tensor bias = d.parameters().get(1).value();
        String w = g.weight("dense_W", kernel.toFloatArray(), kernel.dim(0), kernel.dim(1));
        String b = g.weight("dense_b", bias.toFloatArray(), bias.dim(0));
        String z = g.node("Add", "dense", new String[] {g.node("MatMul", "dense_matmul", new String[] {x, w}), b});
        return activation(g, d.activation(), z);
    }

    private static String activation(OnnxGraphBuilder g, Activation activation, String z) {
        return switch (activation) {
            case LINEAR -> z;
            case RELU -> g.node("Relu", "relu", new String[] {z});
            case TANH -> g.node("Tanh", "tanh", new String[] {z});
            case SIGMOID -> g.node("Sigmoid", "sigmoid", new String[] {z});
            case SOFTMAX -> g.node("Softmax", "softmax", new String[] {z}, attr("axis", -1L));
        };
    }

    /** Gather rows of E; with mask_zero also the lengths Σ_t (x ≠ 0), int32 (B). */
    private static OnnxValue embedding(OnnxGraphBuilder g, Embedding e, OnnxValue x, boolean int64Input) {
        Tensor table = e.parameters().get(0).value();
        String tokens = int64Input ? x.name()
                : g.node("Cast", "tokens_int64", new String[] {x.name()}, attr("to", (long) TensorProto.DataType.INT64_VALUE));
        String y = g.node("Gather", "embedding", new String[] {
            g.weight("embedding_E", table.toFloatArray(), table.dim(0), table.dim(1)), tokens}, attr("axis", 0L));
        if (!Boolean.parseBoolean(e.config().get("mask_zero"))) {
            return new OnnxValue(y, x.lengths());
        }
        String padding = g.node("Equal", "is_padding", new String[] {tokens, g.int64s("zero", 0)});
        String valid = g.node("Cast", "is_token", new String[] {g.node("Not", "not_padding", new String[] {padding})},
                attr("to", (long) TensorProto.DataType.INT32_VALUE));
        String lengths = g.node("ReduceSum", "lengths", new String[] {valid, g.int64s("axis1", 1)}, attr("keepdims", 0L));
        return new OnnxValue(y, lengths);
    }

    /**
     * Masking: m[b, t] = max_j (x[b, t, j] ≠ v) as 0/1, y = x ⊙ m, lengths = Σ_t m[b, t] (padding at the end only).
     */
    private static OnnxValue masking(OnnxGraphBuilder g, Masking layer, OnnxValue x) {
        String value = g.weight("mask_value", new float[] {(float) layer.maskValue()}, 1);
        String differs = g.node("Not", "differs", new String[] {g.node("Equal", "equals_mask_value", new String[] {x.name(), value})});
        String asFloat = g.node("Cast", "differs_float", new String[] {differs}, attr("to", (long) TensorProto.DataType.FLOAT_VALUE));
        String mask = g.node("ReduceMax", "step_mask", new String[] {asFloat}, OnnxGraphBuilder.ints("axes", 2L), attr("keepdims", 1L));
        String y = g.node("Mul", "masked", new String[] {x.name(), mask});
        String count = g.node("ReduceSum", "mask_count", new String[] {mask, g.int64s("axes_1_2", 1, 2)}, attr("keepdims", 0L));
        String lengths = g.node("Cast", "lengths", new String[] {count}, attr("to", (long) TensorProto.DataType.INT32_VALUE));
        return new OnnxValue(y, lengths);
    }

    private static String[] names(List<OnnxValue> values) {
        List<String> names = new ArrayList<>();
        for (OnnxValue v : values) {
            names.add(v.name());
        }
        return names.toArray(new String[0]);
    }
}
