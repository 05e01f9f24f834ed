package dev.gated.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Gated vs PyTorch (DJL) vs Deeplearning4j, in one process: for each shape, LSTM and GRU, training step
 * (forward + BPTT + Adam) and inference, 1 and 2 threads; warm-up, then the median and range of timed
 * repetitions, interleaved across the libraries. Prints a table and writes {@code bench/results/latest.json} (a list of rows).
 *
 * <p>Options: {@code --reps N} (default 15), {@code --s3-reps N} (default 3), {@code --warmup N} (default 3; 1 on S3; and at least 1.5 s each),
 * {@code --shapes S1,S2}, {@code --threads 1,2}, {@code --cells LSTM,GRU}, {@code --no-dl4j},
 * {@code --no-torch}, {@code --out DIR} (default bench/results).
 */
public final class Bench {

    private int reps = 15;
    private int s3Reps = 3;
    private int warmup = 3;
    /** Minimum warm-up time per library, shape, mode and thread count. */
    private static final long WARM_NANOS = 1_500_000_000L;
    /**
     * Warm-up also lasts until the JIT has compiled nothing for this long (at most {@link #WARM_MAX_NANOS}):
     * Vector API code that the interpreter or C1 still runs is about a hundred times slower than compiled, and
     * on a loaded 2-core host C2 reached the recurrent kernels 4–10 s after start — past a fixed 1.5 s warm-up,
     * which made a run's Gated figures depend on how busy the compiler threads had been.
     */
    private static final long JIT_QUIET_NANOS = 1_000_000_000L;
    private static final long WARM_MAX_NANOS = 15_000_000_000L;
    /** Untimed pause before each timed repetition, so that another library's spinning workers have gone to sleep. */
    private static final long SETTLE_MILLIS = 20;
    private List<String> shapes = List.of("S1", "S2", "S3", "S4");
    private List<Integer> threadCounts = List.of(1, 2);
    private List<String> cells = List.of("LSTM", "GRU");
    private boolean torch = true;
    private boolean dl4j = true;
    private boolean onnx = true;
    private boolean stream = true;
    private String onnxVersion;
    private Path out = Path.of("bench/results");
    private String torchVersion;
    private String dl4jVersion;
    private String dl4jProblem;
    private double peak;

    /** Median and range of a library's timings, ms per batch. */
    record Timing(double median, double min, double max, int reps) {
    }

    record Row(Shape shape, Shape.Cell cell, Shape.Mode mode, int threads, Timing gated, Timing pytorch, Timing dl4j,
               Timing onnx) {
        Double ratio(Timing other) {
            return other == null ? null : other.median() / gated.median();
        }
    }

    public static void main(String[] args) throws Exception {
        Bench b = new Bench();
        b.parse(args);
        b.run();
    }

