package dev.gated.studio.inspect;

import dev.gated.data.Dataset;
import dev.gated.inspect.Inspector;
import dev.gated.layer.Layer;
import dev.gated.layer.Mode;
import dev.gated.layer.recurrent.Recurrent;
import dev.gated.loss.Loss;
import dev.gated.model.Sequential;
import dev.gated.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Looks inside a model with the recurrent layers' own accessors: gate activations, hidden and cell states of
 * one window, and ‖∂L/∂h_t‖ through time for a batch (the vanishing-gradient picture).
 *
 * <p>Runs the layers one by one in inference mode, as {@code Sequential.predict} does, so the numbers are
 * those of the trained model. Gradient flow comes from core's {@code dev.gated.inspect.Inspector}. Both lock the
 * model: the layers' buffers are reused.
 */
public final class Probe {

    /** Heatmaps show at most this many units, the first ones. */
    public static final int MAX_UNITS = 64;

    private Probe() {
    }

    /** The recurrent layers of a model, in order. */
    public static List<Recurrent> recurrentLayers(Sequential model) {
        List<Recurrent> out = new ArrayList<>();
        for (Layer l : model.layers()) {
            if (l instanceof Recurrent r) {
                out.add(r);
            }
        }
        return out;
    }

    private static Tensor forward(Sequential model, Tensor x) {
        Tensor h = x.to(model.precision());
        for (Layer l : model.layers()) {
            h = l.forward(h, null, Mode.INFERENCE);
        }
        return h;
    }

    /**
     * Gates, hidden and cell states of recurrent layer {@code layer} while the model reads one window.
     *
     * @param window x of one window, (1, T, F)
     * @return gates: name → [unit][t]; hidden, cell (LSTM): [unit][t]; output: the model's prediction
     */
    public static Map<String, Object> inside(Sequential model, Tensor window, int layer) {
        List<Recurrent> recs = recurrentLayers(model);
        if (layer < 0 || layer >= recs.size()) {
            throw new IllegalArgumentException("layer must be in 0.." + (recs.size() - 1) + ", got " + layer);
        }
        synchronized (model) {
            model.build();
            Tensor out = forward(model, window);
            Recurrent rec = recs.get(layer);
            int steps = window.dim(1);
            int units = rec.units();
            int shown = Math.min(units, MAX_UNITS);
            List<String> names = rec.cell().gateNames();
            int g = names.size();
            Tensor gates = rec.gateActivations(); // (T, 1, G·H)
            Map<String, double[][]> heat = new LinkedHashMap<>();
            for (int k = 0; k < g; k++) {
                double[][] m = new double[shown][steps];
                for (int t = 0; t < steps; t++) {
                    for (int j = 0; j < shown; j++) {
                        m[j][t] = gates.get(t * g * units + k * units + j);
                    }
                }
                heat.put(names.get(k), m);
            }
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("layer", layer);
            v.put("layers", recs.size());
            v.put("type", rec.type());
            v.put("units", units);
            v.put("unitsShown", shown);
            v.put("steps", steps);
            v.put("gateNames", names);
            v.put("gates", heat);
            v.put("hidden", unitsByTime(rec.hiddenStates(), steps, units, shown));
            v.put("cell", rec.cellStates() == null ? null : unitsByTime(rec.cellStates(), steps, units, shown));
            v.put("output", out.toDoubleArray());
            return v;
        }
    }

    private static double[][] unitsByTime(Tensor s, int steps, int units, int shown) {
        double[][] m = new double[shown][steps];
        for (int t = 0; t < steps; t++) {
            for (int j = 0; j < shown; j++) {
                m[j][t] = s.get(t * units + j);
            }
        }
        return m;
    }

    /**
     * ‖∂L/∂h_t‖ of the first recurrent layer for a batch, by lag k = T−1−t (k = 0 is the last step, nearest the
     * loss): how much of the error signal reaches a step k steps back. Measured by core's
     * {@link Inspector#gradientNorms} with the model's own loss (MSE when it has none).
     *
     * @return (T) norms indexed by lag
     */
    public static double[] gradientNormsByLag(Sequential model, Dataset batch) {
        synchronized (model) {
            Loss loss = model.loss() != null ? model.loss() : Loss.mse();
            double[] byTime = Inspector.gradientNorms(model, loss, batch.x(), batch.y(), null).get(0);
            double[] byLag = new double[byTime.length];
            for (int t = 0; t < byTime.length; t++) {
                byLag[byTime.length - 1 - t] = byTime[t];
            }
            return byLag;
        }
    }
}
