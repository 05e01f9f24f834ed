package dev.gated.interop.onnx;

import static dev.gated.interop.onnx.OnnxGraphBuilder.attr;

import dev.gated.layer.recurrent.Bidirectional;
import dev.gated.layer.recurrent.Cell;
import dev.gated.layer.recurrent.CellActivation;
import dev.gated.layer.recurrent.GruCell;
import dev.gated.layer.recurrent.LstmCell;
import dev.gated.layer.recurrent.Recurrent;
import dev.gated.layer.recurrent.SimpleRnnCell;
import java.util.ArrayList;
import java.util.List;
import onnx.Onnx.AttributeProto;

/**
 * Writes a {@link Recurrent} or {@link Bidirectional} layer as one ONNX {@code RNN}, {@code GRU} or
 * {@code LSTM} operator (opset 14+ semantics, layout 0: time-major), with the transposes around it.
 *
 * <p>Weight layout. Gated keeps W (I, G·H), U (H, G·H), b (G·H) with gates in PyTorch's order; ONNX wants, per
 * direction d, W[d] (G·H, I), R[d] (G·H, H), B[d] = [Wb (G·H), Rb (G·H)] in its own order:
 * <pre>
 * LSTM  ONNX i | o | f | c   ←  Gated i | f | g | o   (gate blocks 0, 3, 1, 2)
 * GRU   ONNX z | r | h       ←  Gated r | z | n       (gate blocks 1, 0, 2)
 * RNN   one block
 * W_onnx[k·H + j, i] = W[i, perm[k]·H + j]      Wb = b (reordered)      Rb = b̂ (GRU reset-after) or 0
 * </pre>
 * GRU reset-after (n = tanh(x·W_n + b_n + r ⊙ (h·U_n + b̂_n))) is ONNX's {@code linear_before_reset = 1};
 * reset-before is {@code linear_before_reset = 0} with Rb = 0. The default activations of the ONNX operators
 * (σ for gates, tanh for candidate and output) are the Gated cells' own; others are written as the operator's
 * {@code activations} ({@link OnnxActivations}).
 *
 * <p>Shapes: X (B, T, I) → Transpose → (T, B, I); Y (T, D, B, H); Y_h, Y_c (D, B, H). A sequence output is
 * transposed back to (B, T, D·H) (concatenating the directions as Gated does: forward then backward) or
 * summed/averaged over D for the other merge modes.
 */
final class RecurrentOnnx {

    private RecurrentOnnx() {
    }

    /** The operator's outputs, converted to Gated's layout: (y[, h[, c]]) as the layer gives them in a graph. */
    static List<OnnxValue> emit(OnnxGraphBuilder g, Recurrent layer, List<OnnxValue> inputs) {
        Cell cell = layer.cell();
        OnnxValue x = inputs.get(0);
        String h0 = inputs.size() > 1 ? g.node("Unsqueeze", "h0", new String[] {inputs.get(1).name(), g.int64s("axis0", 0)}) : "";
        String c0 = inputs.size() > 2 ? g.node("Unsqueeze", "c0", new String[] {inputs.get(2).name(), g.int64s("axis0", 0)}) : "";
        String[] out = runOperator(g, List.of(cell), layer.goesBackwards() ? "reverse" : "forward", x, h0, c0);
        String yh = g.node("Squeeze", "h", new String[] {out[1], g.int64s("axis0", 0)});
        String y;
        if (layer.returnsSequences()) {
            String squeezed = g.node("Squeeze", "y", new String[] {out[0], g.int64s("axis1", 1)});
            y = g.node("Transpose", "y_batch_major", new String[] {squeezed}, attr("perm", 1L, 0L, 2L));
        } else {
            y = yh;
        }
        List<OnnxValue> result = new ArrayList<>();
        result.add(new OnnxValue(y, layer.returnsSequences() ? x.lengths() : null));
        if (layer.returnsState()) {
            result.add(new OnnxValue(yh, null));
            if (cell.hasCellState()) {
                result.add(new OnnxValue(g.node("Squeeze", "c", new String[] {out[2], g.int64s("axis0", 0)}), null));
            }
        }
        return result;
    }

