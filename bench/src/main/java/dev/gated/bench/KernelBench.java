package dev.gated.bench;

import dev.gated.kernel.Kernels;
import dev.gated.kernel.VectorKernels;
import dev.gated.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The matrix-multiply phases of one LSTM training step at the bench shapes, timed alone: Gated's Vector
 * API kernel (with the recurrent weight packed once per pass, and packed per call for comparison) and, in
 * the {@code --blas} process, OpenBLAS's {@code cblas_sgemm} on the same shapes.
 *
 * <pre>
 * step h·U      (B, H)·(H, 4H)      NN, T times per forward
 * step dZ·Uᵀ    (B, 4H)·(4H, H)     NT, T times per backward
 * X·W           (T·B, I)·(I, 4H)    NN, once
 * Xᵀ·dZ         (I, T·B)·(T·B, 4H)  TN, once (∂W)
 * hᵀ·dZ         (H, T·B)·(T·B, 4H)  TN, once (∂U)
 * dZ·Wᵀ         (T·B, 4H)·(4H, I)   NT, once (∂x)
 * </pre>
 */
final class KernelBench {

    /** One product form: C (m, n) = op(A)·op(B), repeated {@code times} per training step. */
    record Phase(String name, boolean transA, boolean transB, int m, int n, int k, int times, boolean reused) {
        double flops() {
            return 2.0 * m * n * k * times;
        }
    }

    /** A matrix multiply implementation under test. */
    interface Gemm {
        String name();

        /** Runs the phase once (all of its {@code times} products) on prepared operands. */
        void run(Phase p, float[] a, float[] b, float[] c);
    }

    record Result(String shape, String phase, String impl, int threads, double ms, double gflops) {
    }

    private KernelBench() {
    }

    static List<Phase> phases(Shape s) {
        int b = s.batch();
        int t = s.steps();
        int i = s.input();
        int h = s.hidden();
        int w = 4 * h;
        return List.of(
                new Phase("step h·U", false, false, b, w, h, t, true),
                new Phase("step dZ·Uᵀ", false, true, b, h, w, t, true),
                new Phase("X·W", false, false, t * b, w, i, 1, false),
                new Phase("Xᵀ·dZ", true, false, i, w, t * b, 1, false),
                new Phase("hᵀ·dZ", true, false, h, w, t * b, 1, false),
                new Phase("dZ·Wᵀ", false, true, t * b, i, w, 1, false));
    }

    /** Gated's kernels; {@code packOnce}: the recurrent weight inside beginReuse/endReuse, as in Recurrent. */
    static Gemm gated(Kernels k, boolean packOnce) {
        return new Gemm() {
            @Override
            public String name() {
                return "gated " + (packOnce ? "(U packed once per pass)" : "(B packed per call)");
            }

            private float[] lastA;
            private Tensor ta;
            private Tensor tb;
            private Tensor tc;

            @Override
            public void run(Phase p, float[] a, float[] b, float[] c) {
                if (a != lastA) {   // wrap a phase's operands once, so that B/run counts the kernel's allocations only
                    lastA = a;
                    ta = Tensor.of(a, a.length);
                    tb = Tensor.of(b, b.length);
                    tc = Tensor.of(c, c.length);
                }
                int lda = p.transA() ? p.m() : p.k();
                int ldb = p.transB() ? p.k() : p.n();
                boolean reuse = packOnce && p.reused();
                if (reuse) {
                    k.beginReuse(tb);
                }
                for (int r = 0; r < p.times(); r++) {
                    k.gemm(p.transA(), p.transB(), p.m(), p.n(), p.k(), ta, 0, lda, tb, 0, ldb, tc, 0, p.n(), true);
                }
                if (reuse) {
                    k.endReuse(tb);
                }
            }
        };
    }

    /** Times every phase of every training shape; best-of-5 medians, in ms per training step. */
    static List<Result> run(List<Shape> shapes, List<Gemm> impls, int threads, double peak, StringBuilder report) {
        List<Result> results = new ArrayList<>();
        for (Shape s : shapes) {
            if (s.inferOnly()) {
                continue;
            }
            for (Gemm g : impls) {
                double totalMs = 0;
                double totalCpuMs = 0;
                double totalFlops = 0;
                for (Phase p : phases(s)) {
                    float[] a = random(p.m() * p.k(), 1);
                    float[] b = random(p.k() * p.n(), 2);
                    float[] c = new float[p.m() * p.n()];
                    Timing timing = time(() -> g.run(p, a, b, c), p.flops());
                    double ms = timing.ms();
                    double gf = p.flops() / ms / 1e6;
                    results.add(new Result(s.name(), p.name(), g.name(), threads, ms, gf));
                    totalMs += ms;
                    totalCpuMs += timing.cpuMs();
                    totalFlops += p.flops();
                    report.append(String.format(Locale.ROOT, "  %-3s %-13s %-34s %dT %9.3f ms %7.1f GFLOP/s %5.1f%% of peak%s %,8.0f B/run%n",
                            s.name(), p.name(), g.name(), threads, ms, gf, 100 * gf / peak / threads,
                            cpuPeak(threads, p.flops(), timing.cpuMs(), peak), timing.bytes()));
                }
                double gf = totalFlops / totalMs / 1e6;
                results.add(new Result(s.name(), "all matmul phases", g.name(), threads, totalMs, gf));
                report.append(String.format(Locale.ROOT, "  %-3s %-13s %-34s %dT %9.3f ms %7.1f GFLOP/s %5.1f%% of peak%s%n",
                        s.name(), "ALL PHASES", g.name(), threads, totalMs, gf, 100 * gf / peak / threads,
                        cpuPeak(threads, totalFlops, totalCpuMs, peak)));
            }
        }
        return results;
    }

