package dev.gated.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gated.data.Dataset;
import dev.gated.layer.Dense;
import dev.gated.layer.recurrent.RecurrentKind;
import dev.gated.loss.Loss;
import dev.gated.model.Fit;
import dev.gated.model.Sequential;
import dev.gated.optim.Adam;
import dev.gated.optim.GradientClipping;
import dev.gated.optim.LearningRateSchedule;
import dev.gated.optim.Sgd;
import dev.gated.tensor.Precision;
import dev.gated.tensor.Tensor;
import dev.gated.timeseries.SharedData;
import dev.gated.timeseries.csv.TimeSeriesCsvReader;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The claim of synchronous data parallelism: N partitions × local batch b take the same steps as one process
 * with batch N·b (the engine's own fit loop, no shuffling, batches laid out as the partitions' shards).
 */
class DataParallelTrainerTest {

    static final int T = 6;
    static final int STEPS = 4;
    static final int GLOBAL = 12;
    static List<Example> examples;
    static JavaSparkContext sc;

    @BeforeAll
    static void windows() {
        sc = JavaSparkContext.fromSparkContext(SharedSpark.get().sparkContext());
        double[] x = TimeSeriesCsvReader.read(SharedData.file("airline-passengers/airline-passengers.csv")).column(0);
        examples = new ArrayList<>();
        for (int i = 0; examples.size() < STEPS * GLOBAL; i++) {   // windows of passengers / 600, next month the target
            double[] in = new double[T];
            for (int t = 0; t < T; t++) {
                in[t] = x[i + t] / 600;
            }
            examples.add(new Example(in, new double[] {x[i + T] / 600}));
        }
    }

    static Sequential model(Precision precision) {
        Sequential m = Sequential.input(T, 1).seed(11).precision(precision)
                .add(RecurrentKind.LSTM.layer(8)).add(new Dense(1));
        m.compile(new Adam(0.01), Loss.mse());
        return m;
    }

    /** One process, batch N·b: batch s holds, partition by partition, the b examples partition p uses at step s. */
    static double[] reference(Precision precision, int partitions) {
        int b = GLOBAL / partitions;
        int per = examples.size() / partitions;   // parallelize slices the list evenly, in order
        double[] xs = new double[examples.size() * T];
        double[] ys = new double[examples.size()];
        int row = 0;
        for (int s = 0; s < STEPS; s++) {
            for (int p = 0; p < partitions; p++) {
                for (int j = 0; j < b; j++) {
                    Example e = examples.get(p * per + s * b + j);
                    System.arraycopy(e.input(), 0, xs, row * T, T);
                    ys[row++] = e.target()[0];
                }
            }
        }
        Sequential m = model(precision);
        m.fit(new Dataset(Tensor.of(xs, examples.size(), T, 1), Tensor.of(ys, examples.size(), 1)),
                Fit.epochs(1).batchSize(GLOBAL).shuffle(false).quiet());
        return FlatParameters.weights(m.parameters());
    }

    static DataParallelTrainer.Report distributed(Sequential m, int partitions, TaskFault fault) {
        JavaRDD<Example> data = sc.parallelize(examples, partitions).cache();
        try {
            return new DataParallelTrainer(m, GLOBAL / partitions).withFault(fault).train(data, STEPS);
        } finally {
            data.unpersist(false);
        }
    }

    static double relative(double[] a, double[] b) {
        double d = 0;
        double n = 0;
        for (int i = 0; i < a.length; i++) {
            d += (a[i] - b[i]) * (a[i] - b[i]);
            n += b[i] * b[i];
        }
        return Math.sqrt(d / n);
    }

    void check(Precision precision, int partitions, double tolerance) {
        double[] initial = FlatParameters.weights(model(precision).parameters());
        double[] expected = reference(precision, partitions);
        Sequential m = model(precision);
        DataParallelTrainer.Report report = distributed(m, partitions, TaskFault.NONE);
        double[] got = FlatParameters.weights(m.parameters());
        double error = relative(got, expected);
        double moved = relative(expected, initial);
        System.out.printf("%s, %d partitions × batch %d vs one process × batch %d, %d steps: relative weight "
                        + "difference %.3e (the steps moved the weights by %.3e); %.1f samples/s, sync %.0f%%%n",
                precision, partitions, GLOBAL / partitions, GLOBAL, STEPS, error, moved,
                report.samplesPerSecond(), 100 * report.syncFraction());
        assertTrue(moved > 1e-3, "the steps should move the weights, moved " + moved);
        assertTrue(error <= tolerance, "relative difference " + error + " > " + tolerance);
        assertEquals(STEPS, report.steps().size());
        assertEquals(GLOBAL, report.steps().get(0).examples());
    }

    @Test
    void twoPartitionsInDoubleMatchOneProcessWithTheGlobalBatch() {
        check(Precision.FLOAT64, 2, 1e-9);
    }

    @Test
    void fourPartitionsInDoubleMatchOneProcessWithTheGlobalBatch() {
        check(Precision.FLOAT64, 4, 1e-9);
    }

