package dev.gated.spark;

import dev.gated.layer.Mode;
import dev.gated.layer.Parameter;
import dev.gated.model.Model;
import dev.gated.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The b examples a partition trains on at step s, and one forward/backward pass over them, as the engine's
 * training loop does for a batch:
 * <pre>
 *   rows     j = 0..b-1:  example (s·b + j) mod n of the partition   (n = the partition's examples)
 *   x (b, inShape), y (b, outShape)
 *   zeroGrad ─► forward(x, TRAINING) ─► L = loss(ŷ, y) (a mean over the b rows), dL/dŷ ─► backward: grad = ∂L/∂w
 * </pre>
 *
 * @param x the inputs
 * @param y the targets
 */
record LocalBatch(Tensor x, Tensor y) {

    static LocalBatch of(List<Example> local, long step, int batch, int[] inShape, int[] outShape) {
        return new LocalBatch(Tensor.of(stack(local, step, batch, inShape, true), with(batch, inShape)),
                Tensor.of(stack(local, step, batch, outShape, false), with(batch, outShape)));
    }

    /** Zeroes the gradients, runs forward and backward; returns L, the mean loss over the batch. */
    double gradient(Model model, long seed) {
        model.parameters().forEach(Parameter::zeroGrad);
        Model.Pass pass = model.forward(List.of(x), null, Mode.training(seed), null);
        Tensor out = pass.outputs().get(0);
        Tensor dy = out.zerosLike();
        double loss = model.loss().compute(out, y.to(out.precision()), pass.masks().get(0), dy);
        List<Tensor> dys = new ArrayList<>();
        dys.add(dy);
        model.backward(dys);
        return loss;
    }

    private static double[] stack(List<Example> local, long step, int batch, int[] shape, boolean inputs) {
        int size = 1;
        for (int d : shape) {
            size *= d;
        }
        double[] out = new double[batch * size];
        for (int j = 0; j < batch; j++) {
            Example e = local.get((int) ((step * batch + j) % local.size()));
            double[] v = inputs ? e.input() : e.target();
            if (v.length != size) {
                throw new IllegalArgumentException("an example's " + (inputs ? "input" : "target") + " has "
                        + v.length + " values but the model expects " + size + " (shape " + Arrays.toString(shape) + ")");
            }
            System.arraycopy(v, 0, out, j * size, size);
        }
        return out;
    }

    private static int[] with(int batch, int[] shape) {
        int[] s = new int[shape.length + 1];
        s[0] = batch;
        System.arraycopy(shape, 0, s, 1, shape.length);
        return s;
    }
}
