package dev.gated.spark;

import dev.gated.layer.Mode;
import dev.gated.layer.Parameter;
import dev.gated.model.Model;
import dev.gated.tensor.Tensor;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.broadcast.Broadcast;

/**
 * The work of one partition in one synchronous step, on an executor: the model (read once per JVM from the
 * broadcast file) takes the step's weights, and computes the summed gradient of its local batch, exactly as
 * the engine's training loop does for a batch:
 * <pre>
 *   rows     j = 0..b-1:  example (s·b + j) mod n of this partition   (s = step, n = the partition's examples)
 *   zeroGrad ─► forward(x, TRAINING) ─► L = loss(ŷ, y) (mean over the b rows), dL/dŷ ─► backward
 *   send     b · ∂L/∂w  (a sum over the b rows),  b · L
 * </pre>
 *
 * @param file      the model file (architecture, loss), broadcast once per training run
 * @param weights   the step's weights (P), broadcast every step
 * @param step      s
 * @param batch     b, examples per partition per step
 * @param inShape   one example's input shape (e.g. T, F)
 * @param outShape  one example's target shape (e.g. H)
 * @param fault     called first (tests rehearse a lost task with it)
 */
record ShardGradient(Broadcast<byte[]> file, Broadcast<double[]> weights, int step, int batch, int[] inShape,
                     int[] outShape, TaskFault fault) implements Serializable {

    Iterator<GradientSum> run(int partition, Iterator<Example> rows) {
        fault.before("partition " + partition + ", step " + step);
        List<Example> local = new ArrayList<>();
        rows.forEachRemaining(local::add);
        if (local.isEmpty()) {
            return List.<GradientSum>of().iterator();
        }
        String key = "train-" + file.id();
        Model model = ExecutorModels.borrow(key, file::value);
        try {
            long start = System.nanoTime();
            List<Parameter> params = model.parameters();
            FlatParameters.setWeights(params, weights.value());
            params.forEach(Parameter::zeroGrad);
            Tensor x = Tensor.of(stack(local, true), with(batch, inShape));
            Tensor y = Tensor.of(stack(local, false), with(batch, outShape));
            Model.Pass pass = model.forward(List.of(x), null, Mode.training(step * 1_000_003L + partition), null);
            Tensor out = pass.outputs().get(0);
            Tensor dy = out.zerosLike();
            double loss = model.loss().compute(out, y.to(out.precision()), pass.masks().get(0), dy);
            List<Tensor> dyList = new ArrayList<>();
            dyList.add(dy);
            model.backward(dyList);
            double[] g = new double[FlatParameters.size(params)];
            FlatParameters.addGradients(params, batch, g);
            long nanos = System.nanoTime() - start;
            return List.of(new GradientSum(g, loss * batch, batch, nanos, nanos)).iterator();
        } finally {
            ExecutorModels.giveBack(key, model);
        }
    }

    /** (b, size) inputs or targets of this step's local batch. */
    private double[] stack(List<Example> local, boolean inputs) {
        int size = 1;
        for (int d : inputs ? inShape : outShape) {
            size *= d;
        }
        double[] out = new double[batch * size];
        for (int j = 0; j < batch; j++) {
            Example e = local.get((int) (((long) step * batch + j) % local.size()));
            double[] v = inputs ? e.input() : e.target();
            if (v.length != size) {
                throw new IllegalArgumentException("an example's " + (inputs ? "input" : "target") + " has "
                        + v.length + " values but the model expects " + size + " (shape "
                        + java.util.Arrays.toString(inputs ? inShape : outShape) + ")");
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
