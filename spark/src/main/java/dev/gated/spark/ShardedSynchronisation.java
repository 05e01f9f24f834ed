package dev.gated.spark;

import dev.gated.layer.Parameter;
import dev.gated.model.Model;
import dev.gated.optim.GradientClipping;
import dev.gated.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Synchronous data-parallel SGD with the parameters sharded across the executors, as BigDL does (Dai et al.,
 * SoCC 2019, its AllReduceParameter), built from Spark's public RDD operations instead of BigDL's direct use of
 * the block manager. With N partitions the flat weight vector is cut into N slices ({@link ParameterSlices});
 * slice j, with the optimizer's state on it, lives in partition j of a cached RDD partitioned by slice, and
 * each step is one Spark job of three stages ({@link ShardedStep}):
 * <pre>
 *   state_s (j ↦ w_j, optimizer state)  ─flatMap─►  N copies of each w_j  ─shuffle (all-gather)─►  partition p
 *   partition p: w ─► g_p on its b examples ─► N slices of g_p ─shuffle, reduceByKey (reduce-scatter)─► G_j
 *   join with state_s (co-partitioned: no shuffle) ─► optimizer step on slice j ─► state_{s+1} (cached)
 * </pre>
 * The driver only schedules: per step it receives N small records (loss, batch, compute time), not P values;
 * each executor sends and receives ≈ 2·P·8·(N−1)/N bytes, whatever N. Each new state is local-checkpointed
 * (kept in the executors' block managers, its lineage cut), so the job stays the same size at every step; the
 * price, as in BigDL, is that an executor lost between steps loses its slices and the run stops with Spark's
 * error (a task failing inside a step is retried as usual). At the end the slices come back to the driver
 * once, into the model's weights and its optimizer's state.
 */
final class ShardedSynchronisation {

    private final Model model;
    private final int batch;
    private final TaskFault fault;

    ShardedSynchronisation(Model model, int batch, TaskFault fault) {
        this.model = model;
        this.batch = batch;
        this.fault = fault;
    }

    List<DataParallelTrainer.Step> train(JavaRDD<Example> data, int first, int steps, Broadcast<byte[]> file) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(data.context());
        List<Parameter> params = model.parameters();
        int n = data.getNumPartitions();
        ParameterSlices slices = new ParameterSlices(FlatParameters.size(params), n);
        HashPartitioner bySlice = new HashPartitioner(n);   // key j ↦ partition j
        GradientClipping clip = model.clipping();
        int[] inShape = model.inputShapes().get(0);
        int[] outShape = DataParallelTrainer.outputShape(model);
        JavaPairRDD<Integer, SliceState> state = sc.parallelizePairs(initial(slices), n).partitionBy(bySlice)
                .persist(StorageLevel.MEMORY_AND_DISK());
        List<DataParallelTrainer.Step> out = new ArrayList<>();
        try {
            for (int s = first; s < first + steps; s++) {
                long start = System.nanoTime();
                ShardedStep f = new ShardedStep(file, s, batch, inShape, outShape, fault, slices,
                        model.optimizer().name(), model.optimizer().config(), model.precision(), clip.kind(),
                        clip.threshold());
                JavaRDD<Tuple2<Integer, double[]>> gathered = state.flatMapToPair(f::scatter)
                        .partitionBy(bySlice).values();
                JavaPairRDD<Integer, GradientSum> summed = JavaPairRDD.fromJavaRDD(data.zipPartitions(gathered,
                        f::gradients)).reduceByKey(bySlice, GradientSum::plus);
                double factor = 1;
                if (clip.kind() == GradientClipping.Kind.GLOBAL_NORM) {
                    summed = summed.persist(StorageLevel.MEMORY_AND_DISK());
                    double norm = Math.sqrt(summed.values().map(ShardedStep::squaredNorm).reduce(Double::sum));
                    factor = norm > clip.threshold() ? clip.threshold() / norm : 1;
                }
                double c = factor;
                JavaPairRDD<Integer, SliceState> next = state.join(summed, bySlice)
                        .mapValues(t -> f.update(t._1(), t._2(), c));
                next.rdd().localCheckpoint();
                List<SliceState> figures = next.values().map(SliceState::figures).collect();
                state.unpersist(false);
                summed.unpersist(false);
                state = next;
                if (figures.size() != n || figures.get(0).examples() == 0) {   // no gradient reached the slices
                    throw new IllegalArgumentException("the training data is empty: no partition holds an example");
                }
                SliceState any = figures.get(0);
                double wall = (System.nanoTime() - start) / 1e9;
                double compute = any.maxComputeNanos() / 1e9;
                out.add(new DataParallelTrainer.Step(s, any.loss() / any.examples(), any.examples(), wall, compute,
                        wall - compute));
            }
            restore(slices, state.values().collect());
        } finally {
            state.unpersist(false);
        }
        return out;
    }

    /** The model's weights and optimizer state, cut into slices. */
    private List<Tuple2<Integer, SliceState>> initial(ParameterSlices slices) {
        List<Parameter> params = model.parameters();
        double[] w = FlatParameters.weights(params);
        List<double[]> slots = flatSlots(params, model.optimizer().state());
        List<Tuple2<Integer, SliceState>> out = new ArrayList<>();
        for (int j = 0; j < slices.count(); j++) {
            double[][] cut = new double[slots.size()][];
            for (int k = 0; k < cut.length; k++) {
                cut[k] = slices.cut(slots.get(k), j);
            }
            out.add(new Tuple2<>(j, new SliceState(j, slices.cut(w, j), model.optimizer().iterations(), cut, 0, 0, 0)));
        }
        return out;
    }

    /** The optimizer's state [p0 slot0, p0 slot1, …, p1 slot0, …] as one flat vector (P) per slot. */
    private static List<double[]> flatSlots(List<Parameter> params, List<Tensor> state) {
        List<double[]> out = new ArrayList<>();
        int k = state.size() / params.size();
        for (int slot = 0; slot < k; slot++) {
            double[] flat = new double[FlatParameters.size(params)];
            int at = 0;
            for (int i = 0; i < params.size(); i++) {
                Tensor t = state.get(i * k + slot);
                for (int e = 0; e < t.size(); e++) {
                    flat[at++] = t.get(e);
                }
            }
            out.add(flat);
        }
        return out;
    }

    /** Writes the final slices back into the model's weights and its optimizer's state. */
    private void restore(ParameterSlices slices, List<SliceState> finals) {
        List<Parameter> params = model.parameters();
        double[] w = new double[slices.parameters()];
        int k = finals.get(0).slots().length;
        double[][] slots = new double[k][slices.parameters()];
        for (SliceState s : finals) {
            slices.paste(s.weights(), s.slice(), w);
            for (int slot = 0; slot < k; slot++) {
                slices.paste(s.slots()[slot], s.slice(), slots[slot]);
            }
        }
        FlatParameters.setWeights(params, w);
        List<Tensor> state = new ArrayList<>();
        int at = 0;
        for (Parameter p : params) {
            for (int slot = 0; slot < k; slot++) {
                Tensor t = p.value().zerosLike();
                for (int e = 0; e < t.size(); e++) {
                    t.set(e, slots[slot][at + e]);
                }
                state.add(t);
            }
            at += p.value().size();
        }
        model.optimizer().restore(finals.get(0).iterations(), state, params);
    }
}
