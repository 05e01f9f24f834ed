package dev.gated.inspect;

import java.util.Map;

/**
 * What one recurrent layer did at one time step t, for one example.
 *
 * @param t            time index, 0-based, in the input's order (also for layers that run backwards)
 * @param gates        gate activations by name in the cell's packing order, each (H): LSTM i, f, g, o
 *                     (g is the candidate cell, tanh); GRU r, z, n (n the candidate); SimpleRNN h
 * @param cell         cell state c_t (H), LSTM only; null for GRU and SimpleRNN
 * @param hidden       hidden state h_t (H)
 * @param gradientNorm ‖∂L/∂h_t‖: how much of the loss's gradient reaches step t (through the output at t,
 *                     for a layer returning sequences, and through all later steps)
 */
public record StepState(int t, Map<String, double[]> gates, double[] cell, double[] hidden, double gradientNorm) {

    public StepState {
        gates = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(gates));
    }
}
