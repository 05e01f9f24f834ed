package dev.gated.reference;

import static dev.gated.reference.RecurrentCase.B;
import static dev.gated.reference.RecurrentCase.H;
import static dev.gated.reference.RecurrentCase.I;
import static dev.gated.reference.RecurrentCase.T;

import dev.gated.layer.BuildContext;
import dev.gated.layer.Mode;
import dev.gated.layer.Parameter;
import dev.gated.layer.recurrent.Bidirectional;
import dev.gated.layer.recurrent.Cell;
import dev.gated.layer.recurrent.GruCell;
import dev.gated.layer.recurrent.Recurrent;
import dev.gated.layer.recurrent.RecurrentState;
import dev.gated.reference.RecurrentCase.Data;
import dev.gated.reference.RecurrentCase.Kind;
import dev.gated.reference.RecurrentCase.Result;
import dev.gated.tensor.Precision;
import dev.gated.tensor.Tensor;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The Gated side of a reference case: one {@link Recurrent} per layer and direction (the two directions of
 * a layer are the {@link Bidirectional} wrapper's {@code forwardLayer()} and {@code backwardLayer()}), loaded
 * with PyTorch's weights, run forward, then backward with the loss's gradients. Everything it returns is
 * converted to PyTorch's layout (weight_ih = Wᵀ, weight_hh = Uᵀ).
 */
final class GatedRecurrent {

    private final RecurrentCase c;
    private final Data d;
    private final Bidirectional[] wrappers;  // per layer, when bidirectional
    private final Recurrent[] slots;         // per slot k = l·D + d

    GatedRecurrent(RecurrentCase c, Data d) {
        this.c = c;
        this.d = d;
        this.wrappers = new Bidirectional[c.layers()];
        this.slots = new Recurrent[c.slots()];
        for (int l = 0; l < c.layers(); l++) {
            int[] inputShape = {T, c.inputSize(l)};
            BuildContext context = new BuildContext(Precision.FLOAT32, new SplittableRandom(1));
            if (c.bidirectional()) {
                wrappers[l] = new Bidirectional(c.kind().newLayer(H).returnSequences(true), Bidirectional.Merge.CONCAT);
                wrappers[l].build(inputShape, context);
                slots[2 * l] = wrappers[l].forwardLayer();
                slots[2 * l + 1] = wrappers[l].backwardLayer();
            } else {
                slots[l] = c.kind().newLayer(H).returnSequences(true);
                slots[l].build(inputShape, context);
            }
        }
        for (int k = 0; k < slots.length; k++) {
            load(k);
        }
    }

    /** Gate block of PyTorch row g in Gated's columns: the identity, or blocks 0 and 1 swapped (a planted bug). */
    private int column(int g) {
        if (!c.swapFirstTwoGates() || g >= 2 * H) {
            return g;
        }
        return g < H ? g + H : g - H;
    }

    /** W[i, g] = weight_ih[g, i]; U[j, g] = weight_hh[g, j]; b = bias_ih + bias_hh, or GRU b = bias_ih, b̂ = bias_hh. */
    private void load(int k) {
        Cell cell = slots[k].cell();
        int in = c.inputSize(k / c.directions());
        int width = c.width();
        Tensor w = cell.kernel().value();
        Tensor u = cell.recurrentKernel().value();
        Tensor b = cell.bias().value();
        for (int g = 0; g < width; g++) {
            int col = column(g);
            for (int i = 0; i < in; i++) {
                w.set(i * width + col, d.wIh[k][g * in + i]);
            }
            for (int j = 0; j < H; j++) {
                u.set(j * width + col, d.wHh[k][g * H + j]);
            }
            if (cell instanceof GruCell gru) {
                b.set(col, d.bIh[k][g]);
                gru.recurrentBias().value().set(col, d.bHh[k][g]);
            } else {
                b.set(col, d.bIh[k][g] + d.bHh[k][g]);
            }
        }
    }

    Result run() {
        for (Recurrent layer : slots) {
            layer.parameters().forEach(Parameter::zeroGrad);
        }
        Result r = new Result(slots.length);
        r.hN = new float[c.slots() * B * H];
        r.cN = c.kind() == Kind.LSTM ? new float[c.slots() * B * H] : null;
        r.dh0 = new float[c.slots() * B * H];
        r.dc0 = c.kind() == Kind.LSTM ? new float[c.slots() * B * H] : null;
        if (c.wrapper()) {
            runThroughWrapper(r);
        } else {
            runSlots(r);
        }
        for (int k = 0; k < slots.length; k++) {
            Tensor[] initial = slots[k].initialStateGradients();
            put(r.dh0, k, initial[0]);
            if (r.dc0 != null) {
                put(r.dc0, k, initial[1]);
            }
            readGradients(k, r);
        }
        return r;
    }

    /** Forward layer by layer (each direction with its slice of h0, c0), then backward from the top. */
    private void runSlots(Result r) {
        int dirs = c.directions();
        Tensor input = Tensor.of(d.x.clone(), B, T, I);
        for (int l = 0; l < c.layers(); l++) {
            Tensor[] outputs = new Tensor[dirs];
            for (int dir = 0; dir < dirs; dir++) {
                int k = l * dirs + dir;
                Tensor h0 = c.initialState() ? slice(d.h0, k) : null;  // null: zeros, as in a model
                Tensor c0 = c.initialState() && c.kind() == Kind.LSTM ? slice(d.c0, k) : null;
                RecurrentState s = slots[k].call(input, null, h0, c0);
                outputs[dir] = s.output();
                put(r.hN, k, s.finalHidden());
                if (r.cN != null) {
                    put(r.cN, k, s.finalCell());
                }
            }
            input = concat(outputs);
        }
        r.output = input.toFloatArray();

        Tensor dOutput = Tensor.of(d.rOut.clone(), B, T, dirs * H);
        for (int l = c.layers() - 1; l >= 0; l--) {
            Tensor dInput = null;
            for (int dir = 0; dir < dirs; dir++) {
                int k = l * dirs + dir;
                Tensor dFinalCell = c.kind() == Kind.LSTM ? slice(d.rC, k) : null;
                Tensor dx = slots[k].backward(part(dOutput, dir, dirs), slice(d.rH, k), dFinalCell);
                if (dInput == null) {
                    dInput = dx.copy();
                } else {
                    for (int i = 0; i < dx.size(); i++) {
                        dInput.add(i, dx.get(i));
                    }
                }
            }
            dOutput = dInput;
        }
        r.dx = dOutput.toFloatArray();
    }

    /** One bidirectional layer through {@link Bidirectional#forward} and {@link Bidirectional#backward}. */
    private void runThroughWrapper(Result r) {
        if (c.layers() != 1 || !c.bidirectional() || c.initialState()) {
            throw new IllegalArgumentException("wrapper mode drives one bidirectional layer from zero state");
        }
        Tensor y = wrappers[0].forward(Tensor.of(d.x.clone(), B, T, I), null, Mode.INFERENCE);
        r.output = y.toFloatArray();
        r.hN = null;  // Bidirectional.forward returns no final state
        r.cN = null;
        r.dx = wrappers[0].backward(Tensor.of(d.rOut.clone(), B, T, 2 * H)).toFloatArray();
    }

    /** Gated's gradients in PyTorch's layout: weight_ih.grad = (∂L/∂W)ᵀ, weight_hh.grad = (∂L/∂U)ᵀ. */
    private void readGradients(int k, Result r) {
        Cell cell = slots[k].cell();
        int in = c.inputSize(k / c.directions());
        int width = c.width();
        Tensor dw = cell.kernel().grad();
        Tensor du = cell.recurrentKernel().grad();
        Tensor db = cell.bias().grad();
        Tensor dbHat = cell instanceof GruCell gru ? gru.recurrentBias().grad() : db;
        r.dWih[k] = new float[width * in];
        r.dWhh[k] = new float[width * H];
        r.dBih[k] = new float[width];
        r.dBhh[k] = new float[width];
        for (int g = 0; g < width; g++) {
            int col = column(g);
            for (int i = 0; i < in; i++) {
                r.dWih[k][g * in + i] = (float) dw.get(i * width + col);
            }
            for (int j = 0; j < H; j++) {
                r.dWhh[k][g * H + j] = (float) du.get(j * width + col);
            }
            r.dBih[k][g] = (float) db.get(col);
            r.dBhh[k][g] = (float) dbHat.get(col);
        }
    }

    /** Slot k of a (L·D, B, H) array as a (B, H) tensor. */
    private static Tensor slice(float[] states, int k) {
        return Tensor.of(Arrays.copyOfRange(states, k * B * H, (k + 1) * B * H), B, H);
    }

    private static void put(float[] states, int k, Tensor state) {
        System.arraycopy(state.toFloatArray(), 0, states, k * B * H, B * H);
    }

    /** [y_0, …, y_{D−1}] along the last axis: (B, T, H) each → (B, T, D·H), PyTorch's [forward, reverse]. */
    private static Tensor concat(Tensor[] parts) {
        int dirs = parts.length;
        Tensor y = Tensor.zeros(Precision.FLOAT32, B, T, dirs * H);
        for (int row = 0; row < B * T; row++) {
            for (int dir = 0; dir < dirs; dir++) {
                y.copyFrom(parts[dir], row * H, (row * dirs + dir) * H, H);
            }
        }
        return y;
    }

    /** Direction dir's (B, T, H) block of a (B, T, D·H) gradient. */
    private static Tensor part(Tensor whole, int dir, int dirs) {
        Tensor p = Tensor.zeros(Precision.FLOAT32, B, T, H);
        for (int row = 0; row < B * T; row++) {
            p.copyFrom(whole, (row * dirs + dir) * H, row * H, H);
        }
        return p;
    }
}
