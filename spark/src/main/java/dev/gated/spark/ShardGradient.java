package dev.gated.spark;

import dev.gated.layer.Parameter;
import dev.gated.model.Model;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.broadcast.Broadcast;

/**
 * The work of one partition in one synchronous step, on an executor: the model (read once per JVM from the
 * broadcast file) takes the step's weights and computes the gradient of its {@link LocalBatch}, then sends
 * <pre>
 *   b · ∂L/∂w  (L the mean loss over its b rows, so this is the sum over them),  b · L
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
        return List.of(of(file, weights.value(), step, batch, inShape, outShape, partition, local)).iterator();
    }

    /** b · ∂L/∂w and b · L of partition {@code partition}'s local batch at step {@code step}, at {@code w}. */
    static GradientSum of(Broadcast<byte[]> file, double[] w, int step, int batch, int[] inShape, int[] outShape,
                          int partition, List<Example> local) {
        String key = "train-" + file.id();
        Model model = ExecutorModels.borrow(key, file::value);
        try {
            long start = System.nanoTime();
            List<Parameter> params = model.parameters();
            FlatParameters.setWeights(params, w);
            LocalBatch b = LocalBatch.of(local, step, batch, inShape, outShape);
            double loss = b.gradient(model, step * 1_000_003L + partition);
            double[] g = new double[FlatParameters.size(params)];
            FlatParameters.addGradients(params, batch, g);
            long nanos = System.nanoTime() - start;
            return new GradientSum(g, loss * batch, batch, nanos, nanos);
        } finally {
            ExecutorModels.giveBack(key, model);
        }
    }
}
