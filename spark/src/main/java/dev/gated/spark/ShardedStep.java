package dev.gated.spark;

import dev.gated.layer.Parameter;
import dev.gated.optim.GradientClipping;
import dev.gated.optim.Optimizer;
import dev.gated.tensor.Precision;
import dev.gated.tensor.Tensor;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.TaskContext;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;

/**
 * The three pieces of work of one step of {@link ShardedSynchronisation}, run on executors (N partitions, N
 * slices of P, see {@link ParameterSlices}):
 * <pre>
 *   {@link #scatter}   slice owner j:   (j, w_j)  ─►  (p, (j, w_j)) for p = 0..N-1           all-gather, by shuffle
 *   {@link #gradients} partition p:     w = concat_j w_j;  g_p = b · ∂L/∂w on its b examples
 *                                       ─►  (j, g_p[slice j]) for j = 0..N-1                  reduce-scatter, by shuffle
 *                      (reduceByKey)    G_j = Σ_p g_p[slice j]
 *   {@link #update}    slice owner j:   grad_j = G_j / (N·b) · c;  clipping by value;  the optimizer's step on
 *                                       (w_j, its state on slice j)  ─►  the new SliceState
 * </pre>
 * c is 1, or threshold / ‖grad‖ when the model clips by global norm and the norm is above it (the driver
 * sums the slices' squared norms first). Every optimizer of the engine updates each weight from its own
 * gradient and state alone (SGD, momentum, RMSprop, Adam, AdamW), so stepping slice by slice gives the
 * whole-vector step.
 */
record ShardedStep(Broadcast<byte[]> file, int step, int batch, int[] inShape, int[] outShape, TaskFault fault,
                   ParameterSlices slices, String optimizer, Map<String, String> config, Precision precision,
                   GradientClipping.Kind clipping, double threshold) implements Serializable {

    Iterator<Tuple2<Integer, Tuple2<Integer, double[]>>> scatter(Tuple2<Integer, SliceState> owned) {
        List<Tuple2<Integer, Tuple2<Integer, double[]>>> out = new ArrayList<>(slices.count());
        for (int p = 0; p < slices.count(); p++) {
            out.add(new Tuple2<>(p, new Tuple2<>(owned._1(), owned._2().weights())));
        }
        return out.iterator();
    }

    Iterator<Tuple2<Integer, GradientSum>> gradients(Iterator<Example> rows,
                                                     Iterator<Tuple2<Integer, double[]>> gathered) {
        int partition = TaskContext.getPartitionId();
        fault.before("partition " + partition + ", step " + step);
        double[] w = new double[slices.parameters()];
        int received = 0;
        while (gathered.hasNext()) {
            Tuple2<Integer, double[]> slice = gathered.next();
            slices.paste(slice._2(), slice._1(), w);
            received++;
        }
        if (received != slices.count()) {
            throw new IllegalStateException("partition " + partition + " received " + received + " of "
                    + slices.count() + " weight slices at step " + step);
        }
        List<Example> local = new ArrayList<>();
        rows.forEachRemaining(local::add);
        if (local.isEmpty()) {
            return List.<Tuple2<Integer, GradientSum>>of().iterator();
        }
        GradientSum g = ShardGradient.of(file, w, step, batch, inShape, outShape, partition, local);
        List<Tuple2<Integer, GradientSum>> out = new ArrayList<>(slices.count());
        for (int j = 0; j < slices.count(); j++) {
            out.add(new Tuple2<>(j, new GradientSum(slices.cut(g.gradient(), j), g.loss(), g.examples(),
                    g.computeNanos(), g.maxComputeNanos())));
        }
        return out.iterator();
    }

    /** Σ over slice j of grad², grad = G_j / examples, as the whole gradient's norm sums it. */
    static double squaredNorm(GradientSum g) {
        double scale = 1.0 / g.examples();
        double sum = 0;
        for (double v : g.gradient()) {
            sum += (scale * v) * (scale * v);
        }
        return sum;
    }

    /** The slice owner's optimizer step; {@code factor} is c above. */
    SliceState update(SliceState s, GradientSum g, double factor) {
        int n = s.weights().length;
        Tensor value = Tensor.zeros(precision, n);
        Tensor grad = Tensor.zeros(precision, n);
        double scale = 1.0 / g.examples();
        for (int i = 0; i < n; i++) {
            value.set(i, s.weights()[i]);
            grad.set(i, scale * g.gradient()[i]);
        }
        if (factor != 1) {
            for (int i = 0; i < n; i++) {
                grad.set(i, grad.get(i) * factor);
            }
        }
        List<Parameter> param = List.of(new Parameter("slice " + s.slice(), value, grad));
        if (clipping == GradientClipping.Kind.VALUE) {
            GradientClipping.byValue(threshold).apply(param);
        }
        Optimizer o = Optimizer.fromConfig(optimizer, config);
        List<Tensor> state = new ArrayList<>();
        for (double[] slot : s.slots()) {
            state.add(Tensor.of(slot.clone(), n).to(precision));   // a copy: the cached state must not change
        }
        o.restore(s.iterations(), state, param);
        o.step(param);
        List<Tensor> after = o.state();
        double[][] slots = new double[after.size()][];
        for (int k = 0; k < slots.length; k++) {
            slots[k] = after.get(k).toDoubleArray();
        }
        return new SliceState(s.slice(), value.toDoubleArray(), o.iterations(), slots, g.loss(), g.examples(),
                g.maxComputeNanos());
    }
}
