package dev.gated.interop.onnx;

import dev.gated.layer.Parameter;
import dev.gated.layer.recurrent.Bidirectional;
import dev.gated.layer.recurrent.Cell;
import dev.gated.layer.recurrent.CellActivation;
import dev.gated.layer.recurrent.GruCell;
import dev.gated.layer.recurrent.Recurrent;
import java.util.List;

/**
 * An ONNX {@code LSTM}, {@code GRU} or {@code RNN} operator as a Gated {@link Recurrent} (one direction) or
 * {@link Bidirectional}: the inverse of {@link RecurrentOnnx}.
 *
 * <pre>
 * per direction d, ONNX gate block k → Gated gate block perm[k]   (LSTM i o f c → i f g o; GRU z r h → r z n)
 * kernel[i, perm[k]·H + j]           = W[d, k·H + j, i]
 * recurrent_kernel[i, perm[k]·H + j] = R[d, k·H + j, i]
 * LSTM, RNN, GRU linear_before_reset = 0:  bias = Wb + Rb             (ONNX adds both, everywhere)
 * GRU linear_before_reset = 1 (reset after): bias = Wb, recurrent_bias = Rb
 * activations (f, g, h per direction) → activation, recurrent_activation ({@link OnnxActivations})
 * </pre>
 * Refused with the node's name: peepholes (input P), {@code clip}, {@code input_forget = 1}, directions whose
 * activations differ, activation lists Gated's cells cannot compute.
 */
final class OnnxRecurrentImport {

    /** What one operator node says, read before the layer is made (its outputs decide the layer's options). */
    record Spec(String op, String at, int units, int inputSize, int directions, boolean reverse, boolean resetAfter,
                CellActivation activation, CellActivation recurrentActivation,
                float[] w, float[] r, float[] b) {

        int gates() {
            return switch (op) {
                case "LSTM" -> 4;
                case "GRU" -> 3;
                default -> 1;
            };
        }

        /** A new unbuilt layer for one direction. */
        Recurrent layer() {
            Recurrent layer = switch (op) {
                case "LSTM" -> Recurrent.lstm(units);
                case "GRU" -> resetAfter ? Recurrent.gru(units) : Recurrent.gruResetBefore(units);
                default -> Recurrent.simpleRnn(units);
            };
            layer.activation(activation);
            if (!op.equals("RNN")) {
                layer.recurrentActivation(recurrentActivation);
            }
            return layer;
        }
    }

    private OnnxRecurrentImport() {
    }

    /** Checks the attributes and reads the activations; the weights come as float arrays from the caller. */
    static Spec spec(String op, String at, int hiddenSize, String direction, long linearBeforeReset, List<String> activations,
                     List<Float> alpha, List<Float> beta, float[] w, long[] wDims, float[] r, float[] b) {
        int dirs = direction.equals("bidirectional") ? 2 : 1;
        int gates = op.equals("LSTM") ? 4 : op.equals("GRU") ? 3 : 1;
        if (wDims.length != 3 || wDims[0] != dirs || wDims[1] != (long) gates * hiddenSize) {
            throw new IllegalArgumentException(at + ": W has shape " + java.util.Arrays.toString(wDims) + " but "
                    + direction + " " + op + " with hidden_size " + hiddenSize + " needs [" + dirs + ", "
                    + gates * hiddenSize + ", input_size]");
        }
        CellActivation activation = CellActivation.TANH;
        CellActivation gate = CellActivation.SIGMOID;
        if (!activations.isEmpty()) {
            List<CellActivation> parsed;
            try {
                parsed = OnnxActivations.parse(activations, alpha, beta);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(at + ": " + e.getMessage(), e);
            }
            int per = op.equals("LSTM") ? 3 : op.equals("GRU") ? 2 : 1;
            if (parsed.size() != per * dirs) {
                throw new IllegalArgumentException(at + ": " + parsed.size() + " activations listed; " + direction + " "
                        + op + " takes " + per * dirs);
            }
            if (dirs == 2 && !parsed.subList(0, per).equals(parsed.subList(per, 2 * per))) {
                throw new IllegalArgumentException(at + ": the two directions use different activations " + activations
                        + "; Gated's Bidirectional runs one cell kind both ways");
            }
            if (op.equals("RNN")) {
                activation = parsed.get(0);
            } else {
                gate = parsed.get(0);
                activation = parsed.get(1);
                if (op.equals("LSTM") && parsed.get(2) != activation) {
                    throw new IllegalArgumentException(at + ": LSTM activations g = " + activations.get(1) + " and h = "
                            + activations.get(2) + " differ; Gated's LSTM (as Keras's) uses one activation for both");
                }
            }
        }
        return new Spec(op, at, hiddenSize, (int) wDims[2], dirs, direction.equals("reverse"), linearBeforeReset == 1,
                activation, gate, w, r, b);
    }

    /** Copies direction d's weights into {@code cell} (built). */
    static void assign(Spec s, int d, Cell cell) {
        int h = s.units();
        int g = s.gates();
        int[] perm = s.op().equals("LSTM") ? new int[] {0, 3, 1, 2} : s.op().equals("GRU") ? new int[] {1, 0, 2} : new int[] {0};
        copyTransposed(s.w(), d * g * h * s.inputSize(), s.inputSize(), h, perm, cell.kernel());
        copyTransposed(s.r(), d * g * h * h, h, h, perm, cell.recurrentKernel());
        Parameter bias = cell.bias();
        Parameter recurrentBias = cell instanceof GruCell gru && gru.resetAfter() ? gru.recurrentBias() : null;
        for (int k = 0; k < g; k++) {
            for (int j = 0; j < h; j++) {
                int src = d * 2 * g * h + k * h + j;
                double wb = s.b() == null ? 0 : s.b()[src];
                double rb = s.b() == null ? 0 : s.b()[src + g * h];
                int dst = perm[k] * h + j;
                if (recurrentBias != null) {
                    bias.value().set(dst, wb);
                    recurrentBias.value().set(dst, rb);
                } else {
                    bias.value().set(dst, (float) wb + (float) rb);
                }
            }
        }
    }

    /** dst[i, perm[k]·H + j] = src[off + (k·H + j)·rows + i]. */
    private static void copyTransposed(float[] src, int off, int rows, int units, int[] perm, Parameter dst) {
        int width = perm.length * units;
        for (int k = 0; k < perm.length; k++) {
            for (int j = 0; j < units; j++) {
                for (int i = 0; i < rows; i++) {
                    dst.value().set(i * width + perm[k] * units + j, src[off + (k * units + j) * rows + i]);
                }
            }
        }
    }
}