    private void parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--reps" -> reps = Integer.parseInt(args[++i]);
                case "--s3-reps" -> s3Reps = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--shapes" -> shapes = Arrays.asList(args[++i].split(","));
                case "--threads" -> threadCounts = Arrays.stream(args[++i].split(",")).map(Integer::valueOf).toList();
                case "--cells" -> cells = Arrays.asList(args[++i].split(","));
                case "--no-dl4j" -> dl4j = false;
                case "--no-torch" -> torch = false;
                case "--no-onnx" -> onnx = false;
                case "--no-stream" -> stream = false;
                case "--out" -> out = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " — known: --reps --s3-reps --warmup --shapes --threads --cells --no-dl4j --no-torch --no-onnx --no-stream --out");
            }
        }
    }

    private void run() throws Exception {
        Files.createDirectories(out);
        String loadStart = Machine.loadAverage();
        Machine.CpuUse cpuStart = Machine.CpuUse.now();
        peak = Peak.measure();
        if (torch) {
            torchVersion = TorchRunner.load();
        }
        if (onnx) {
            onnxVersion = OnnxRunner.load();
        }
        if (dl4j) {
            try {
                dl4jVersion = Dl4jRunner.load();
            } catch (Throwable e) {
                dl4jProblem = e.toString();
                System.out.println("[bench] Deeplearning4j unavailable: " + e);
            }
        }
        System.out.println(Machine.describe());
        System.out.println(runConditions());
        System.out.printf(Locale.ROOT, "FMA peak (measured, one core): %.1f GFLOP/s   load average at start: %s%n", peak, loadStart);
        System.out.println("Gated kernels: " + dev.gated.kernel.KernelProvider.get().name()
                + " | " + torchVersion + " | " + onnxVersion + " | " + (dl4jVersion != null ? dl4jVersion : "DL4J: " + dl4jProblem));
        System.out.println("Library cores (bench/run probe): " + System.getProperty("bench.cores", "not probed"));
        List<Row> rows = new ArrayList<>();
        for (Shape s : Shape.ALL) {
            if (!shapes.contains(s.name())) {
                continue;
            }
            Data data = new Data(s, 42);
            int n = s.name().equals("S3") ? s3Reps : reps;
            for (String cellName : cells) {
                Shape.Cell cell = Shape.Cell.valueOf(cellName);
                for (int threads : threadCounts) {
                    GatedRunner gated = new GatedRunner(s, cell, threads, data);
                    TorchRunner pt = torch ? new TorchRunner(s, cell, threads, data) : null;
                    Dl4jRunner dj = dl4j && dl4jVersion != null && cell == Shape.Cell.LSTM ? dl4jRunner(s, threads, data) : null;
                    for (Shape.Mode mode : Shape.Mode.values()) {
                        if (mode == Shape.Mode.TRAIN && s.inferOnly()) {
                            continue;
                        }
                        int w = s.name().equals("S3") ? 1 : warmup;
                        // DL4J is 10-20× slower: at most 5 repetitions keep the run under ten minutes.
                        // Repetitions are interleaved (Gated, PyTorch, DL4J, Gated, …) so that load from
                        // outside the process on this shared 2-core host falls on every library alike.
                        List<Runnable> setThreads = new ArrayList<>();
                        List<Runner> runners = new ArrayList<>();
                        List<int[]> plan = new ArrayList<>();
                        setThreads.add(() -> { });
                        runners.add(gated);
                        plan.add(new int[] {n, w});
                        if (pt != null) {
                            setThreads.add(() -> TorchRunner.threads(threads));
                            runners.add(pt);
                            plan.add(new int[] {n, w});
                        }
                        if (dj != null) {
                            setThreads.add(() -> Dl4jRunner.threads(threads));
                            runners.add(dj);
                            plan.add(new int[] {Math.min(n, 5), Math.min(w, 2)});
                        }
                        OnnxRunner ort = onnx && mode == Shape.Mode.INFER ? onnxRunner(gated, s, threads, data) : null;
                        if (ort != null) {
                            setThreads.add(() -> { });
                            runners.add(ort);
                            plan.add(new int[] {n, w});
                        }
                        Timing[] t = timeInterleaved(runners, setThreads, plan, mode);
                        Timing g = t[0];
                        Timing p = pt == null ? null : t[1];
                        Timing d = dj == null ? null : t[pt == null ? 1 : 2];
                        Timing o = ort == null ? null : t[t.length - 1];
                        if (ort != null) {
                            ort.close();
                        }
                        Row row = new Row(s, cell, mode, threads, g, p, d, o);
                        rows.add(row);
                        System.out.println(Table.line(row, peak));
                    }
                    if (pt != null) {
                        pt.close();
                    }
                }
            }
        }
        String streaming = "";
        if (stream && torch) {
            List<StreamBench.Result> results = StreamBench.run(TorchRunner.base(), 10);
            streaming = StreamBench.render(results);
            Files.writeString(out.resolve("stream.json"), StreamBench.json(results));
        }
        String loadEnd = Machine.loadAverage();
        System.out.println();
        System.out.print(Table.render(rows, peak));
        String memory = shapes.contains("S2") || shapes.contains("S3") ? memoryReport() : "";
        System.out.print(memory);
        System.out.print(streaming);
        StringBuilder kernels = new StringBuilder();
        List<Shape> kernelShapes = Shape.ALL.stream().filter(s -> shapes.contains(s.name())).toList();
        for (int threads : threadCounts) {
            KernelBench.run(kernelShapes, List.of(KernelBench.gated(
                    new dev.gated.kernel.VectorKernels(threads), true)), threads, peak, kernels);
        }
        System.out.println("Matrix-multiply phases alone (LSTM, Gated kernels):");
        System.out.print(kernels);
        double outsideCores = Machine.CpuUse.now().outsideCoresSince(cpuStart);
        String outside = String.format(Locale.ROOT, "; other processes kept %.2f cores busy on average during the run", outsideCores);
        System.out.println("load average: start " + loadStart + ", end " + loadEnd + outside);
        String warning = Machine.loadWarning(loadStart, outsideCores);
        if (warning != null) {
            System.out.println("[bench] " + warning);
        }
        Files.writeString(out.resolve("latest.json"), Table.json(rows, peak, Machine.cpuModel(), loadStart, loadEnd,
                torchVersion, onnxVersion, dl4jVersion, dl4jProblem, warning, outsideCores));
        Files.writeString(out.resolve("latest.txt"), (warning == null ? "" : warning + "\n") + Machine.describe() + "\n"
                + runConditions() + "\n"
                + Table.render(rows, peak) + memory + streaming
                + "Matrix-multiply phases alone (LSTM, Gated kernels):\n" + kernels
                + "load average: start " + loadStart + ", end " + loadEnd + outside + "\n");
        System.out.println("wrote " + out.resolve("latest.json") + " and latest.txt");
    }

    /** The JDK and whether a synthetic co-tenant (bench/run --co-load) ran beside the bench. */
    private static String runConditions() {
        return "JDK: " + System.getProperty("bench.jdk", System.getProperty("java.version"))
                + "   co-load: " + ("1".equals(System.getProperty("bench.coload"))
                ? "one busy process beside the bench (bench/run --co-load)" : "none");
    }

    /** ONNX Runtime on the Gated model's current weights, or null (said why) if it fails or disagrees. */
    private static OnnxRunner onnxRunner(GatedRunner gated, Shape s, int threads, Data data) {
        try {
            return new OnnxRunner(gated.model, s, threads, data, gated.output());
        } catch (Exception | LinkageError e) {
            System.out.println("[bench] ONNX Runtime not timed on " + s + ": " + e);
            return null;
        }
    }

    private Dl4jRunner dl4jRunner(Shape s, int threads, Data data) {
        try {
            return new Dl4jRunner(s, threads, data);
        } catch (Throwable e) {
            dl4jProblem = e.toString();
            System.out.println("[bench] Deeplearning4j failed on " + s + ": " + e);
            return null;
        }
    }

    /**
     * Warms each runner up in turn (at least its warm-up count and {@link #WARM_NANOS}), then times round i
     * of every runner before round i + 1 of any: a burst of outside load lands on all libraries alike
     * instead of on whichever happened to be timed then.
     */
    private static Timing[] timeInterleaved(List<Runner> runners, List<Runnable> setThreads, List<int[]> plan,
                                            Shape.Mode mode) {
        int k = runners.size();
        double[][] ms = new double[k][];
        int rounds = 0;
        for (int r = 0; r < k; r++) {
            setThreads.get(r).run();
            Runnable step = step(runners.get(r), mode);
            warmUp(step, plan.get(r)[1]);
            ms[r] = new double[plan.get(r)[0]];
            rounds = Math.max(rounds, plan.get(r)[0]);
        }
        for (int i = 0; i < rounds; i++) {
            for (int r = 0; r < k; r++) {
                if (i >= ms[r].length) {
                    continue;
                }
                setThreads.get(r).run();
                Runnable step = step(runners.get(r), mode);
                settle();
                long start = System.nanoTime();
                step.run();
                ms[r][i] = (System.nanoTime() - start) / 1e6;
            }
        }
        Timing[] out = new Timing[k];
        for (int r = 0; r < k; r++) {
            double[] m = ms[r];
            int n = m.length;
            Arrays.sort(m);
            double median = n % 2 == 1 ? m[n / 2] : (m[n / 2 - 1] + m[n / 2]) / 2;
            out[r] = new Timing(median, m[0], m[n - 1], n);
        }
        return out;
    }

    /**
     * A pause before every timed repetition: the OpenMP workers of the library timed just before (PyTorch's,
     * DL4J's) spin for a while after their region ends, and a 2-thread run that starts meanwhile finds its second
     * core taken (alone in a JVM, Gated's S2 LSTM 2-thread inference took 6.0 ms; right after PyTorch's turn, 12.2).
     * Every library gets the same pause, and it is not timed.
     */
    private static void settle() {
        try {
            Thread.sleep(SETTLE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Runs {@code step} at least {@code count} times and {@link #WARM_NANOS}, and then until the JIT has been
     * idle (no compilation time added) for {@link #JIT_QUIET_NANOS}, or {@link #WARM_MAX_NANOS} in all.
     */
    static void warmUp(Runnable step, int count) {
        java.lang.management.CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean timed = jit != null && jit.isCompilationTimeMonitoringSupported();
        long start = System.nanoTime();
        long lastCompile = start;
        long compileMs = timed ? jit.getTotalCompilationTime() : 0;
        for (int i = 0; ; i++) {
            step.run();
            long now = System.nanoTime();
            if (timed) {
                long total = jit.getTotalCompilationTime();
                if (total != compileMs) {
                    compileMs = total;
                    lastCompile = now;
                }
            }
            boolean enough = i + 1 >= count && now - start >= WARM_NANOS;
            boolean jitQuiet = !timed || now - lastCompile >= JIT_QUIET_NANOS;
            if (enough && jitQuiet || now - start >= WARM_MAX_NANOS) {
                return;
            }
        }
    }

    private static Runnable step(Runner r, Shape.Mode mode) {
        return mode == Shape.Mode.TRAIN ? r::train : r::infer;
    }

    /** Allocation per training step (S2 LSTM at T and T/2) and the peak heap of an S3 LSTM training step. */
    private String memoryReport() {
        StringBuilder b = new StringBuilder("Memory (Gated, LSTM, 1 thread):\n");
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        Shape s2 = Shape.ALL.get(1);
        Function<Shape, Long> perStep = s -> {
            GatedRunner r = new GatedRunner(s, Shape.Cell.LSTM, 1, new Data(s, 1));
            for (int i = 0; i < 30; i++) {
                r.train();
            }
            long before = mx.getThreadAllocatedBytes(tid);
            for (int i = 0; i < 10; i++) {
                r.train();
            }
            return (mx.getThreadAllocatedBytes(tid) - before) / 10;
        };
        Shape half = new Shape("S2/2", s2.batch(), s2.steps() / 2, s2.input(), s2.hidden(), false);
        long full = perStep.apply(s2);
        long halfBytes = perStep.apply(half);
        long inputBytes = 2L * 4 * s2.batch() * s2.input() * (s2.steps() - half.steps());
        b.append(String.format(Locale.ROOT, "  S2 training step allocates %,d bytes at T=%d and %,d bytes at T=%d:"
                        + " %,d bytes per extra time step (∂x and its time-major copy are 2·B·I·4 = %,d bytes per step;"
                        + " the time loop itself allocates nothing)%n",
                full, s2.steps(), halfBytes, half.steps(), (full - halfBytes) / (s2.steps() - half.steps()),
                inputBytes / (s2.steps() - half.steps())));
        if (shapes.contains("S3")) {
            Shape s3 = Shape.ALL.get(2);
            System.gc();
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                pool.resetPeakUsage();
            }
            GatedRunner r = new GatedRunner(s3, Shape.Cell.LSTM, 1, new Data(s3, 1));
            r.train();
            r.train();
            long peakHeap = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    peakHeap += pool.getPeakUsage().getUsed();
                }
            }
            b.append(String.format(Locale.ROOT, "  S3 LSTM training: peak heap %.1f MiB (sum of heap pools' peaks over"
                    + " two steps, from a collected heap; PyTorch's and DL4J's native memory not included)%n", peakHeap / 1048576.0));
        }
        return b.toString();
    }
}
