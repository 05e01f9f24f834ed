package dev.gated.spark.bench;

import dev.gated.data.Dataset;
import dev.gated.forecast.DataSpec;
import dev.gated.forecast.HyperParameters;
import dev.gated.forecast.SplitSpec;
import dev.gated.layer.Dense;
import dev.gated.layer.recurrent.RecurrentKind;
import dev.gated.loss.Loss;
import dev.gated.model.Fit;
import dev.gated.model.Sequential;
import dev.gated.optim.Adam;
import dev.gated.spark.DataParallelTrainer;
import dev.gated.spark.Example;
import dev.gated.spark.ManySeriesForecast;
import dev.gated.spark.SeriesPanel;
import dev.gated.tensor.Tensor;
import dev.gated.timeseries.SharedData;
import dev.gated.timeseries.csv.MissingValuePolicy;
import dev.gated.timeseries.scale.ScalerKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Measurements for docs/spark.md (run by spark/bench.sh, not by the tests):
 * <pre>
 *   series MASTER COUNT ROWS        series per minute fitting the compare pipeline on a generated panel
 *   dataparallel MASTER PARTS STEPS S2-sized LSTM (B=64 global, T=100, I=32, H=128): samples/s, sync fraction
 *   sharded MASTER PARTS STEPS      the same S2 steps through the driver (treeAggregate + broadcast) and through
 *                                   sharded parameters: per-step sync time, bytes the driver receives, shuffle bytes
 * </pre>
 */
public final class SparkBench {

    public static void main(String[] args) throws Exception {
        String what = args[0];
        String master = args[1];
        SparkSession spark = SparkSession.builder().master(master).appName("gated-bench")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
        try {
            switch (what) {
                case "series" -> series(spark, master, Integer.parseInt(args[2]), Integer.parseInt(args[3]));
                case "dataparallel" -> dataParallel(spark, master, Integer.parseInt(args[2]), Integer.parseInt(args[3]));
                case "sharded" -> sharded(spark, master, Integer.parseInt(args[2]), Integer.parseInt(args[3]));
                case "localsgd" -> localSgd(spark, master, Integer.parseInt(args[2]), Integer.parseInt(args[3]));
                default -> throw new IllegalArgumentException("series or dataparallel, got " + what);
            }
        } finally {
            spark.stop();
        }
    }

    static void series(SparkSession spark, String master, int count, int rows) throws Exception {
        DataSpec data = new DataSpec("value", List.of(), "time", MissingValuePolicy.INTERPOLATE, ScalerKind.MINMAX,
                SplitSpec.parse("0.8", null, 0), 0, 0);
        HyperParameters hp = new HyperParameters(16, 1, 12, 1, 1, 5, 32, 0.01, 42, 0, 0, 0, false);
        SeriesPanel panel = new SeriesPanel(SharedData.dataDir());
        List<Row> table = panel.rows(count, rows, 2026);
        var frame = spark.createDataFrame(table, SeriesPanel.SCHEMA).cache();
        frame.count();
        ManySeriesForecast job = ManySeriesForecast.compare(SeriesPanel.COLUMNS, data, hp,
                List.of(RecurrentKind.LSTM), 12);
        TaskTimes times = new TaskTimes();
        spark.sparkContext().addSparkListener(times);
        ManySeriesForecast.Output out = job.fit(frame);
        spark.sparkContext().listenerBus().waitUntilEmpty();
        spark.sparkContext().removeSparkListener(times);
        System.out.printf(Locale.ROOT, "RESULT tasks master=%s tasks=%d run_seconds=%.1f cpu_seconds=%.1f "
                        + "cpu_per_run=%.2f gc_seconds=%.1f deserialize_seconds=%.1f%n", master, times.tasks.get(),
                times.run.get() / 1e3, times.cpu.get() / 1e9, times.cpu.get() / 1e6 / Math.max(1, times.run.get()),
                times.gc.get() / 1e3, times.deserialize.get() / 1e3);
        long failed = out.results().filter("error is not null").count();
        System.out.printf(Locale.ROOT, "RESULT series master=%s series=%d rows=%d seconds=%.1f series_per_minute=%.1f "
                        + "failed=%d load=%s hp=[%s]%n", master, out.series(), table.size(), out.seconds(),
                60 * out.series() / out.seconds(), failed, load(), hp.describe());
    }

    /**
     * Σ over tasks of run time (wall, ms), executor CPU time (ns), GC and deserialisation time (ms): CPU / run
     * near 1 means the task threads computed all the time they ran; well below 1, they waited (for a core, a
     * lock or I/O).
     */
    static final class TaskTimes extends org.apache.spark.scheduler.SparkListener {
        final java.util.concurrent.atomic.AtomicLong run = new java.util.concurrent.atomic.AtomicLong();
        final java.util.concurrent.atomic.AtomicLong cpu = new java.util.concurrent.atomic.AtomicLong();
        final java.util.concurrent.atomic.AtomicLong gc = new java.util.concurrent.atomic.AtomicLong();
        final java.util.concurrent.atomic.AtomicLong deserialize = new java.util.concurrent.atomic.AtomicLong();
        final java.util.concurrent.atomic.AtomicLong tasks = new java.util.concurrent.atomic.AtomicLong();

