package dev.gated.inspect;

import dev.gated.layer.Layer;
import dev.gated.layer.recurrent.Recurrent;
import dev.gated.loss.Loss;
import dev.gated.model.Sequential;
import dev.gated.tensor.Shape;
import dev.gated.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Looks inside a model: runs one {@link GradientPass} and reads what every {@link Recurrent} layer kept.
 *
 * <pre>{@code
 * Inspection in = Inspector.inspect(model, x, y);         // x (T, I) or (1, T, I); y one target
 * double[][] forget = in.trace().gate("f");                // (T, H) LSTM forget gate over time
 * double[] flow = in.trace().gradientNorms();              // ‖∂L/∂h_t‖, t = 0 … T−1
 * }</pre>
 *
 * <p>The gradient is that of the model's compiled loss (or the one given) on this one example, taken with
 * respect to each layer's hidden state h_t, the cell state c_t held fixed (for an LSTM, the gradient also
 * flows to earlier steps through c; ‖∂L/∂c_t‖ is not reported). Layers wrapped in
 * {@link dev.gated.layer.recurrent.Bidirectional} are not traced. Training state is left untouched: weights,
 * gradients and the optimizer are as before.
 */
public final class Inspector {

    private Inspector() {
    }

    /** Inspects one example with the model's compiled loss. */
    public static Inspection inspect(Sequential model, Tensor x, Tensor y) {
        if (model.loss() == null) {
            throw new IllegalStateException("the model is not compiled: compile it, or pass the loss to inspect(model, "
                    + "loss, x, y, mask)");
        }
        return inspect(model, model.loss(), x, y, null);
    }

    /**
     * Inspects one example: {@code x} (T, I) or (1, T, I) — (T) or (1, T) for token indices —, its target
     * {@code y} (any shape holding the loss's number of target values), and an optional {@code mask} (T) or (1, T).
     */
    public static Inspection inspect(Sequential model, Loss loss, Tensor x, Tensor y, Tensor mask) {
        int rank = model.inputShape().length;
        boolean unbatched = x.rank() == rank;
        Tensor xb = unbatched ? withBatchAxis(x) : x;
        if (xb.rank() != rank + 1 || xb.dim(0) != 1) {
            throw new IllegalArgumentException("inspect: x must be one example of shape " + shape(model.inputShape())
                    + " or (1, " + shape(model.inputShape()).substring(1) + " but has shape " + x.shapeString()
                    + " — inspect one sequence at a time, or use gradientNorms for a batch");
        }
        Tensor mb = mask == null ? null : mask.rank() == 1 ? withBatchAxis(mask) : mask;
        List<Recurrent> recurrent = recurrentLayers(model);
        boolean[] wasRecording = startRecording(recurrent);
        try {
            GradientPass.Result result = GradientPass.run(model, loss, xb, y, mb);
            List<LayerTrace> traces = new ArrayList<>();
            for (int i = 0; i < model.layers().size(); i++) {
                if (model.layers().get(i) instanceof Recurrent r) {
                    traces.add(trace(i, r));
                }
            }
            return new Inspection(result.loss(), result.output().toDoubleArray(), traces);
        } finally {
            stopRecording(recurrent, wasRecording);
        }
    }

    /**
     * ‖∂L/∂h_t‖ for t = 0 … T−1 for every recurrent layer, on a batch: L is the batch's mean loss (as in
     * training) and the norm is taken over the batch and the units together — the engine's own measure.
     * Cheaper than inspecting examples one by one; used for gradient-flow-versus-lag curves.
     */
    public static List<double[]> gradientNorms(Sequential model, Loss loss, Tensor x, Tensor y, Tensor mask) {
        List<Recurrent> recurrent = recurrentLayers(model);
        boolean[] wasRecording = startRecording(recurrent);
        try {
            GradientPass.run(model, loss, x, y, mask);
            List<double[]> norms = new ArrayList<>();
            for (Recurrent r : recurrent) {
                norms.add(r.hiddenGradientNorms());
            }
            return norms;
        } finally {
            stopRecording(recurrent, wasRecording);
        }
    }

    private static LayerTrace trace(int index, Recurrent layer) {
        List<String> names = layer.cell().gateNames();
        int units = layer.units();
        int width = names.size() * units;
        Tensor gates = layer.gateActivations();       // (T, 1, G·H)
        Tensor hidden = layer.hiddenStates();         // (T, 1, H)
        Tensor cells = layer.cellStates();            // (T, 1, H) or null
        double[] norms = layer.hiddenGradientNorms(); // (T)
        int steps = hidden.dim(0);
        List<StepState> out = new ArrayList<>(steps);
        for (int t = 0; t < steps; t++) {
            Map<String, double[]> byGate = new LinkedHashMap<>();
            for (int g = 0; g < names.size(); g++) {
                byGate.put(names.get(g), slice(gates, t * width + g * units, units));
            }
            out.add(new StepState(t, byGate, cells == null ? null : slice(cells, t * units, units),
                    slice(hidden, t * units, units), norms[t]));
        }
        return new LayerTrace(index, layer.cell().type(), names, units, out);
    }

    private static List<Recurrent> recurrentLayers(Sequential model) {
        model.build();
        List<Recurrent> list = new ArrayList<>();
        for (Layer layer : model.layers()) {
            if (layer instanceof Recurrent r) {
                list.add(r);
            }
        }
        return list;
    }

    private static boolean[] startRecording(List<Recurrent> layers) {
        boolean[] was = new boolean[layers.size()];
        for (int i = 0; i < layers.size(); i++) {
            was[i] = layers.get(i).hiddenGradientNorms() != null;
            layers.get(i).recordHiddenGradientNorms(true);
        }
        return was;
    }

    private static void stopRecording(List<Recurrent> layers, boolean[] was) {
        for (int i = 0; i < layers.size(); i++) {
            layers.get(i).recordHiddenGradientNorms(was[i]);
        }
    }

    private static double[] slice(Tensor t, int offset, int length) {
        double[] out = new double[length];
        for (int i = 0; i < length; i++) {
            out[i] = t.get(offset + i);
        }
        return out;
    }

    private static Tensor withBatchAxis(Tensor t) {
        int[] shape = new int[t.rank() + 1];
        shape[0] = 1;
        System.arraycopy(t.shape(), 0, shape, 1, t.rank());
        return t.reshape(shape);
    }

    private static String shape(int[] shape) {
        return "(" + Shape.describe(shape) + ")";
    }
}
