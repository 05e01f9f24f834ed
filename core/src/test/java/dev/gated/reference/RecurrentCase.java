package dev.gated.reference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.internal.NDArrayEx;
import dev.gated.layer.recurrent.Recurrent;
import java.util.SplittableRandom;

/**
 * One reference case: which cell, how many layers and directions, whether the initial state is non-zero,
 * and the random data both sides are given (weights in PyTorch's layout, inputs, initial state and the
 * fixed random weightings R that make the loss reach every output and final state).
 *
 * <pre>
 * B = 3 batch, T = 5 steps, I = 4 input features, H = 6 hidden units, D directions, L layers, G gates
 * slot k = l·D + d: layer l, direction d (0 forward, 1 reverse) — PyTorch's order of h_n and of the weights
 * x       (B, T, I)             batch-first
 * h0, c0  (L·D, B, H)           zeros unless initialState
 * rOut    (B, T, D·H)           loss = Σ output ⊙ rOut + Σ h_n ⊙ rH (+ Σ c_n ⊙ rC for LSTM)
 * rH, rC  (L·D, B, H)           zeros in wrapper mode (Bidirectional's backward takes no state gradient)
 * wIh[k]  (G·H, in_l)           in_0 = I, in_l = D·H above the first layer
 * wHh[k]  (G·H, H)     bIh[k], bHh[k] (G·H)
 * </pre>
 */
record RecurrentCase(Kind kind, String name, int layers, boolean bidirectional, boolean initialState,
                     boolean wrapper, boolean swapFirstTwoGates) {

    static final int B = 3;
    static final int T = 5;
    static final int I = 4;
    static final int H = 6;

    /** The cell types, with their Gated factory and their PyTorch op ({@code _VF.rnn_tanh / lstm / gru}). */
    enum Kind {
        RNN(1), LSTM(4), GRU(3);

        final int gates;

        Kind(int gates) {
            this.gates = gates;
        }

        Recurrent newLayer(int units) {
            return switch (this) {
                case RNN -> Recurrent.simpleRnn(units);
                case LSTM -> Recurrent.lstm(units);
                case GRU -> Recurrent.gru(units);
            };
        }

        /** PyTorch's multi-layer op, batch-first, with biases, no dropout: (output, h_n[, c_n]). */
        NDList torch(NDArray x, NDArray h0, NDArray c0, NDList params, int layers, boolean bidirectional) {
            NDArrayEx ex = x.getNDArrayInternal();
            return switch (this) {
                case RNN -> ex.rnn(x, h0, params, true, layers, ai.djl.nn.recurrent.RNN.Activation.TANH,
                        0.0, true, bidirectional, true);
                case LSTM -> ex.lstm(x, new NDList(h0, c0), params, true, layers, 0.0, true, bidirectional, true);
                case GRU -> ex.gru(x, h0, params, true, layers, 0.0, true, bidirectional, true);
            };
        }
    }

    static RecurrentCase of(Kind kind, String name, int layers, boolean bidirectional, boolean initialState) {
        return new RecurrentCase(kind, name, layers, bidirectional, initialState, false, false);
    }

    int directions() {
        return bidirectional ? 2 : 1;
    }

    int slots() {
        return layers * directions();
    }

    int inputSize(int layer) {
        return layer == 0 ? I : directions() * H;
    }

    int width() {
        return kind.gates * H;
    }

    /** PyTorch's parameter suffix for slot k: {@code l0}, {@code l1_reverse}. */
    String suffix(int slot) {
        return "l" + slot / directions() + (slot % directions() == 1 ? "_reverse" : "");
    }

    String title() {
        return kind + " " + name + " (B=" + B + " T=" + T + " I=" + I + " H=" + H + ", layers=" + layers
                + (bidirectional ? ", bidirectional" : "") + (initialState ? ", non-zero h0" + (kind == Kind.LSTM ? "/c0" : "") : "")
                + (wrapper ? ", through Bidirectional.forward/backward, loss on outputs only" : "")
                + (swapFirstTwoGates ? ", Gated loaded with gate blocks 0 and 1 swapped" : "") + ")";
    }

    /** A fixed seed per configuration, so each case always sees the same numbers. */
    long seed() {
        return 1000L * (kind.ordinal() + 1) + 100L * layers + (bidirectional ? 10 : 0) + (initialState ? 1 : 0)
                + (wrapper ? 5 : 0);
    }

    /** The numbers both sides are given. */
    Data data() {
        SplittableRandom random = new SplittableRandom(seed());
        int slots = slots();
        int stateSize = slots * B * H;
        Data d = new Data(slots);
        d.x = uniform(random, B * T * I, 1.0);
        for (int k = 0; k < slots; k++) {
            int in = inputSize(k / directions());
            d.wIh[k] = uniform(random, width() * in, 0.5);
            d.wHh[k] = uniform(random, width() * H, 0.5);
            d.bIh[k] = uniform(random, width(), 0.5);
            d.bHh[k] = uniform(random, width(), 0.5);
        }
        d.h0 = initialState ? uniform(random, stateSize, 1.0) : new float[stateSize];
        d.c0 = initialState && kind == Kind.LSTM ? uniform(random, stateSize, 1.0) : new float[stateSize];
        d.rOut = uniform(random, B * T * directions() * H, 1.0);
        d.rH = wrapper ? new float[stateSize] : uniform(random, stateSize, 1.0);
        d.rC = wrapper || kind != Kind.LSTM ? new float[stateSize] : uniform(random, stateSize, 1.0);
        return d;
    }

    private static float[] uniform(SplittableRandom random, int n, double scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) random.nextDouble(-scale, scale);
        }
        return a;
    }

    /** Inputs, initial state, loss weightings and weights, all in PyTorch's layout. */
    static final class Data {
        float[] x;
        float[] h0;
        float[] c0;
        float[] rOut;
        float[] rH;
        float[] rC;
        final float[][] wIh;
        final float[][] wHh;
        final float[][] bIh;
        final float[][] bHh;

        Data(int slots) {
            wIh = new float[slots][];
            wHh = new float[slots][];
            bIh = new float[slots][];
            bHh = new float[slots][];
        }
    }

    /**
     * What one side computed, in PyTorch's layout: forward values and the gradients of the loss. States and
     * their gradients are (L·D, B, H); weight gradients per slot.
     */
    static final class Result {
        float[] output;
        float[] hN;
        float[] cN;
        float[] dx;
        float[] dh0;
        float[] dc0;
        final float[][] dWih;
        final float[][] dWhh;
        final float[][] dBih;
        final float[][] dBhh;

        Result(int slots) {
            dWih = new float[slots][];
            dWhh = new float[slots][];
            dBih = new float[slots][];
            dBhh = new float[slots][];
        }
    }
}