        @Override
        public void onTaskEnd(org.apache.spark.scheduler.SparkListenerTaskEnd end) {
            if (end.taskMetrics() != null) {
                run.addAndGet(end.taskMetrics().executorRunTime());
                cpu.addAndGet(end.taskMetrics().executorCpuTime());
                gc.addAndGet(end.taskMetrics().jvmGCTime());
                deserialize.addAndGet(end.taskMetrics().executorDeserializeTime());
                tasks.incrementAndGet();
            }
        }
    }

    /** Task results the driver received and shuffle bytes the tasks read, from the listener bus. */
    static final class Traffic extends org.apache.spark.scheduler.SparkListener {
        final java.util.concurrent.atomic.AtomicLong results = new java.util.concurrent.atomic.AtomicLong();
        final java.util.concurrent.atomic.AtomicLong shuffle = new java.util.concurrent.atomic.AtomicLong();
        final java.util.concurrent.atomic.AtomicLong tasks = new java.util.concurrent.atomic.AtomicLong();

        @Override
        public void onTaskEnd(org.apache.spark.scheduler.SparkListenerTaskEnd end) {
            if (end.taskMetrics() != null) {
                results.addAndGet(end.taskMetrics().resultSize());
                shuffle.addAndGet(end.taskMetrics().shuffleReadMetrics().totalBytesRead());
                tasks.incrementAndGet();
            }
        }

        void reset() {
            results.set(0);
            shuffle.set(0);
            tasks.set(0);
        }
    }