    /** Both directions in one bidirectional operator; outputs (y[, h_fwd[, c_fwd], h_bwd[, c_bwd]]). */
    static List<OnnxValue> emit(OnnxGraphBuilder g, Bidirectional layer, List<OnnxValue> inputs) {
        Recurrent fwd = layer.forwardLayer();
        if (fwd.goesBackwards()) {
            throw new IllegalArgumentException("ONNX export: a Bidirectional wrapping a layer with goBackwards(true) has no "
                    + "ONNX form here — wrap the layer without goBackwards (the wrapper adds the reverse direction itself)");
        }
        OnnxValue x = inputs.get(0);
        String[] out = runOperator(g, List.of(fwd.cell(), layer.backwardLayer().cell()), "bidirectional", x, "", "");
        boolean sequences = fwd.returnsSequences();
        String y = sequences ? mergeSequences(g, out[0], layer.merge()) : mergeFinal(g, out[1], layer.merge());
        List<OnnxValue> result = new ArrayList<>();
        result.add(new OnnxValue(y, sequences ? x.lengths() : null));
        if (fwd.returnsState()) {
            String[] h = perDirection(g, out[1], "h");
            String[] c = fwd.cell().hasCellState() ? perDirection(g, out[2], "c") : null;
            for (int d = 0; d < 2; d++) {
                result.add(new OnnxValue(h[d], null));
                if (c != null) {
                    result.add(new OnnxValue(c[d], null));
                }
            }
        }
        return result;
    }

    private static String mergeSequences(OnnxGraphBuilder g, String y, Bidirectional.Merge merge) {
        if (merge == Bidirectional.Merge.CONCAT) {
            String batchMajor = g.node("Transpose", "y_batch_major", new String[] {y}, attr("perm", 2L, 0L, 1L, 3L));
            return g.node("Reshape", "y_concat", new String[] {batchMajor, g.int64s("shape_b_t_all", 0, 0, -1)});
        }
        String summed = g.node("ReduceSum", "y_sum", new String[] {y, g.int64s("axis1", 1)}, attr("keepdims", 0L));
        String batchMajor = g.node("Transpose", "y_batch_major", new String[] {summed}, attr("perm", 1L, 0L, 2L));
        return merge == Bidirectional.Merge.AVERAGE ? half(g, batchMajor) : batchMajor;
    }

    private static String mergeFinal(OnnxGraphBuilder g, String yh, Bidirectional.Merge merge) {
        if (merge == Bidirectional.Merge.CONCAT) {
            String batchMajor = g.node("Transpose", "h_batch_major", new String[] {yh}, attr("perm", 1L, 0L, 2L));
            return g.node("Reshape", "h_concat", new String[] {batchMajor, g.int64s("shape_b_all", 0, -1)});
        }
        String summed = g.node("ReduceSum", "h_sum", new String[] {yh, g.int64s("axis0", 0)}, attr("keepdims", 0L));
        return merge == Bidirectional.Merge.AVERAGE ? half(g, summed) : summed;
    }

    private static String half(OnnxGraphBuilder g, String value) {
        return g.node("Mul", "average", new String[] {value, g.weight("one_half", new float[] {0.5f}, 1)});
    }

    /** (2, B, H) → two (B, H) tensors, forward then backward. */
    private static String[] perDirection(OnnxGraphBuilder g, String state, String base) {
        String[] parts = g.node("Split", base + "_split", new String[] {state, g.int64s("split_1_1", 1, 1)}, 2, attr("axis", 0L));
        return new String[] {
            g.node("Squeeze", base + "_fwd", new String[] {parts[0], g.int64s("axis0", 0)}),
            g.node("Squeeze", base + "_bwd", new String[] {parts[1], g.int64s("axis0", 0)})
        };
    }

