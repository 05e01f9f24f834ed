package dev.gated.spark;

import dev.gated.layer.Parameter;
import dev.gated.model.Model;
import dev.gated.optim.Optimizer;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Periodic parameter averaging (local SGD, as DL4J's ParameterAveragingTrainingMaster): fewer synchronisations
 * than {@link DataParallelTrainer}, at the price of replicas that drift apart between them.
 * <pre>
 *   each round r:
 *     broadcast w  ─►  partition p: k local steps from w on its own batches (LocalBatch at steps r·k … r·k+k-1),
 *                       each: gradient ─► clipping ─► optimizer step (a fresh optimizer each round)   ─► w_p
 *     w ← (1/N) Σ_p w_p        (treeAggregate of the weight vectors)
 * </pre>
 * With k = 1 and plain SGD this is exactly synchronous SGD: the mean of N steps w − η·g_p is w − η·mean(g_p)
 * (the tests check it). With k &gt; 1 a round moves each replica k steps but costs one synchronisation.
 * Optimizer state (Adam's moments) is not averaged: each round starts a fresh optimizer of the model's kind
 * and settings, so stateful optimizers restart their moments every round (DL4J averages them instead).
 */
public final class ParameterAveraging {

    /**
     * One round's figures.
     *
     * @param loss        the mean loss of the local steps over all partitions
     * @param wallSeconds the round on the driver
     */
    public record Round(int round, double loss, long examples, double wallSeconds) {
    }

    private final Model model;
    private final int batch;
    private final int localSteps;

    /**
     * @param model      a compiled model (one input, one output), trained in place
     * @param batch      b, examples per partition per local step
     * @param localSteps k, local steps between averagings
     */
    public ParameterAveraging(Model model, int batch, int localSteps) {
        new DataParallelTrainer(model, batch);   // the same checks: compiled, one input and output, b >= 1
        if (localSteps < 1) {
            throw new IllegalArgumentException("local steps between averagings must be >= 1, got " + localSteps);
        }
        this.model = model;
        this.batch = batch;
        this.localSteps = localSteps;
    }

    /** Runs {@code rounds} rounds over the partitions of {@code data} (cache it). */
    public List<Round> train(JavaRDD<Example> data, int rounds) {
        return train(data, 0, rounds);
    }

    /** As {@link #train(JavaRDD, int)}, numbering the rounds from {@code first} (to continue a run). */
    public List<Round> train(JavaRDD<Example> data, int first, int rounds) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(data.context());
        List<Parameter> params = model.parameters();
        int p = FlatParameters.size(params);
        int[] inShape = model.inputShapes().get(0);
        int[] outShape = DataParallelTrainer.outputShape(model);
        Broadcast<byte[]> file = sc.broadcast(ModelBytes.of(model));
        List<Round> out = new ArrayList<>();
        try {
            for (int r = first; r < first + rounds; r++) {
                long start = System.nanoTime();
                Broadcast<double[]> weights = sc.broadcast(FlatParameters.weights(params));
                LocalRun run = new LocalRun(file, weights, r, localSteps, batch, inShape, outShape);
                WeightSum sum = data.mapPartitionsWithIndex(run::run, false)
                        .treeAggregate(WeightSum.zero(p), WeightSum::plus, WeightSum::plus, 2);
                weights.destroy();
                if (sum.replicas() == 0) {
                    throw new IllegalArgumentException("the training data is empty: no partition holds an example");
                }
                FlatParameters.setWeights(params, sum.average());
                out.add(new Round(r, sum.loss() / sum.examples(), sum.examples(), (System.nanoTime() - start) / 1e9));
            }
        } finally {
            ExecutorModels.forget("train-" + file.id());
            file.destroy();
        }
        return out;
    }

    /** One partition's round: k local steps from the broadcast weights; sends its final weights. */
    private record LocalRun(Broadcast<byte[]> file, Broadcast<double[]> weights, int round, int k, int batch,
                            int[] inShape, int[] outShape) implements Serializable {

        Iterator<WeightSum> run(int partition, Iterator<Example> rows) {
            List<Example> local = new ArrayList<>();
            rows.forEachRemaining(local::add);
            if (local.isEmpty()) {
                return List.<WeightSum>of().iterator();
            }
            String key = "train-" + file.id();
            Model m = ExecutorModels.borrow(key, file::value);
            try {
                List<Parameter> params = m.parameters();
                FlatParameters.setWeights(params, weights.value());
                Optimizer optimizer = Optimizer.fromConfig(m.optimizer().name(), m.optimizer().config());
                double loss = 0;
                for (int i = 0; i < k; i++) {
                    long step = (long) round * k + i;
                    loss += LocalBatch.of(local, step, batch, inShape, outShape).gradient(m, step * 1_000_003L + partition)
                            * batch;
                    m.clipping().apply(params);
                    optimizer.step(params);
                }
                return List.of(new WeightSum(FlatParameters.weights(params), loss, (long) k * batch, 1)).iterator();
            } finally {
                ExecutorModels.giveBack(key, m);
            }
        }
    }
}
