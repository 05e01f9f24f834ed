package dev.gated.reference;

import static dev.gated.reference.RecurrentCase.B;
import static dev.gated.reference.RecurrentCase.H;
import static dev.gated.reference.RecurrentCase.I;
import static dev.gated.reference.RecurrentCase.T;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.gated.reference.RecurrentCase.Data;
import dev.gated.reference.RecurrentCase.Kind;
import dev.gated.reference.RecurrentCase.Result;

/**
 * The PyTorch side of a reference case: {@code torch.nn.RNN/LSTM/GRU}'s own op ({@code _VF.rnn_tanh},
 * {@code _VF.lstm}, {@code _VF.gru} through DJL's {@code NDArrayEx}), float32 on the CPU, with autograd.
 * The flat parameter list is PyTorch's: for each layer, for each direction, {@code weight_ih, weight_hh,
 * bias_ih, bias_hh}.
 */
final class TorchRecurrent {

    private TorchRecurrent() {
    }

    static Result run(RecurrentCase c, Data d) {
        int slots = c.slots();
        Shape stateShape = new Shape(slots, B, H);
        try (NDManager m = TorchReference.manager()) {
            NDArray x = leaf(m, d.x, new Shape(B, T, I));
            NDArray h0 = leaf(m, d.h0, stateShape);
            NDArray c0 = leaf(m, d.c0, stateShape);
            NDList params = new NDList();
            NDArray[][] weights = new NDArray[slots][];
            for (int k = 0; k < slots; k++) {
                int in = c.inputSize(k / c.directions());
                weights[k] = new NDArray[] {
                    leaf(m, d.wIh[k], new Shape(c.width(), in)),
                    leaf(m, d.wHh[k], new Shape(c.width(), H)),
                    leaf(m, d.bIh[k], new Shape(c.width())),
                    leaf(m, d.bHh[k], new Shape(c.width())),
                };
                params.addAll(new NDList(weights[k]));
            }
            Result r = new Result(slots);
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDList out = c.kind().torch(x, h0, c0, params, c.layers(), c.bidirectional());
                NDArray output = out.get(0);   // (B, T, D·H)
                NDArray hN = out.get(1);       // (L·D, B, H)
                checkShape("output", output, new Shape(B, T, c.directions() * H));
                checkShape("h_n", hN, stateShape);
                NDArray loss = output.mul(m.create(d.rOut, output.getShape())).sum()
                        .add(hN.mul(m.create(d.rH, stateShape)).sum());
                if (c.kind() == Kind.LSTM) {
                    NDArray cN = out.get(2);
                    checkShape("c_n", cN, stateShape);
                    loss = loss.add(cN.mul(m.create(d.rC, stateShape)).sum());
                    r.cN = cN.toFloatArray();
                }
                gc.backward(loss);
                r.output = output.toFloatArray();
                r.hN = hN.toFloatArray();
            }
            r.dx = x.getGradient().toFloatArray();
            r.dh0 = h0.getGradient().toFloatArray();
            if (c.kind() == Kind.LSTM) {
                r.dc0 = c0.getGradient().toFloatArray();
            }
            for (int k = 0; k < slots; k++) {
                r.dWih[k] = weights[k][0].getGradient().toFloatArray();
                r.dWhh[k] = weights[k][1].getGradient().toFloatArray();
                r.dBih[k] = weights[k][2].getGradient().toFloatArray();
                r.dBhh[k] = weights[k][3].getGradient().toFloatArray();
            }
            return r;
        }
    }

    /** A float32 leaf tensor that collects its gradient. */
    private static NDArray leaf(NDManager m, float[] data, Shape shape) {
        NDArray a = m.create(data, shape);
        a.setRequiresGradient(true);
        return a;
    }

    private static void checkShape(String what, NDArray a, Shape expected) {
        if (!a.getShape().equals(expected)) {
            throw new IllegalStateException("PyTorch's " + what + " has shape " + a.getShape() + ", expected " + expected
                    + " — the DJL op's argument order (hasBiases, numLayers, dropout, train, bidirectional, batchFirst)"
                    + " may have changed");
        }
    }
}
