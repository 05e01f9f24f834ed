package dev.gated.spark;

import dev.gated.layer.Parameter;
import dev.gated.model.Model;
import dev.gated.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Synchronous data-parallel SGD of one model over the partitions of an RDD of examples:
 * <pre>
 *   driver: the master model (weights w, optimizer state)          N partitions, b examples each per step
 *   each step s:
 *     broadcast w (P values)  ─►  partition p: g_p = Σ_{its b examples} ∂loss/∂w at w    ({@link ShardGradient})
 *     treeAggregate  g = Σ_p g_p,  n = N·b                        (partial sums combined on executors, depth 2)
 *     driver: grad = g / n ─► clipping ─► optimizer.step           (exactly one step of batch N·b)
 * </pre>
 * Since the engine's losses are means over the batch, g / n is the mean gradient over the global batch: N
 * partitions × local batch b reach the same weights as one process with batch N·b, up to the order of floating
 * point additions (checked by the tests: 1e-9 relative in float64, 1e-5 in float32). Dropout masks differ
 * (seeded per partition), so only models without dropout are bit-for-bit comparable.
 *
 * <p>Traffic per step: P·8 bytes of weights to each executor (a broadcast, fetched once per JVM), and
 * P·8 bytes of gradient from each partition, summed on the way up. The driver's step is O(P).
 * {@link #shardedParameters()} takes the same steps without the driver in the data path
 * ({@link ShardedSynchronisation}: one slice of the weights and optimizer state per partition, BigDL-style).
 */
public final class DataParallelTrainer {

    /**
     * One step's figures.
     *
     * @param loss           the mean loss over the global batch, at the weights before the step
     * @param examples       N·b
     * @param wallSeconds    the whole step on the driver: broadcast, job, aggregation, optimizer step
     * @param computeSeconds the slowest partition's forward + backward (the step's critical path of compute)
     * @param syncSeconds    wallSeconds - computeSeconds: scheduling, broadcast, serialisation, aggregation,
     *                       the driver's update
     */
    public record Step(int step, double loss, long examples, double wallSeconds, double computeSeconds,
                       double syncSeconds) {
    }

    /** Steps of a run, with totals. */
    public record Report(List<Step> steps, int partitions, long parameters) {

        public double wallSeconds() {
            return steps.stream().mapToDouble(Step::wallSeconds).sum();
        }

        public double samplesPerSecond() {
            return steps.stream().mapToLong(Step::examples).sum() / wallSeconds();
        }

        /** Σ sync / Σ wall. */
        public double syncFraction() {
            return steps.stream().mapToDouble(Step::syncSeconds).sum() / wallSeconds();
        }

        public double lastLoss() {
            return steps.get(steps.size() - 1).loss();
        }
    }

    private final Model model;
    private final int batch;
    private TaskFault fault = TaskFault.NONE;
    private boolean sharded;

    /**
     * @param model a compiled model with one input and one output (its optimizer and clipping are used on the
     *              driver); it is trained in place
     * @param batch b, examples per partition per step
     */
    public DataParallelTrainer(Model model, int batch) {
        if (model.optimizer() == null) {
            throw new IllegalArgumentException("compile the model (optimizer, loss) before training it on Spark");
        }
        if (model.inputShapes().size() != 1 || model.losses().size() != 1) {
            throw new IllegalArgumentException("data-parallel training takes a model with one input and one output; "
                    + "this one has " + model.inputShapes().size() + " inputs and " + model.losses().size() + " outputs");
        }
        if (batch < 1) {
            throw new IllegalArgumentException("the local batch must be >= 1, got " + batch);
        }
        this.model = model;
        this.batch = batch;
    }

    /**
     * Synchronises through sharded parameters ({@link ShardedSynchronisation}, as BigDL does) instead of through
     * the driver: the weights and the optimizer's state are cut into one slice per partition, each slice summed
     * and stepped by one task, and the driver receives no P-sized vector per step. Same steps, same weights
     * (up to the order of the gradient sums).
     */
    public DataParallelTrainer shardedParameters() {
        this.sharded = true;
        return this;
    }

    /** Rehearses failures (tests): called at the start of each partition's work in each step. */
    public DataParallelTrainer withFault(TaskFault f) {
        this.fault = f;
        return this;
    }

    /**
     * Runs {@code steps} synchronous steps over {@code data} (cache it: it is read every step); each of its
     * partitions is one shard.
     */
    public Report train(JavaRDD<Example> data, int steps) {
        return train(data, 0, steps);
    }

    /** As {@link #train(JavaRDD, int)}, numbering the steps from {@code first} (to continue a run). */
    public Report train(JavaRDD<Example> data, int first, int steps) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(data.context());
        List<Parameter> params = model.parameters();
        int p = FlatParameters.size(params);
        int[] inShape = model.inputShapes().get(0);
        int[] outShape = outputShape(model);
        Broadcast<byte[]> file = sc.broadcast(ModelBytes.of(model));
        List<Step> out = new ArrayList<>();
        try {
            if (sharded) {
                return new Report(new ShardedSynchronisation(model, batch, fault).train(data, first, steps, file),
                        data.getNumPartitions(), p);
            }
            for (int s = first; s < first + steps; s++) {
                long start = System.nanoTime();
                Broadcast<double[]> weights = sc.broadcast(FlatParameters.weights(params));
                ShardGradient shard = new ShardGradient(file, weights, s, batch, inShape, outShape, fault);
                GradientSum sum = data.mapPartitionsWithIndex(shard::run, false)
                        .treeAggregate(GradientSum.zero(p), GradientSum::plus, GradientSum::plus, 2);
                weights.destroy();
                if (sum.examples() == 0) {
                    throw new IllegalArgumentException("the training data is empty: no partition holds an example");
                }
                FlatParameters.setGradients(params, sum.gradient(), 1.0 / sum.examples());
                model.clipping().apply(params);
                model.optimizer().step(params);
                double wall = (System.nanoTime() - start) / 1e9;
                double compute = sum.maxComputeNanos() / 1e9;
                out.add(new Step(s, sum.loss() / sum.examples(), sum.examples(), wall, compute, wall - compute));
            }
        } finally {
            ExecutorModels.forget("train-" + file.id());
            file.destroy();
        }
        return new Report(out, data.getNumPartitions(), p);
    }

    /** One example's output shape (without the batch axis), from a prediction on zeros. */
    static int[] outputShape(Model model) {
        int[] in = model.inputShapes().get(0);
        int[] shape = new int[in.length + 1];
        shape[0] = 1;
        for (int i = 0; i < in.length; i++) {
            shape[i + 1] = Math.max(1, in[i]);
        }
        Tensor y = model.predict(Tensor.zeros(model.precision(), shape));
        int[] s = y.shape();
        return java.util.Arrays.copyOfRange(s, 1, s.length);
    }
}
