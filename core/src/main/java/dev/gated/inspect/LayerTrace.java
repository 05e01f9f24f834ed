package dev.gated.inspect;

import java.util.List;

/**
 * One recurrent layer's record of a sequence: a {@link StepState} per time step, t = 0 … T−1.
 *
 * @param layer     the layer's position in the model, 0-based
 * @param cell      {@code lstm}, {@code gru} or {@code simple_rnn}
 * @param gateNames gate names in packing order (LSTM i, f, g, o; GRU r, z, n; SimpleRNN h)
 * @param units     H
 * @param steps     (T) per-step states, indexed by t
 */
public record LayerTrace(int layer, String cell, List<String> gateNames, int units, List<StepState> steps) {

    public LayerTrace {
        gateNames = List.copyOf(gateNames);
        steps = List.copyOf(steps);
    }

    /** ‖∂L/∂h_t‖ for t = 0 … T−1. */
    public double[] gradientNorms() {
        double[] out = new double[steps.size()];
        for (int t = 0; t < out.length; t++) {
            out[t] = steps.get(t).gradientNorm();
        }
        return out;
    }

    /** One gate's activations over time, (T, H); {@code name} one of {@link #gateNames}. */
    public double[][] gate(String name) {
        if (!gateNames.contains(name)) {
            throw new IllegalArgumentException("gate: " + cell + " has gates " + gateNames + " but \"" + name
                    + "\" was asked for");
        }
        double[][] out = new double[steps.size()][];
        for (int t = 0; t < out.length; t++) {
            out[t] = steps.get(t).gates().get(name).clone();
        }
        return out;
    }

    /** Hidden states over time, (T, H). */
    public double[][] hiddenStates() {
        double[][] out = new double[steps.size()][];
        for (int t = 0; t < out.length; t++) {
            out[t] = steps.get(t).hidden().clone();
        }
        return out;
    }

    /** Cell states over time, (T, H); null unless LSTM. */
    public double[][] cellStates() {
        if (steps.isEmpty() || steps.get(0).cell() == null) {
            return null;
        }
        double[][] out = new double[steps.size()][];
        for (int t = 0; t < out.length; t++) {
            out[t] = steps.get(t).cell().clone();
        }
        return out;
    }
}
