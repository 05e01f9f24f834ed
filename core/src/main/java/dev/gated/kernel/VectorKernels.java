package dev.gated.kernel;

import dev.gated.tensor.FloatTensor;
import dev.gated.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import jdk.incubator.vector.FloatVector;

/**
 * The fast kernels: float32 through the Vector API ({@code jdk.incubator.vector}); float64 tensors go to
 * {@link PlainKernels}. Loaded by reflection from {@link KernelProvider} only when the module is present,
 * so the rest of the library never links against the incubator module.
 *
 * <ul>
 * <li>Matrix multiply: {@link VectorGemm}, a register-blocked 6 × 2·L micro-kernel (L = floats per vector)
 *     over packed panels; operands that would be used only a few times (few rows, or few column panels)
 *     are read in place instead of packed. B is packed per call, except for a tensor inside
 *     {@link #beginReuse}/{@link #endReuse} (the recurrent kernel U during one pass), which is packed once
 *     per pass and orientation.</li>
 * <li>Gates: one pass per step with {@link VectorMath}'s σ and tanh (relative error below 1e-6).</li>
 * <li>Threads: products of at least {@value #PARALLEL_MIN_MACS} multiply-adds are split over up to
 *     {@link #threads()} threads by column panels (or rows when there are too few panels); every element is
 *     computed by the same operations in the same order whatever the split, so results are bit-identical
 *     for any thread count.</li>
 * </ul>
 */
public final class VectorKernels implements Kernels {

    /** Below this many multiply-adds a product runs on the calling thread. */
    static final long PARALLEL_MIN_MACS = 1 << 20;

    private final PlainKernels plain = new PlainKernels();
    private final WorkerPool pool;
    private final ThreadLocal<Job> jobs;
    private final ThreadLocal<Reuse> reuse = ThreadLocal.withInitial(Reuse::new);

    /** Kernels using {@code threads} threads (the caller and threads − 1 workers) for large products. */
    public VectorKernels(int threads) {
        if (threads < 1 || threads > 256) {
            throw new IllegalArgumentException("threads must be between 1 and 256 but is " + threads);
        }
        this.pool = new WorkerPool(threads);
        this.jobs = ThreadLocal.withInitial(() -> new Job(threads));
    }

    /** Kernels with {@link KernelProvider#defaultThreads()} threads. */
    public VectorKernels() {
        this(KernelProvider.defaultThreads());
    }