    /** Emits the operator for one or two directions' cells; returns its outputs (Y, Y_h[, Y_c]). */
    private static String[] runOperator(OnnxGraphBuilder g, List<Cell> cells, String direction, OnnxValue x,
                                        String h0, String c0) {
        Cell first = cells.get(0);
        int units = first.units();
        int gates = first.gateCount();
        int inputSize = first.inputSize();
        int dirs = cells.size();
        float[] w = new float[dirs * gates * units * inputSize];
        float[] r = new float[dirs * gates * units * units];
        float[] b = new float[dirs * 2 * gates * units];
        int[] perm = onnxGateOrder(first);
        for (int d = 0; d < dirs; d++) {
            Cell cell = cells.get(d);
            transposeGates(cell.kernel().value().toFloatArray(), inputSize, units, perm, w, d * gates * units * inputSize);
            transposeGates(cell.recurrentKernel().value().toFloatArray(), units, units, perm, r, d * gates * units * units);
            reorder(cell.bias().value().toFloatArray(), units, perm, b, d * 2 * gates * units);
            if (cell instanceof GruCell gru && gru.resetAfter()) {
                reorder(gru.recurrentBias().value().toFloatArray(), units, perm, b, d * 2 * gates * units + gates * units);
            }
        }
        String op = operator(first);
        String base = op.toLowerCase(java.util.Locale.ROOT);
        String xt = g.node("Transpose", base + "_x_time_major", new String[] {x.name()}, attr("perm", 1L, 0L, 2L));
        List<String> in = new ArrayList<>(List.of(xt,
                g.weight(base + "_W", w, dirs, (long) gates * units, inputSize),
                g.weight(base + "_R", r, dirs, (long) gates * units, units),
                g.weight(base + "_B", b, dirs, 2L * gates * units),
                x.lengths() == null ? "" : x.lengths(), h0));
        if (first.hasCellState()) {
            in.add(c0);
        }
        while (in.get(in.size() - 1).isEmpty()) {
            in.remove(in.size() - 1);
        }
        List<AttributeProto> attrs = new ArrayList<>(List.of(attr("hidden_size", (long) units), attr("direction", direction)));
        if (first instanceof GruCell gru) {
            attrs.add(attr("linear_before_reset", gru.resetAfter() ? 1L : 0L));
        }
        List<CellActivation> functions = new ArrayList<>();
        for (Cell cell : cells) {
            functions.addAll(OnnxActivations.of(cell));
        }
        attrs.addAll(OnnxActivations.attributes(functions, OnnxActivations.of(first).size()));
        return g.node(op, base, in.toArray(new String[0]), first.hasCellState() ? 3 : 2, attrs.toArray(new AttributeProto[0]));
    }

    private static String operator(Cell cell) {
        if (cell instanceof LstmCell) {
            return "LSTM";
        }
        if (cell instanceof GruCell) {
            return "GRU";
        }
        if (cell instanceof SimpleRnnCell) {
            return "RNN";
        }
        throw new IllegalArgumentException("ONNX export: recurrent cell \"" + cell.type() + "\" ("
                + cell.getClass().getName() + ") has no ONNX operator; LSTM, GRU and SimpleRNN cells are exported");
    }

    /** For each ONNX gate block k, the Gated gate block it comes from. */
    private static int[] onnxGateOrder(Cell cell) {
        if (cell instanceof LstmCell) {
            return new int[] {0, 3, 1, 2};
        }
        if (cell instanceof GruCell) {
            return new int[] {1, 0, 2};
        }
        return new int[] {0};
    }

    /** dst[off + (k·H + j)·rows + i] = src[i·(G·H) + perm[k]·H + j]: (rows, G·H) → (G·H, rows), gates reordered. */
    private static void transposeGates(float[] src, int rows, int units, int[] perm, float[] dst, int off) {
        int width = perm.length * units;
        for (int k = 0; k < perm.length; k++) {
            for (int j = 0; j < units; j++) {
                for (int i = 0; i < rows; i++) {
                    dst[off + (k * units + j) * rows + i] = src[i * width + perm[k] * units + j];
                }
            }
        }
    }

    private static void reorder(float[] src, int units, int[] perm, float[] dst, int off) {
        for (int k = 0; k < perm.length; k++) {
            System.arraycopy(src, perm[k] * units, dst, off + k * units, units);
        }
    }
}