    @Test
    void fourPartitionsInFloatMatchOneProcessWithinFloatRounding() {
        check(Precision.FLOAT32, 4, 1e-5);
    }

    @Test
    void aShardLostOnItsFirstAttemptIsRecomputedToTheSameWeights() {
        Sequential plain = model(Precision.FLOAT64);
        distributed(plain, 2, TaskFault.NONE);
        Sequential retried = model(Precision.FLOAT64);
        distributed(retried, 2, what -> {
            if (what.equals("partition 1, step 2") && TaskContext.get().attemptNumber() == 0) {
                throw new IllegalStateException("injected: executor lost during " + what);
            }
        });
        assertEquals(0.0, relative(FlatParameters.weights(retried.parameters()),
                FlatParameters.weights(plain.parameters())));
    }

    /** Averaging after every local step with plain SGD: mean_p(w - η·g_p) = w - η·mean_p(g_p), a synchronous step. */
    @Test
    void parameterAveragingAfterEveryStepWithPlainSgdIsSynchronousSgd() {
        Sequential sync = sgdModel();
        distributed(sync, 2, TaskFault.NONE);
        Sequential averaged = sgdModel();
        JavaRDD<Example> data = sc.parallelize(examples, 2).cache();
        List<ParameterAveraging.Round> rounds = new ParameterAveraging(averaged, GLOBAL / 2, 1).train(data, STEPS);
        data.unpersist(false);
        double error = relative(FlatParameters.weights(averaged.parameters()), FlatParameters.weights(sync.parameters()));
        System.out.printf("parameter averaging every step (plain SGD) vs synchronous SGD: relative difference %.3e%n",
                error);
        assertTrue(error <= 1e-12, "relative difference " + error);
        assertEquals(STEPS, rounds.size());
        assertEquals(GLOBAL, rounds.get(0).examples());
    }

    static Sequential sgdModel() {
        Sequential m = Sequential.input(T, 1).seed(11).precision(Precision.FLOAT64)
                .add(RecurrentKind.GRU.layer(6)).add(new Dense(1));
        m.compile(new Sgd(0.5, 0, false), Loss.mse());
        return m;
    }

    /**
     * BigDL-style sharded parameters against the driver's treeAggregate path: 4 partitions, Adam with global-norm
     * clipping that binds (the slices' squared norms are summed on the driver), two calls of two steps each (so
     * the optimizer's state is cut into slices, carried by the slice owners and written back in between).
     */
    @Test
    void shardedParametersTakeTheSameStepsAsTheDriverPath() {
        GradientClipping clipping = GradientClipping.byGlobalNorm(0.05);
        double[] initial = FlatParameters.weights(model(Precision.FLOAT64).parameters());
        Sequential driver = clipped(clipping);
        distributed(driver, 4, TaskFault.NONE);
        Sequential sharded = clipped(clipping);
        JavaRDD<Example> data = sc.parallelize(examples, 4).cache();
        DataParallelTrainer.Report first = new DataParallelTrainer(sharded, GLOBAL / 4).shardedParameters()
                .train(data, 0, STEPS / 2);
        DataParallelTrainer.Report second = new DataParallelTrainer(sharded, GLOBAL / 4).shardedParameters()
                .train(data, STEPS / 2, STEPS / 2);
        data.unpersist(false);
        double[] expected = FlatParameters.weights(driver.parameters());
        double error = relative(FlatParameters.weights(sharded.parameters()), expected);
        double moved = relative(expected, initial);
        double clipped = relative(expected, reference(Precision.FLOAT64, 4));
        System.out.printf("sharded parameters vs driver path, 4 partitions, global-norm clipping, %d steps: relative "
                + "weight difference %.3e (moved %.3e; %.3e from the unclipped steps)%n", STEPS, error, moved, clipped);
        assertTrue(moved > 1e-3, "the steps should move the weights, moved " + moved);
        assertTrue(clipped > 1e-6, "the clipping threshold should bind, but the weights equal the unclipped ones");
        assertTrue(error <= 1e-12, "relative difference " + error);
        assertEquals(STEPS, driver.optimizer().iterations());
        assertEquals(STEPS, sharded.optimizer().iterations());
        assertEquals(GLOBAL, second.steps().get(0).examples());
        assertEquals(STEPS / 2, first.steps().size());
    }

    static Sequential clipped(GradientClipping clipping) {
        Sequential m = Sequential.input(T, 1).seed(11).precision(Precision.FLOAT64)
                .add(RecurrentKind.LSTM.layer(8)).add(new Dense(1));
        m.compile(new Adam(0.01), Loss.mse(), clipping, LearningRateSchedule.constant());
        return m;
    }

    @Test
    void anUncompiledModelIsRefusedBeforeAnyJob() {
        Sequential m = Sequential.input(T, 1).add(new Dense(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DataParallelTrainer(m, 4));
        assertTrue(e.getMessage().contains("compile the model"), e.getMessage());
    }
}