    @Override
    public int threads() {
        return pool.threads();
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k,
                     Tensor a, int aOff, int lda, Tensor b, int bOff, int ldb,
                     Tensor c, int cOff, int ldc, boolean accumulate) {
        if (!(c instanceof FloatTensor fc)) {
            plain.gemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
            return;
        }
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            if (!accumulate) {
                for (int i = 0; i < m; i++) {
                    java.util.Arrays.fill(fc.data(), cOff + i * ldc, cOff + i * ldc + n, 0f);
                }
            }
            return;
        }
        Job job = jobs.get();
        VectorGemm.Problem pr = job.problem;
        pr.m = m;
        pr.n = n;
        pr.k = k;
        pr.a = ((FloatTensor) a).data();
        pr.aOff = aOff;
        pr.ars = transA ? 1 : lda;
        pr.aps = transA ? lda : 1;
        pr.b = ((FloatTensor) b).data();
        pr.bOff = bOff;
        pr.bps = transB ? 1 : ldb;
        pr.bjs = transB ? ldb : 1;
        pr.c = fc.data();
        pr.cOff = cOff;
        pr.ldc = ldc;
        pr.accumulate = accumulate;
        if (VectorGemm.narrow(pr)) {
            VectorGemm.computeNarrow(pr, 0, m);
            pr.a = null;
            pr.b = null;
            pr.c = null;
            return;
        }
        pr.packedB = reuse.get().packed(b, transB, bOff, ldb, k, n, pr);
        // inside a coarse part (or while another thread holds the pool) the product runs on this thread alone:
        // one part, not several run one after another
        job.split(pool.inUse() ? 1 : pool.threads(), (long) m * n * k);
        pool.run(job.parts, job);
        pr.a = null;
        pr.b = null;
        pr.c = null;
        pr.packedB = null;
    }

    @Override
    public int parallelism() {
        return pool.threads();
    }

    @Override
    public void runParts(int parts, IntConsumer part) {
        if (parts > pool.threads()) {
            throw new IllegalArgumentException(parts + " parts for " + pool.threads() + " threads");
        }
        pool.run(parts, part::accept);
    }

    @Override
    public void beginReuse(Tensor b) {
        if (b instanceof FloatTensor) {
            reuse.get().begin(b);
        }
    }

    @Override
    public void endReuse(Tensor b) {
        if (b instanceof FloatTensor) {
            reuse.get().end(b);
        }
    }

    @Override
    public void addColumnSums(int rows, int cols, Tensor a, int aOff, int lda, Tensor out, int outOff) {
        if (!(a instanceof FloatTensor fa) || !(out instanceof FloatTensor fo)) {
            plain.addColumnSums(rows, cols, a, aOff, lda, out, outOff);
            return;
        }
        float[] x = fa.data();
        float[] y = fo.data();
        int bound = VectorMath.SPECIES.loopBound(cols);
        for (int r = 0; r < rows; r++) {
            int row = aOff + r * lda;
            int j = 0;
            for (; j < bound; j += VectorMath.SPECIES.length()) {
                FloatVector.fromArray(VectorMath.SPECIES, y, outOff + j)
                        .add(FloatVector.fromArray(VectorMath.SPECIES, x, row + j))
                        .intoArray(y, outOff + j);
            }
            for (; j < cols; j++) {
                y[outOff + j] += x[row + j];
            }
        }
    }

    @Override
    public void lstmForward(int batch, int units, Tensor gates, int gatesOff,
                            Tensor cPrev, int cPrevOff, Tensor c, int cOff, Tensor h, int hOff) {
        if (allFloat(gates, cPrev, c, h)) {
            VectorGates.lstmForward(batch, units, f(gates), gatesOff, f(cPrev), cPrevOff, f(c), cOff, f(h), hOff);
        } else {
            plain.lstmForward(batch, units, gates, gatesOff, cPrev, cPrevOff, c, cOff, h, hOff);
        }
    }

    @Override
    public void lstmBackward(int batch, int units, Tensor gates, int gatesOff, Tensor c, int cOff,
                             Tensor cPrev, int cPrevOff, Tensor dh, Tensor dc, Tensor dGates, int dGatesOff,
                             Tensor dcPrev) {
        if (allFloat(gates, c, cPrev, dh, dc, dGates, dcPrev)) {
            VectorGates.lstmBackward(batch, units, f(gates), gatesOff, f(c), cOff, f(cPrev), cPrevOff,
                    f(dh), f(dc), f(dGates), dGatesOff, f(dcPrev));
        } else {
            plain.lstmBackward(batch, units, gates, gatesOff, c, cOff, cPrev, cPrevOff, dh, dc, dGates, dGatesOff, dcPrev);
        }
    }

    @Override
    public void gruForward(int batch, int units, Tensor gates, int gatesOff, Tensor recurrent, int recurrentOff,
                           Tensor hPrev, int hPrevOff, Tensor h, int hOff) {
        if (allFloat(gates, recurrent, hPrev, h)) {
            VectorGates.gruForward(batch, units, f(gates), gatesOff, f(recurrent), recurrentOff,
                    f(hPrev), hPrevOff, f(h), hOff);
        } else {
            plain.gruForward(batch, units, gates, gatesOff, recurrent, recurrentOff, hPrev, hPrevOff, h, hOff);
        }
    }

    @Override
    public void gruBackward(int batch, int units, Tensor gates, int gatesOff, Tensor recurrent, int recurrentOff,
                            Tensor hPrev, int hPrevOff, Tensor dh, Tensor dGates, int dGatesOff,
                            Tensor dRecurrent, int dRecurrentOff, Tensor dhPrev) {
        if (allFloat(gates, recurrent, hPrev, dh, dGates, dRecurrent, dhPrev)) {
            VectorGates.gruBackward(batch, units, f(gates), gatesOff, f(recurrent), recurrentOff, f(hPrev), hPrevOff,
                    f(dh), f(dGates), dGatesOff, f(dRecurrent), dRecurrentOff, f(dhPrev));
        } else {
            plain.gruBackward(batch, units, gates, gatesOff, recurrent, recurrentOff, hPrev, hPrevOff, dh,
                    dGates, dGatesOff, dRecurrent, dRecurrentOff, dhPrev);
        }
    }

    @Override
    public void tanh(int n, Tensor x, int xOff, Tensor y, int yOff) {
        if (allFloat(x, y)) {
            VectorGates.tanh(n, f(x), xOff, f(y), yOff);
        } else {
            plain.tanh(n, x, xOff, y, yOff);
        }
    }

    @Override
    public void sigmoid(int n, Tensor x, int xOff, Tensor y, int yOff) {
        if (allFloat(x, y)) {
            VectorGates.sigmoid(n, f(x), xOff, f(y), yOff);
        } else {
            plain.sigmoid(n, x, xOff, y, yOff);
        }
    }

    @Override
    public void tanhBackward(int n, Tensor y, int yOff, Tensor dy, int dyOff, Tensor dx, int dxOff) {
        if (allFloat(y, dy, dx)) {
            VectorGates.tanhBackward(n, f(y), yOff, f(dy), dyOff, f(dx), dxOff);
        } else {
            plain.tanhBackward(n, y, yOff, dy, dyOff, dx, dxOff);
        }
    }

    @Override
    public String name() {
        return "vector(" + VectorMath.SPECIES.vectorBitSize() + "-bit, " + VectorMath.SPECIES.length()
                + " floats, " + threads() + (threads() == 1 ? " thread)" : " threads)");
    }

    // fixed arities, not varargs: a varargs array would be allocated on every step
    private static boolean allFloat(Tensor a, Tensor b) {
        return a instanceof FloatTensor && b instanceof FloatTensor;
    }

    private static boolean allFloat(Tensor a, Tensor b, Tensor c) {
        return allFloat(a, b) && c instanceof FloatTensor;
    }

    private static boolean allFloat(Tensor a, Tensor b, Tensor c, Tensor d) {
        return allFloat(a, b) && allFloat(c, d);
    }

    private static boolean allFloat(Tensor a, Tensor b, Tensor c, Tensor d, Tensor e, Tensor f, Tensor g) {
        return allFloat(a, b, c, d) && allFloat(e, f, g);
    }

    private static float[] f(Tensor t) {
        return ((FloatTensor) t).data();
    }

    /** One caller's matrix multiply, split into parts by rows or by column panels. */
    private static final class Job implements WorkerPool.Task {
        final VectorGemm.Problem problem = new VectorGemm.Problem();
        final VectorGemm.Scratch[] scratch;
        final int[] bounds;
        int parts;
        boolean byPanels;

        Job(int threads) {
            scratch = new VectorGemm.Scratch[threads];
            for (int t = 0; t < threads; t++) {
                scratch[t] = new VectorGemm.Scratch();
            }
            bounds = new int[threads + 1];
        }

        void split(int threads, long macs) {
            int panels = problem.panels();
            int m = problem.m;
            parts = 1;
            byPanels = true;
            if (threads > 1 && macs >= PARALLEL_MIN_MACS) {
                if (panels >= 2 * threads) {
                    parts = threads;
                } else if (m >= threads * 2 * VectorGemm.MR) {
                    parts = threads;
                    byPanels = false;
                }
            }
            int units = byPanels ? panels : (m + VectorGemm.MR - 1) / VectorGemm.MR;
            for (int p = 0; p <= parts; p++) {
                bounds[p] = (int) ((long) units * p / parts);
            }
        }

        @Override
        public void run(int part) {
            VectorGemm.Problem pr = problem;
            if (byPanels) {
                VectorGemm.compute(pr, 0, pr.m, bounds[part], bounds[part + 1], scratch[part]);
            } else {
                int i0 = bounds[part] * VectorGemm.MR;
                int i1 = Math.min(pr.m, bounds[part + 1] * VectorGemm.MR);
                VectorGemm.compute(pr, i0, i1, 0, pr.panels(), scratch[part]);
            }
        }
    }

    /** The tensors inside beginReuse/endReuse on this thread, and their packed copies. */
    private static final class Reuse {
        final List<Tensor> active = new ArrayList<>();
        final List<Entry> entries = new ArrayList<>();
        final List<float[]> free = new ArrayList<>();

        void begin(Tensor b) {
            active.add(b);
        }

        void end(Tensor b) {
            for (int i = active.size() - 1; i >= 0; i--) {
                if (active.get(i) == b) {
                    active.remove(i);
                    break;
                }
            }
            for (int i = entries.size() - 1; i >= 0; i--) {
                Entry e = entries.get(i);
                if (e.tensor == b && !isActive(b)) {
                    free.add(e.packed);
                    entries.remove(i);
                }
            }
        }

        // indexed loops, not for-each: an iterator per product is garbage per time step when C2 does not inline
        private boolean isActive(Tensor b) {
            for (int i = 0; i < active.size(); i++) {
                if (active.get(i) == b) {
                    return true;
                }
            }
            return false;
        }

        /** The packed copy of B for this product if b is being reused (packing it on first use), else null. */
        float[] packed(Tensor b, boolean trans, int off, int ld, int k, int n, VectorGemm.Problem pr) {
            if (active.isEmpty() || !isActive(b)) {
                return null;
            }
            for (int i = 0; i < entries.size(); i++) {
                Entry e = entries.get(i);
                if (e.tensor == b && e.trans == trans && e.off == off && e.ld == ld && e.k == k && e.n == n) {
                    return e.packed;
                }
            }
            int size = VectorGemm.packedSize(k, n);
            float[] buffer = null;
            for (int i = 0; i < free.size(); i++) {
                if (free.get(i).length >= size) {
                    buffer = free.remove(i);
                    break;
                }
            }
            if (buffer == null) {
                buffer = new float[size];
            }
            VectorGemm.packAll(pr, buffer);
            entries.add(new Entry(b, trans, off, ld, k, n, buffer));
            return buffer;
        }
    }

    private record Entry(Tensor tensor, boolean trans, int off, int ld, int k, int n, float[] packed) {
    }
}