    /**
     * Wall ms per run (median of 5 samples), the calling thread's CPU ms per run in the same sample (robust to
     * time-sharing with other processes: on one thread, CPU-time GFLOP/s says what the core did while it ran
     * the kernel), and bytes the calling thread allocated per run (0 unless the JIT boxed vectors).
     */
    record Timing(double ms, double cpuMs, double bytes) {
    }

    private static Timing time(Runnable r, double flops) {
        int reps = (int) Math.max(1, Math.min(200, 2e8 / flops));
        // warm up until the JIT has compiled the kernels (and at least 2 runs)
        Bench.warmUp(r, Math.max(2, reps));
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        double[][] samples = new double[5][];
        for (int s = 0; s < samples.length; s++) {
            long bytes = mx.getThreadAllocatedBytes(tid);
            long cpu = mx.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            for (int i = 0; i < reps; i++) {
                r.run();
            }
            samples[s] = new double[] {(System.nanoTime() - start) / 1e6 / reps, (mx.getCurrentThreadCpuTime() - cpu) / 1e6 / reps,
                    (double) (mx.getThreadAllocatedBytes(tid) - bytes) / reps};
        }
        Arrays.sort(samples, (x, y) -> Double.compare(x[0], y[0]));
        double[] median = samples[samples.length / 2];
        return new Timing(median[0], median[1], median[2]);
    }

    /** On one thread: "(CPU time: x % of peak)", the share of peak while the thread was on a core. */
    private static String cpuPeak(int threads, double flops, double cpuMs, double peak) {
        return threads == 1 && cpuMs > 0
                ? String.format(Locale.ROOT, " (on-CPU %5.1f%%)", 100 * flops / cpuMs / 1e6 / peak) : "";
    }

    static float[] random(int n, long seed) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) random.nextDouble(-1, 1);
        }
        return x;
    }

    /** {@code KernelBench [--blas]}: the kernel decision's numbers (the bench/run blas step). */
    public static void main(String[] args) throws Exception {
        List<String> argList = Arrays.asList(args);
        boolean blas = argList.contains("--blas");
        boolean perCall = !argList.contains("--no-per-call");
        String shapeArg = System.getProperty("bench.shapes", "S1,S2,S3");
        int[] threadCounts = Arrays.stream(System.getProperty("bench.threads", "1,2").split(","))
                .mapToInt(Integer::parseInt).toArray();
        List<Shape> shapes = Shape.ALL.stream().filter(s -> Arrays.asList(shapeArg.split(",")).contains(s.name())).toList();
        double peak = Peak.measure();
        StringBuilder report = new StringBuilder();
        report.append(String.format(Locale.ROOT, "FMA peak (one core, measured): %.1f GFLOP/s%n", peak));
        List<Result> all = new ArrayList<>();
        for (int threads : threadCounts) {
            List<Gemm> impls = new ArrayList<>();
            VectorKernels k = new VectorKernels(threads);
            impls.add(gated(k, true));
            if (perCall) {
                impls.add(gated(k, false));
            }
            if (blas) {
                impls.add(BlasGemm.create(threads));
            }
            all.addAll(run(shapes, impls, threads, peak, report));
        }
        System.out.print(report);
        String out = args.length > 0 && !args[args.length - 1].startsWith("--") ? args[args.length - 1] : null;
        if (out != null) {
            StringBuilder json = new StringBuilder("{\n  \"fma_peak_gflops_per_core\": ")
                    .append(String.format(Locale.ROOT, "%.1f", peak)).append(",\n  \"openblas\": ")
                    .append(blas ? Json.str(BlasGemm.describe()) : "null").append(",\n  \"rows\": [\n");
            for (int i = 0; i < all.size(); i++) {
                Result r = all.get(i);
                json.append(String.format(Locale.ROOT,
                        "    {\"shape\": %s, \"phase\": %s, \"impl\": %s, \"threads\": %d, \"ms\": %.4f, \"gflops\": %.2f}%s%n",
                        Json.str(r.shape()), Json.str(r.phase()), Json.str(r.impl()), r.threads(), r.ms(), r.gflops(),
                        i + 1 < all.size() ? "," : ""));
            }
            json.append("  ]\n}\n");
            java.nio.file.Files.writeString(java.nio.file.Path.of(out), json);
            System.out.println("wrote " + out);
        }
    }
}