    static List<Example> gaussianS2(int count) {
        SplittableRandom random = new SplittableRandom(1);
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double[] x = new double[100 * 32];
            for (int k = 0; k < x.length; k++) {
                x[k] = random.nextGaussian();
            }
            examples.add(new Example(x, new double[] {random.nextGaussian()}));
        }
        return examples;
    }

    /** S2 steps synchronised through the driver and through sharded parameters, alternately, same data. */
    static void sharded(SparkSession spark, String master, int parts, int steps) throws Exception {
        int global = 64;
        JavaRDD<Example> data = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(gaussianS2(global * 4), parts).cache();
        data.count();
        Traffic traffic = new Traffic();
        spark.sparkContext().addSparkListener(traffic);
        for (int round = 0; round < 2; round++) {
            for (boolean sharded : new boolean[] {false, true}) {
                Sequential model = s2();
                DataParallelTrainer warm = new DataParallelTrainer(model, global / parts);
                DataParallelTrainer measured = new DataParallelTrainer(model, global / parts);
                if (sharded) {
                    warm.shardedParameters();
                    measured.shardedParameters();
                }
                warm.train(data, 0, 2);
                // what a run costs besides its steps (sharded: cutting the weights and optimizer state into
                // slices, and their one return to the driver at the end), measured with no step, then subtracted
                spark.sparkContext().listenerBus().waitUntilEmpty();
                traffic.reset();
                measured.train(data, 2, 0);
                spark.sparkContext().listenerBus().waitUntilEmpty();
                long fixedResults = traffic.results.get();
                long fixedShuffle = traffic.shuffle.get();
                long fixedTasks = traffic.tasks.get();
                traffic.reset();
                String before = load();
                DataParallelTrainer.Report r = measured.train(data, 2, steps);
                spark.sparkContext().listenerBus().waitUntilEmpty();
                double compute = r.steps().stream().mapToDouble(DataParallelTrainer.Step::computeSeconds).sum() / steps;
                System.out.printf(Locale.ROOT, "RESULT sync=%s master=%s partitions=%d local_batch=%d params=%d steps=%d "
                                + "step_ms=%.1f slowest_shard_compute_ms=%.1f sync_ms=%.1f sync_fraction=%.3f "
                                + "driver_received_bytes_per_step=%d shuffle_read_bytes_per_step=%d tasks_per_step=%.1f "
                                + "last_loss=%.6f load_before=%s load_after=%s%n",
                        sharded ? "sharded" : "driver", master, parts, global / parts, r.parameters(), steps,
                        1000 * r.wallSeconds() / steps, 1000 * compute, 1000 * r.wallSeconds() / steps - 1000 * compute,
                        r.syncFraction(), (traffic.results.get() - fixedResults) / steps,
                        (traffic.shuffle.get() - fixedShuffle) / steps,
                        (traffic.tasks.get() - fixedTasks) / (double) steps, r.lastLoss(), before, load());
                System.out.printf(Locale.ROOT, "RESULT sync=%s per_run driver_received_bytes=%d shuffle_read_bytes=%d "
                        + "tasks=%d%n", sharded ? "sharded" : "driver", fixedResults, fixedShuffle, fixedTasks);
            }
        }
    }

    static void dataParallel(SparkSession spark, String master, int parts, int steps) throws Exception {
        int global = 64;
        int t = 100;
        int in = 32;
        SplittableRandom random = new SplittableRandom(1);
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i < global * 4; i++) {
            double[] x = new double[t * in];
            for (int k = 0; k < x.length; k++) {
                x[k] = random.nextGaussian();
            }
            examples.add(new Example(x, new double[] {random.nextGaussian()}));
        }
        JavaRDD<Example> data = JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(examples, parts)
                .cache();
        data.count();
        Sequential model = s2();
        new DataParallelTrainer(model, global / parts).train(data, 2);   // warm-up: JIT, broadcast paths
        DataParallelTrainer.Report r = new DataParallelTrainer(model, global / parts).train(data, steps);
        double compute = r.steps().stream().mapToDouble(DataParallelTrainer.Step::computeSeconds).sum() / steps;
        System.out.printf(Locale.ROOT, "RESULT dataparallel master=%s partitions=%d local_batch=%d params=%d steps=%d "
                        + "samples_per_second=%.1f step_ms=%.1f slowest_shard_compute_ms=%.1f sync_fraction=%.3f load=%s%n",
                master, parts, global / parts, r.parameters(), steps, r.samplesPerSecond(),
                1000 * r.wallSeconds() / steps, 1000 * compute, r.syncFraction(), load());
        // the same global batch in one process, no Spark: the engine's own fit
        double[] xs = new double[global * t * in];
        double[] ys = new double[global];
        for (int i = 0; i < global; i++) {
            System.arraycopy(examples.get(i).input(), 0, xs, i * t * in, t * in);
            ys[i] = examples.get(i).target()[0];
        }
        Dataset batch = new Dataset(Tensor.of(xs, global, t, in), Tensor.of(ys, global, 1));
        Sequential alone = s2();
        alone.fit(batch, Fit.epochs(2).batchSize(global).quiet());
        long start = System.nanoTime();
        alone.fit(batch, Fit.epochs(steps).batchSize(global).quiet());
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "RESULT oneprocess batch=%d steps=%d samples_per_second=%.1f step_ms=%.1f load=%s%n",
                global, steps, global * steps / seconds, 1000 * seconds / steps, load());
    }

    /**
     * Local SGD against synchronous SGD on ETTh1's oil temperature (OT / 50, windows of 24 hours, next hour the
     * target), LSTM(16), Adam 0.01, N partitions × b = 16: synchronous for R·k steps vs averaging every k local
     * steps for R rounds; the full-data loss after the same number of examples.
     */
    static void localSgd(SparkSession spark, String master, int parts, int k) throws Exception {
        double[] ot = dev.gated.timeseries.csv.TimeSeriesCsvReader.read(SharedData.file("etth1/ETTh1.csv")).column("OT");
        int t = 24;
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i + t < 2048 + t; i++) {
            double[] x = new double[t];
            for (int j = 0; j < t; j++) {
                x[j] = ot[i + j] / 50;
            }
            examples.add(new Example(x, new double[] {ot[i + t] / 50}));
        }
        double[] xs = new double[examples.size() * t];
        double[] ys = new double[examples.size()];
        for (int i = 0; i < examples.size(); i++) {
            System.arraycopy(examples.get(i).input(), 0, xs, i * t, t);
            ys[i] = examples.get(i).target()[0];
        }
        Tensor x = Tensor.of(xs, examples.size(), t, 1);
        Tensor y = Tensor.of(ys, examples.size(), 1);
        JavaRDD<Example> data = JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(examples, parts)
                .cache();
        data.count();
        int rounds = 8;
        Sequential sync = small();
        Sequential local = small();
        System.out.printf(Locale.ROOT, "RESULT localsgd master=%s partitions=%d local_batch=16 k=%d initial_loss=%.5f%n",
                master, parts, k, sync.evaluate(x, y));
        for (int r = 1; r <= rounds; r++) {
            long a = System.nanoTime();
            new DataParallelTrainer(sync, 16).train(data, (r - 1) * k, k);
            double syncSeconds = (System.nanoTime() - a) / 1e9;
            long b = System.nanoTime();
            new dev.gated.spark.ParameterAveraging(local, 16, k).train(data, r - 1, 1);
            double localSeconds = (System.nanoTime() - b) / 1e9;
            System.out.printf(Locale.ROOT, "RESULT localsgd examples=%d sync_steps=%d sync_loss=%.5f sync_seconds=%.2f "
                            + "averagings=%d local_loss=%.5f local_seconds=%.2f load=%s%n", r * k * 16 * parts, r * k,
                    sync.evaluate(x, y), syncSeconds, r, local.evaluate(x, y), localSeconds, load());
        }
    }

    static Sequential small() {
        Sequential m = Sequential.input(24, 1).seed(9).add(RecurrentKind.LSTM.layer(16)).add(new Dense(1));
        m.compile(new Adam(0.01), Loss.mse());
        return m;
    }

    /** The S2 shape of bench/README.md: LSTM, T=100, I=32, H=128, a Dense(1) head. */
    static Sequential s2() {
        Sequential m = Sequential.input(100, 32).seed(3).add(RecurrentKind.LSTM.layer(128)).add(new Dense(1));
        m.compile(new Adam(0.001), Loss.mse());
        return m;
    }

    static String load() throws Exception {
        String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
        return f[0] + "/" + f[1] + "/" + f[2];
    }
}
