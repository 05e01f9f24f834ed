package dev.gated.interop.keras;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gated.interop.ImportException;
import dev.gated.interop.safetensors.NamedTensor;
import dev.gated.layer.Dense;
import dev.gated.layer.Embedding;
import dev.gated.layer.Layer;
import dev.gated.layer.Parameter;
import dev.gated.layer.TimeDistributed;
import dev.gated.layer.recurrent.Bidirectional;
import dev.gated.layer.recurrent.Cell;
import dev.gated.layer.recurrent.GruCell;
import dev.gated.layer.recurrent.Recurrent;
import dev.gated.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts one Keras layer's weight arrays, in Keras's order, into the Gated layer made from its config.
 *
 * <pre>
 * LSTM        kernel (I, 4H), recurrent_kernel (H, 4H), bias (4H)     gates i|f|c|o = Gated's i|f|g|o: copied as is
 * SimpleRNN   kernel (I, H), recurrent_kernel (H, H), bias (H)
 * GRU         kernel (I, 3H), recurrent_kernel (H, 3H)                gates z|r|h → Gated r|z|n: blocks 0 and 1 swap
 *             reset_after: bias (2, 3H) = [input bias b; recurrent bias b̂]     reset_before: bias (3H)
 * Bidirectional   the forward layer's arrays, then the backward layer's
 * Dense       kernel (F, U), bias (U)          Embedding   embeddings (V, D)          TimeDistributed   the wrapped layer's
 * </pre>
 * {@code use_bias=False} leaves the bias out: Gated's is then 0.
 */
final class KerasWeights {

    private KerasWeights() {
    }

    /**
     * Assigns {@code arrays} (all of the layer's, in order) to {@code layer}, made from the Keras layer
     * {@code config}; {@code at} names the layer in messages.
     */
    static void assign(Layer layer, JsonNode config, List<NamedTensor> arrays, String at) throws ImportException {
        Cursor cursor = new Cursor(arrays, at);
        if (layer instanceof Recurrent r) {
            cell(r.cell(), useBias(config), cursor);
        } else if (layer instanceof Bidirectional b) {
            boolean bias = useBias(config.path("layer").path("config"));
            cell(b.forwardLayer().cell(), bias, cursor);
            cell(b.backwardLayer().cell(), bias, cursor);
        } else if (layer instanceof TimeDistributed td) {
            for (Layer inner : td.layers()) {
                plain(inner, useBias(config.path("layer").path("config")), cursor);
            }
        } else {
            plain(layer, useBias(config), cursor);
        }
        cursor.requireEnd();
    }

    private static boolean useBias(JsonNode config) {
        return config.path("use_bias").asBoolean(true);
    }

    private static void plain(Layer layer, boolean useBias, Cursor cursor) throws ImportException {
        if (layer instanceof Dense d) {
            Parameter kernel = d.parameters().get(0);
            copy(kernel.value(), cursor.next("kernel", kernel.value().shape()));
            Tensor bias = d.parameters().get(1).value();
            if (useBias) {
                copy(bias, cursor.next("bias", bias.shape()));
            } else {
                bias.fill(0);
            }
        } else if (layer instanceof Embedding e) {
            Tensor table = e.parameters().get(0).value();
            copy(table, cursor.next("embeddings", table.shape()));
        }
    }

    private static void cell(Cell cell, boolean useBias, Cursor cursor) throws ImportException {
        int units = cell.units();
        int width = cell.gateCount() * units;
        boolean gru = cell instanceof GruCell;
        int[] order = gru ? new int[] {1, 0, 2} : null;   // Gated block k comes from Keras block order[k]
        float[] kernel = cursor.next("kernel", cell.inputSize(), width).data();
        float[] recurrent = cursor.next("recurrent_kernel", units, width).data();
        copyGates(kernel, cell.inputSize(), units, order, cell.kernel().value());
        copyGates(recurrent, units, units, order, cell.recurrentKernel().value());
        boolean resetAfter = gru && ((GruCell) cell).resetAfter();
        if (!useBias) {
            cell.bias().value().fill(0);
            if (resetAfter) {
                ((GruCell) cell).recurrentBias().value().fill(0);
            }
            return;
        }
        if (resetAfter) {
            float[] both = cursor.next("bias", 2, width).data();
            copyGates(both, 1, units, order, cell.bias().value());
            float[] second = new float[width];
            System.arraycopy(both, width, second, 0, width);
            copyGates(second, 1, units, order, ((GruCell) cell).recurrentBias().value());
        } else {
            copyGates(cursor.next("bias", width).data(), 1, units, order, cell.bias().value());
        }
    }

    /** dst (rows, G·H) from src (rows, G·H), gate block k of dst taken from block order[k] of src (order null: same). */
    private static void copyGates(float[] src, int rows, int units, int[] order, Tensor dst) {
        int width = dst.size() / rows;
        int gates = width / units;
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < gates; k++) {
                int from = order == null ? k : order[k];
                for (int j = 0; j < units; j++) {
                    dst.set(r * width + k * units + j, src[r * width + from * units + j]);
                }
            }
        }
    }

    private static void copy(Tensor dst, NamedTensor src) {
        float[] data = src.data();
        for (int i = 0; i < data.length; i++) {
            dst.set(i, data[i]);
        }
    }

    /** Walks a layer's arrays in order, checking each one's shape. */
    private static final class Cursor {
        private final List<NamedTensor> arrays;
        private final String at;
        private int next;

        Cursor(List<NamedTensor> arrays, String at) {
            this.arrays = new ArrayList<>(arrays);
            this.at = at;
        }

        boolean hasNext() {
            return next < arrays.size();
        }

        NamedTensor peek() {
            return arrays.get(next);
        }

        NamedTensor next(String what, int... shape) throws ImportException {
            if (!hasNext()) {
                throw new ImportException(at + ": expected a weight array " + what + " of shape " + NamedTensor.describe(shape)
                        + " but the layer has only " + arrays.size() + " weight array" + (arrays.size() == 1 ? "" : "s"));
            }
            NamedTensor t = arrays.get(next++);
            if (!java.util.Arrays.equals(t.shape(), shape)) {
                throw new ImportException(at + ": weight \"" + t.name() + "\" (" + what + ") has shape " + t.shapeText()
                        + " but the layer's config needs " + NamedTensor.describe(shape));
            }
            return t;
        }

        void requireEnd() throws ImportException {
            if (hasNext()) {
                List<String> rest = new ArrayList<>();
                for (int i = next; i < arrays.size(); i++) {
                    rest.add(arrays.get(i).name() + " " + arrays.get(i).shapeText());
                }
                throw new ImportException(at + ": " + rest.size() + " weight array(s) left over after the layer's own: " + rest);
            }
        }
    }
}
