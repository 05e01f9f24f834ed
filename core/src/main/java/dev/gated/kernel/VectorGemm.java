package dev.gated.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Register-blocked float32 matrix multiply, GotoBLAS-style: {@code C (m, n) (+)= A (m, k) · B (k, n)} where
 * A and B are strided views (so the NN, NT and TN forms are one code path).
 *
 * <pre>
 * for each k block of KC:                       B block packed into NR-wide panels  [p][NR]   (L2/L3)
 *   for each row chunk of MC:                   A chunk packed into MR-row slivers  [p][MR]   (L2)
 *     for each panel q, each sliver s:          MR × NR = 6 × 2L tile of C in 12 vector registers
 *       acc = Σ_p a[s, p] · b[p, q]             fused multiply-adds, p ascending from zero
 *       C_tile = (accumulate or not the first k block) ? C_tile + acc : acc
 * </pre>
 * Every element of C is produced by the same sequence of operations whatever the tile shape, the row chunk
 * or the thread that computes it, so splitting rows or panels between threads never changes a bit.
 * Panels and slivers are zero-padded, so the micro-kernel always runs full width.
 *
 * <p>A product narrower than {@link #NARROW_MAX_COLUMNS} columns (a Dense(1) head, its weight gradient) runs
 * {@link #computeNarrow} instead: the same fused multiply-adds in the same order, one scalar lane per column,
 * so it gives the same bits. A full-width tile would compute up to 2·L lanes to keep one, and — worse — a
 * product made once per batch is rarely hot enough for the JIT to compile its vector kernel in the first
 * seconds: run by the interpreter or C1, Vector API code is a hundred times slower than plain loops, and
 * which calls reach C2 first differed from one JVM to the next (S2 LSTM inference 8.2 to 13 ms; profiled:
 * the Dense(1) head's tile still interpreted after several seconds).
 */
final class VectorGemm {

    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    static final int L = SPECIES.length();
    static final int MR = 6;
    static final int NR = 2 * L;
    static final int KC = 256;
    static final int MC = 72;
    /** Up to this many rows of C, a row-major B is read in place instead of packed. */
    static final int DIRECT_B_MAX_ROWS = 4 * MC;
    /**
     * Column panels per block of B (an even number, so that single-row panel pairs never straddle blocks):
     * NC = 256 columns, a packed KC × NC block of 256 KiB, half of a Zen 3 core's L2. 0 turns blocking off
     * ({@code -Dgated.gemm.nc=0}, or another width in columns, for measurements).
     */
    static final int NC_PANELS = ncPanels(Integer.getInteger("gated.gemm.nc", 256));
    /** Up to this many column panels, a row-major A is read in place instead of packed. */
    static final int DIRECT_A_MAX_PANELS = 4;
    /** Products with fewer columns than this run {@link #computeNarrow}: a quarter of a vector's lanes. */
    static final int NARROW_MAX_COLUMNS = Math.max(2, L / 4);

    private VectorGemm() {
    }

    private static int ncPanels(int columns) {
        if (columns <= 0) {
            return 0;
        }
        int panels = Math.max(2, columns / NR);
        return panels + panels % 2;
    }

    /** A product over strided views: A(i, p) = a[aOff + i·ars + p·aps], B(p, j) = b[bOff + p·bps + j·bjs]. */
    static final class Problem {
        int m;
        int n;
        int k;
        float[] a;
        int aOff;
        int ars;
        int aps;
        float[] b;
        int bOff;
        int bps;
        int bjs;
        float[] c;
        int cOff;
        int ldc;
        boolean accumulate;
        /** B already packed for all k blocks ({@link #packAll}), or null to pack per call. */
        float[] packedB;

        int panels() {
            return (n + NR - 1) / NR;
        }
    }

    /** Per-thread buffers. */
    static final class Scratch {
        float[] a = new float[MC * KC];
        float[] b = new float[KC * NR * 8];
        final float[] tile = new float[MR * NR];

        float[] b(int size) {
            if (b.length < size) {
                b = new float[size];
            }
            return b;
        }
    }

    /** Floats needed to pack all of B for {@code p}: k × (panels · NR). */
    static int packedSize(int k, int n) {
        return k * ((n + NR - 1) / NR) * NR;
    }

    /** Packs all of B, k block by k block: block at pc·nPad, panel q of it at + q·kc·NR, element [p·NR + jj]. */
    static void packAll(Problem pr, float[] dst) {
        int nPad = pr.panels() * NR;
        for (int pc = 0; pc < pr.k; pc += KC) {
            int kc = Math.min(KC, pr.k - pc);
            packB(pr, pc, kc, 0, pr.panels(), dst, pc * nPad);
        }
    }

    private static void packB(Problem pr, int pc, int kc, int q0, int q1, float[] dst, int dstOff) {
        for (int q = q0; q < q1; q++) {
            int j0 = q * NR;
            int nc = Math.min(NR, pr.n - j0);
            int base = dstOff + (q - q0) * kc * NR;
            if (pr.bjs == 1) {
                for (int p = 0; p < kc; p++) {
                    int src = pr.bOff + (pc + p) * pr.bps + j0;
                    int d = base + p * NR;
                    System.arraycopy(pr.b, src, dst, d, nc);
                    for (int jj = nc; jj < NR; jj++) {
                        dst[d + jj] = 0f;
                    }
                }
            } else {
                for (int jj = 0; jj < NR; jj++) {
                    if (jj < nc) {
                        int src = pr.bOff + (j0 + jj) * pr.bjs + pc * pr.bps;
                        for (int p = 0; p < kc; p++) {
                            dst[base + p * NR + jj] = pr.b[src + p * pr.bps];
                        }
                    } else {
                        for (int p = 0; p < kc; p++) {
                            dst[base + p * NR + jj] = 0f;
                        }
                    }
                }
            }
        }
    }

    private static void packA(Problem pr, int ic, int mc, int pc, int kc, float[] dst) {
        float[] a = pr.a;
        for (int s = 0; s * MR < mc; s++) {
            int base = s * kc * MR;
            int rows = Math.min(MR, mc - s * MR);
            int src = pr.aOff + (ic + s * MR) * pr.ars + pc * pr.aps;
            if (pr.ars == 1 && rows == MR) {
                // transposed A: the sliver's MR values at one p are contiguous in memory
                int aps = pr.aps;
                for (int p = 0; p < kc; p++) {
                    int from = src + p * aps;
                    int to = base + p * MR;
                    for (int r = 0; r < MR; r++) {
                        dst[to + r] = a[from + r];
                    }
                }
                continue;
            }
            for (int r = 0; r < MR; r++) {
                if (r < rows) {
                    int rs = src + r * pr.ars;
                    if (pr.aps == 1) {
                        for (int p = 0; p < kc; p++) {
                            dst[base + p * MR + r] = a[rs + p];
                        }
                    } else {
                        for (int p = 0; p < kc; p++) {
                            dst[base + p * MR + r] = a[rs + p * pr.aps];
                        }
                    }
                } else {
                    for (int p = 0; p < kc; p++) {
                        dst[base + p * MR + r] = 0f;
                    }
                }
            }
        }
    }

    /**
     * Computes rows [i0, i1) and panels [q0, q1) of C, {@link #NC_PANELS} panels at a time: each column block of
     * B (KC × NC floats packed) then stays in L2 while every row chunk of A passes over it, instead of the
     * whole width of B streaming through L3 — which other tenants share — once per row chunk.
     */
    static void compute(Problem pr, int i0, int i1, int q0, int q1, Scratch sc) {
        if (i0 >= i1 || q0 >= q1) {
            return;
        }
        // decided on the whole range, so that blocking never changes which kernel computes an element; a
        // single row is always read in place (packing it would copy it into a sliver of MR rows, five of zeros)
        boolean directA = pr.aps == 1 && q1 - q0 <= DIRECT_A_MAX_PANELS || i1 - i0 == 1;
        // one row chunk (a time step's product): B is read once whatever the order, and blocks would only re-pack A
        int step = NC_PANELS > 0 && i1 - i0 > MC ? NC_PANELS : q1 - q0;
        for (int jq = q0; jq < q1; jq += step) {
            computeBlock(pr, i0, i1, jq, Math.min(q1, jq + step), directA, sc);
        }
    }

    private static void computeBlock(Problem pr, int i0, int i1, int q0, int q1, boolean directA, Scratch sc) {
        int nPad = pr.panels() * NR;
        for (int pc = 0; pc < pr.k; pc += KC) {
            int kc = Math.min(KC, pr.k - pc);
            boolean add = pr.accumulate || pc > 0;
            // Few rows: each element of B is used by only a few slivers, so packing it would cost about as
            // much as the product. Row-major B is then read in place (a panel row is NR contiguous floats
            // at stride bps); only a partial last panel is packed.
            boolean direct = pr.packedB == null && pr.bjs == 1 && i1 - i0 <= DIRECT_B_MAX_ROWS;
            float[] bp;
            int bpBase;
            if (pr.packedB != null) {
                bp = pr.packedB;
                bpBase = pc * nPad;
            } else if (direct) {
                bp = pr.b;
                bpBase = 0;
            } else {
                bp = sc.b((q1 - q0) * kc * NR);
                packB(pr, pc, kc, q0, q1, bp, 0);
                bpBase = -q0 * kc * NR;
            }
            float[] tailPanel = null;
            if (direct && pr.n % NR != 0 && q1 == pr.panels()) {
                tailPanel = sc.b(kc * NR);
                packB(pr, pc, kc, q1 - 1, q1, tailPanel, 0);
            }
            // Few panels (directA): each element of A is used by only a few tiles, so row-major A is read in place.
            for (int ic = i0; ic < i1; ic += MC) {
                int mc = Math.min(MC, i1 - ic);
                float[] ap = sc.a;
                int aBase = 0;
                int ars = 1;
                int aps = MR;
                if (directA) {
                    ap = pr.a;
                    aBase = pr.aOff + ic * pr.ars + pc * pr.aps;
                    ars = pr.ars;
                    aps = pr.aps;
                } else {
                    packA(pr, ic, mc, pc, kc, sc.a);
                }
                for (int q = q0; q < q1; q++) {
                    int j0 = q * NR;
                    int nc = Math.min(NR, pr.n - j0);
                    float[] b = bp;
                    int bo;
                    int bs;
                    if (!direct) {
                        bo = bpBase + q * kc * NR;
                        bs = NR;
                    } else if (nc == NR) {
                        bo = pr.bOff + pc * pr.bps + j0;
                        bs = pr.bps;
                    } else {
                        b = tailPanel;
                        bo = 0;
                        bs = NR;
                    }
                    int full = mc / MR * MR;
                    for (int s = 0; s < full; s += MR) {
                        int co = pr.cOff + (ic + s) * pr.ldc + j0;
                        if (directA) {
                            micro6Direct(ap, aBase + s * ars, ars, aps, b, bo, bs, kc, pr.c, co, pr.ldc, MR, nc, add, sc.tile);
                        } else {
                            micro6(ap, s * kc, b, bo, bs, kc, pr.c, co, pr.ldc, MR, nc, add, sc.tile);
                        }
                    }
                    int rest = mc - full;
                    if (rest > 1) {
                        int co = pr.cOff + (ic + full) * pr.ldc + j0;
                        if (directA) {
                            micro6Direct(ap, aBase + full * ars, ars, aps, b, bo, bs, kc, pr.c, co, pr.ldc, rest, nc, add, sc.tile);
                        } else {
                            micro6(ap, full * kc, b, bo, bs, kc, pr.c, co, pr.ldc, rest, nc, add, sc.tile);
                        }
                    } else if (rest == 1 && (q - q0) % ROW_PANELS == 0) {
                        // a single row (a batch of one): up to ROW_PANELS panels per pass, from the group's first
                        int rowA = directA ? aBase + full * ars : full * kc;
                        int co = pr.cOff + (ic + full) * pr.ldc + j0;
                        singleRow(pr, ap, rowA, directA ? aps : MR, bp, bpBase, direct, tailPanel, pc, kc,
                                q, Math.min(q1, q + ROW_PANELS), co, add, sc.tile);
                    }
                }
            }
        }
    }

    /** Whether {@code pr} is computed by {@link #computeNarrow}. */
    static boolean narrow(Problem pr) {
        return pr.n < NARROW_MAX_COLUMNS;
    }

    /**
     * Rows [i0, i1) of a narrow product, one column at a time: per k block of {@link #KC}, acc = Σ_p fma(A(i, p),
     * B(p, j), acc) from zero with p ascending, then C(i, j) = C(i, j) + acc (or acc) — the order in which the
     * vector tiles form every element, so a narrow product gives the bits the tiles would.
     */
    static void computeNarrow(Problem pr, int i0, int i1) {
        float[] a = pr.a;
        float[] b = pr.b;
        float[] c = pr.c;
        for (int pc = 0; pc < pr.k; pc += KC) {
            int kc = Math.min(KC, pr.k - pc);
            boolean add = pr.accumulate || pc > 0;
            for (int i = i0; i < i1; i++) {
                int aRow = pr.aOff + i * pr.ars + pc * pr.aps;
                int cRow = pr.cOff + i * pr.ldc;
                for (int j = 0; j < pr.n; j++) {
                    int bCol = pr.bOff + pc * pr.bps + j * pr.bjs;
                    float acc = 0f;
                    for (int p = 0; p < kc; p++) {
                        acc = Math.fma(b[bCol + p * pr.bps], a[aRow + p * pr.aps], acc);
                    }
                    c[cRow + j] = add ? c[cRow + j] + acc : acc;
                }
            }
        }
    }

    /**
     * MR × NR tile, MR = 6 rows by 2 vectors: 12 accumulators + 2 B vectors + 1 broadcast A value = 15 of the
     * 16 AVX2 registers (a 4 × 3·L tile needs all 16 and C2 spills, at about half the speed). The loop walks
     * two pointers so that C2 sees simple strided indexes.
     */
    private static void micro6(float[] ap, int ao, float[] bp, int bo, int bs, int kc,
                               float[] c, int co, int ldc, int mr, int nc, boolean add, float[] tile) {
        FloatVector c00 = FloatVector.zero(SPECIES);
        FloatVector c01 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        FloatVector c20 = c00;
        FloatVector c21 = c00;
        FloatVector c30 = c00;
        FloatVector c31 = c00;
        FloatVector c40 = c00;
        FloatVector c41 = c00;
        FloatVector c50 = c00;
        FloatVector c51 = c00;
        int aEnd = ao + kc * MR;
        for (int bi = bo, ai = ao; ai < aEnd; bi += bs, ai += MR) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, bp, bi);
            FloatVector b1 = FloatVector.fromArray(SPECIES, bp, bi + L);
            FloatVector a = FloatVector.broadcast(SPECIES, ap[ai]);
            c00 = b0.fma(a, c00);
            c01 = b1.fma(a, c01);
            a = FloatVector.broadcast(SPECIES, ap[ai + 1]);
            c10 = b0.fma(a, c10);
            c11 = b1.fma(a, c11);
            a = FloatVector.broadcast(SPECIES, ap[ai + 2]);
            c20 = b0.fma(a, c20);
            c21 = b1.fma(a, c21);
            a = FloatVector.broadcast(SPECIES, ap[ai + 3]);
            c30 = b0.fma(a, c30);
            c31 = b1.fma(a, c31);
            a = FloatVector.broadcast(SPECIES, ap[ai + 4]);
            c40 = b0.fma(a, c40);
            c41 = b1.fma(a, c41);
            a = FloatVector.broadcast(SPECIES, ap[ai + 5]);
            c50 = b0.fma(a, c50);
            c51 = b1.fma(a, c51);
        }
        if (mr == MR && nc == NR) {
            // written out here, not in a helper: a FloatVector passed to a call that C2 does not inline is
            // boxed, and the boxing spread into the k loop (1.1 GB per S2 training step, half speed)
            int o1 = co + ldc;
            int o2 = co + 2 * ldc;
            int o3 = co + 3 * ldc;
            int o4 = co + 4 * ldc;
            int o5 = co + 5 * ldc;
            if (add) {
                c00 = c00.add(FloatVector.fromArray(SPECIES, c, co));
                c01 = c01.add(FloatVector.fromArray(SPECIES, c, co + L));
                c10 = c10.add(FloatVector.fromArray(SPECIES, c, o1));
                c11 = c11.add(FloatVector.fromArray(SPECIES, c, o1 + L));
                c20 = c20.add(FloatVector.fromArray(SPECIES, c, o2));
                c21 = c21.add(FloatVector.fromArray(SPECIES, c, o2 + L));
                c30 = c30.add(FloatVector.fromArray(SPECIES, c, o3));
                c31 = c31.add(FloatVector.fromArray(SPECIES, c, o3 + L));
                c40 = c40.add(FloatVector.fromArray(SPECIES, c, o4));
                c41 = c41.add(FloatVector.fromArray(SPECIES, c, o4 + L));
                c50 = c50.add(FloatVector.fromArray(SPECIES, c, o5));
                c51 = c51.add(FloatVector.fromArray(SPECIES, c, o5 + L));
            }
            c00.intoArray(c, co);
            c01.intoArray(c, co + L);
            c10.intoArray(c, o1);
            c11.intoArray(c, o1 + L);
            c20.intoArray(c, o2);
            c21.intoArray(c, o2 + L);
            c30.intoArray(c, o3);
            c31.intoArray(c, o3 + L);
            c40.intoArray(c, o4);
            c41.intoArray(c, o4 + L);
            c50.intoArray(c, o5);
            c51.intoArray(c, o5 + L);
            return;
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, L);
        c10.intoArray(tile, NR);
        c11.intoArray(tile, NR + L);
        c20.intoArray(tile, 2 * NR);
        c21.intoArray(tile, 2 * NR + L);
        c30.intoArray(tile, 3 * NR);
        c31.intoArray(tile, 3 * NR + L);
        c40.intoArray(tile, 4 * NR);
        c41.intoArray(tile, 4 * NR + L);
        c50.intoArray(tile, 5 * NR);
        c51.intoArray(tile, 5 * NR + L);
        for (int r = 0; r < mr; r++) {
            storeTail(c, co + r * ldc, tile, r * NR, nc, add);
        }
    }

    /**
     * {@link #micro6} reading A in place (row-major, not packed): row r of the tile at ao + r·ars, step aps
     * per p. Kept apart from the packed kernel, whose constant offsets leave C2 more registers.
     */
    private static void micro6Direct(float[] ap, int ao, int ars, int aps, float[] bp, int bo, int bs, int kc,
                               float[] c, int co, int ldc, int mr, int nc, boolean add, float[] tile) {
        // A(r, p) = ap[ao + r·ars + p·aps]; rows past mr repeat the last row (their results are discarded)
        int o1 = Math.min(1, mr - 1) * ars;
        int o2 = Math.min(2, mr - 1) * ars;
        int o3 = Math.min(3, mr - 1) * ars;
        int o4 = Math.min(4, mr - 1) * ars;
        int o5 = Math.min(5, mr - 1) * ars;
        FloatVector c00 = FloatVector.zero(SPECIES);
        FloatVector c01 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        FloatVector c20 = c00;
        FloatVector c21 = c00;
        FloatVector c30 = c00;
        FloatVector c31 = c00;
        FloatVector c40 = c00;
        FloatVector c41 = c00;
        FloatVector c50 = c00;
        FloatVector c51 = c00;
        for (int p = 0, bi = bo, ai = ao; p < kc; p++, bi += bs, ai += aps) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, bp, bi);
            FloatVector b1 = FloatVector.fromArray(SPECIES, bp, bi + L);
            FloatVector a = FloatVector.broadcast(SPECIES, ap[ai]);
            c00 = b0.fma(a, c00);
            c01 = b1.fma(a, c01);
            a = FloatVector.broadcast(SPECIES, ap[ai + o1]);
            c10 = b0.fma(a, c10);
            c11 = b1.fma(a, c11);
            a = FloatVector.broadcast(SPECIES, ap[ai + o2]);
            c20 = b0.fma(a, c20);
            c21 = b1.fma(a, c21);
            a = FloatVector.broadcast(SPECIES, ap[ai + o3]);
            c30 = b0.fma(a, c30);
            c31 = b1.fma(a, c31);
            a = FloatVector.broadcast(SPECIES, ap[ai + o4]);
            c40 = b0.fma(a, c40);
            c41 = b1.fma(a, c41);
            a = FloatVector.broadcast(SPECIES, ap[ai + o5]);
            c50 = b0.fma(a, c50);
            c51 = b1.fma(a, c51);
        }
        if (mr == MR && nc == NR) {
            // written out here, not in a helper: a FloatVector passed to a call that C2 does not inline is
            // boxed, and the boxing spread into the k loop (1.1 GB per S2 training step, half speed)
            int r1 = co + ldc;
            int r2 = co + 2 * ldc;
            int r3 = co + 3 * ldc;
            int r4 = co + 4 * ldc;
            int r5 = co + 5 * ldc;
            if (add) {
                c00 = c00.add(FloatVector.fromArray(SPECIES, c, co));
                c01 = c01.add(FloatVector.fromArray(SPECIES, c, co + L));
                c10 = c10.add(FloatVector.fromArray(SPECIES, c, r1));
                c11 = c11.add(FloatVector.fromArray(SPECIES, c, r1 + L));
                c20 = c20.add(FloatVector.fromArray(SPECIES, c, r2));
                c21 = c21.add(FloatVector.fromArray(SPECIES, c, r2 + L));
                c30 = c30.add(FloatVector.fromArray(SPECIES, c, r3));
                c31 = c31.add(FloatVector.fromArray(SPECIES, c, r3 + L));
                c40 = c40.add(FloatVector.fromArray(SPECIES, c, r4));
                c41 = c41.add(FloatVector.fromArray(SPECIES, c, r4 + L));
                c50 = c50.add(FloatVector.fromArray(SPECIES, c, r5));
                c51 = c51.add(FloatVector.fromArray(SPECIES, c, r5 + L));
            }
            c00.intoArray(c, co);
            c01.intoArray(c, co + L);
            c10.intoArray(c, r1);
            c11.intoArray(c, r1 + L);
            c20.intoArray(c, r2);
            c21.intoArray(c, r2 + L);
            c30.intoArray(c, r3);
            c31.intoArray(c, r3 + L);
            c40.intoArray(c, r4);
            c41.intoArray(c, r4 + L);
            c50.intoArray(c, r5);
            c51.intoArray(c, r5 + L);
            return;
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, L);
        c10.intoArray(tile, NR);
        c11.intoArray(tile, NR + L);
        c20.intoArray(tile, 2 * NR);
        c21.intoArray(tile, 2 * NR + L);
        c30.intoArray(tile, 3 * NR);
        c31.intoArray(tile, 3 * NR + L);
        c40.intoArray(tile, 4 * NR);
        c41.intoArray(tile, 4 * NR + L);
        c50.intoArray(tile, 5 * NR);
        c51.intoArray(tile, 5 * NR + L);
        for (int r = 0; r < mr; r++) {
            storeTail(c, co + r * ldc, tile, r * NR, nc, add);
        }
    }

    /**
     * Column panels a single row of A is multiplied with per pass: 8 panels = 16 accumulators where there are
     * 32 vector registers (AVX-512: 16 lanes), 4 panels = 8 accumulators where there are 16 (AVX2).
     */
    static final int ROW_PANELS = L >= 16 ? 8 : 4;

    /**
     * One row of C (from {@code co}) over panels [q0, q1): four at a time where they lie evenly spaced in one
     * array, else two, else one. A(p) = ap[ao + p·as]. Panel q of B is packed ({@code bp} at bpBase + q·kc·NR,
     * stride NR) unless {@code direct}: then row-major B in place (stride bps), or {@code tailPanel} for a
     * partial last panel.
     */
    private static void singleRow(Problem pr, float[] ap, int ao, int as, float[] bp, int bpBase, boolean direct,
                                  float[] tailPanel, int pc, int kc, int q0, int q1, int co, boolean add, float[] tile) {
        int q = q0;
        while (q < q1) {
            int j0 = q * NR;
            int bo = direct ? pr.bOff + pc * pr.bps + j0 : bpBase + q * kc * NR;
            int step = direct ? NR : kc * NR;
            if (ROW_PANELS == 8 && q + 8 <= q1 && j0 + 8 * NR <= pr.n) {
                micro1x8(ap, ao, as, direct ? pr.b : bp, bo, step, direct ? pr.bps : NR, kc,
                        pr.c, co + (j0 - q0 * NR), add);
                q += 8;
                continue;
            }
            if (q + 4 <= q1 && j0 + 4 * NR <= pr.n) {
                micro1x4(ap, ao, as, direct ? pr.b : bp, bo, step, direct ? pr.bps : NR, kc,
                        pr.c, co + (j0 - q0 * NR), add);
                q += 4;
                continue;
            }
            int nc = Math.min(NR, pr.n - j0);
            int nc2 = q + 1 < q1 ? Math.min(NR, pr.n - j0 - NR) : 0;
            boolean tail1 = direct && nc < NR;
            boolean tail2 = direct && nc2 > 0 && nc2 < NR;
            float[] b1 = !direct ? bp : tail1 ? tailPanel : pr.b;
            int bo1 = !direct ? bpBase + q * kc * NR : tail1 ? 0 : pr.bOff + pc * pr.bps + j0;
            int bs1 = !direct || tail1 ? NR : pr.bps;
            float[] b2 = !direct ? bp : tail2 ? tailPanel : pr.b;
            int bo2 = !direct ? bpBase + (q + 1) * kc * NR : tail2 ? 0 : pr.bOff + pc * pr.bps + j0 + NR;
            int bs2 = !direct || tail2 ? NR : pr.bps;
            micro1x2(ap, ao, as, b1, bo1, bs1, b2, bo2, bs2, kc, pr.c, co + (j0 - q0 * NR), nc, nc2, add, tile);
            q += nc2 > 0 ? 2 : 1;
        }
    }

    /**
     * One row against four full panels evenly spaced in one array (panel i at bo + i·step, row stride bs):
     * eight independent accumulator chains, enough to keep both fused multiply-add units busy through their
     * latency (four, as {@link #micro1x2} has, leave half of them idle). C is written in full.
     */
    private static void micro1x4(float[] ap, int ao, int as, float[] bp, int bo, int step, int bs, int kc,
                                 float[] c, int co, boolean add) {
        FloatVector c0 = FloatVector.zero(SPECIES);
        FloatVector c1 = c0;
        FloatVector c2 = c0;
        FloatVector c3 = c0;
        FloatVector c4 = c0;
        FloatVector c5 = c0;
        FloatVector c6 = c0;
        FloatVector c7 = c0;
        int b1 = bo + step;
        int b2 = bo + 2 * step;
        int b3 = bo + 3 * step;
        for (int p = 0, ai = ao, bi = 0; p < kc; p++, ai += as, bi += bs) {
            FloatVector a = FloatVector.broadcast(SPECIES, ap[ai]);
            c0 = FloatVector.fromArray(SPECIES, bp, bo + bi).fma(a, c0);
            c1 = FloatVector.fromArray(SPECIES, bp, bo + bi + L).fma(a, c1);
            c2 = FloatVector.fromArray(SPECIES, bp, b1 + bi).fma(a, c2);
            c3 = FloatVector.fromArray(SPECIES, bp, b1 + bi + L).fma(a, c3);
            c4 = FloatVector.fromArray(SPECIES, bp, b2 + bi).fma(a, c4);
            c5 = FloatVector.fromArray(SPECIES, bp, b2 + bi + L).fma(a, c5);
            c6 = FloatVector.fromArray(SPECIES, bp, b3 + bi).fma(a, c6);
            c7 = FloatVector.fromArray(SPECIES, bp, b3 + bi + L).fma(a, c7);
        }
        if (add) {
            c0 = c0.add(FloatVector.fromArray(SPECIES, c, co));
            c1 = c1.add(FloatVector.fromArray(SPECIES, c, co + L));
            c2 = c2.add(FloatVector.fromArray(SPECIES, c, co + NR));
            c3 = c3.add(FloatVector.fromArray(SPECIES, c, co + NR + L));
            c4 = c4.add(FloatVector.fromArray(SPECIES, c, co + 2 * NR));
            c5 = c5.add(FloatVector.fromArray(SPECIES, c, co + 2 * NR + L));
            c6 = c6.add(FloatVector.fromArray(SPECIES, c, co + 3 * NR));
            c7 = c7.add(FloatVector.fromArray(SPECIES, c, co + 3 * NR + L));
        }
        c0.intoArray(c, co);
        c1.intoArray(c, co + L);
        c2.intoArray(c, co + NR);
        c3.intoArray(c, co + NR + L);
        c4.intoArray(c, co + 2 * NR);
        c5.intoArray(c, co + 2 * NR + L);
        c6.intoArray(c, co + 3 * NR);
        c7.intoArray(c, co + 3 * NR + L);
    }

    /** {@link #micro1x4} over eight panels: sixteen accumulator chains (hosts with 32 vector registers). */
    private static void micro1x8(float[] ap, int ao, int as, float[] bp, int bo, int step, int bs, int kc,
                                 float[] c, int co, boolean add) {
        FloatVector c0 = FloatVector.zero(SPECIES);
        FloatVector c1 = c0;
        FloatVector c2 = c0;
        FloatVector c3 = c0;
        FloatVector c4 = c0;
        FloatVector c5 = c0;
        FloatVector c6 = c0;
        FloatVector c7 = c0;
        FloatVector c8 = c0;
        FloatVector c9 = c0;
        FloatVector c10 = c0;
        FloatVector c11 = c0;
        FloatVector c12 = c0;
        FloatVector c13 = c0;
        FloatVector c14 = c0;
        FloatVector c15 = c0;
        int b1 = bo + 1 * step;
        int b2 = bo + 2 * step;
        int b3 = bo + 3 * step;
        int b4 = bo + 4 * step;
        int b5 = bo + 5 * step;
        int b6 = bo + 6 * step;
        int b7 = bo + 7 * step;
        for (int p = 0, ai = ao, bi = 0; p < kc; p++, ai += as, bi += bs) {
            FloatVector a = FloatVector.broadcast(SPECIES, ap[ai]);
            c0 = FloatVector.fromArray(SPECIES, bp, bo + bi).fma(a, c0);
            c1 = FloatVector.fromArray(SPECIES, bp, bo + bi + L).fma(a, c1);
            c2 = FloatVector.fromArray(SPECIES, bp, b1 + bi).fma(a, c2);
            c3 = FloatVector.fromArray(SPECIES, bp, b1 + bi + L).fma(a, c3);
            c4 = FloatVector.fromArray(SPECIES, bp, b2 + bi).fma(a, c4);
            c5 = FloatVector.fromArray(SPECIES, bp, b2 + bi + L).fma(a, c5);
            c6 = FloatVector.fromArray(SPECIES, bp, b3 + bi).fma(a, c6);
            c7 = FloatVector.fromArray(SPECIES, bp, b3 + bi + L).fma(a, c7);
            c8 = FloatVector.fromArray(SPECIES, bp, b4 + bi).fma(a, c8);
            c9 = FloatVector.fromArray(SPECIES, bp, b4 + bi + L).fma(a, c9);
            c10 = FloatVector.fromArray(SPECIES, bp, b5 + bi).fma(a, c10);
            c11 = FloatVector.fromArray(SPECIES, bp, b5 + bi + L).fma(a, c11);
            c12 = FloatVector.fromArray(SPECIES, bp, b6 + bi).fma(a, c12);
            c13 = FloatVector.fromArray(SPECIES, bp, b6 + bi + L).fma(a, c13);
            c14 = FloatVector.fromArray(SPECIES, bp, b7 + bi).fma(a, c14);
            c15 = FloatVector.fromArray(SPECIES, bp, b7 + bi + L).fma(a, c15);
        }
        if (add) {
            c0 = c0.add(FloatVector.fromArray(SPECIES, c, co));
            c1 = c1.add(FloatVector.fromArray(SPECIES, c, co + L));
            c2 = c2.add(FloatVector.fromArray(SPECIES, c, co + 1 * NR));
            c3 = c3.add(FloatVector.fromArray(SPECIES, c, co + 1 * NR + L));
            c4 = c4.add(FloatVector.fromArray(SPECIES, c, co + 2 * NR));
            c5 = c5.add(FloatVector.fromArray(SPECIES, c, co + 2 * NR + L));
            c6 = c6.add(FloatVector.fromArray(SPECIES, c, co + 3 * NR));
            c7 = c7.add(FloatVector.fromArray(SPECIES, c, co + 3 * NR + L));
            c8 = c8.add(FloatVector.fromArray(SPECIES, c, co + 4 * NR));
            c9 = c9.add(FloatVector.fromArray(SPECIES, c, co + 4 * NR + L));
            c10 = c10.add(FloatVector.fromArray(SPECIES, c, co + 5 * NR));
            c11 = c11.add(FloatVector.fromArray(SPECIES, c, co + 5 * NR + L));
            c12 = c12.add(FloatVector.fromArray(SPECIES, c, co + 6 * NR));
            c13 = c13.add(FloatVector.fromArray(SPECIES, c, co + 6 * NR + L));
            c14 = c14.add(FloatVector.fromArray(SPECIES, c, co + 7 * NR));
            c15 = c15.add(FloatVector.fromArray(SPECIES, c, co + 7 * NR + L));
        }
        c0.intoArray(c, co);
        c1.intoArray(c, co + L);
        c2.intoArray(c, co + 1 * NR);
        c3.intoArray(c, co + 1 * NR + L);
        c4.intoArray(c, co + 2 * NR);
        c5.intoArray(c, co + 2 * NR + L);
        c6.intoArray(c, co + 3 * NR);
        c7.intoArray(c, co + 3 * NR + L);
        c8.intoArray(c, co + 4 * NR);
        c9.intoArray(c, co + 4 * NR + L);
        c10.intoArray(c, co + 5 * NR);
        c11.intoArray(c, co + 5 * NR + L);
        c12.intoArray(c, co + 6 * NR);
        c13.intoArray(c, co + 6 * NR + L);
        c14.intoArray(c, co + 7 * NR);
        c15.intoArray(c, co + 7 * NR + L);
    }

    /**
     * One row against two panels at once (four independent accumulator chains instead of two, so the
     * fused multiply-add latency is hidden): the tail of a row chunk and all of a batch-of-one step.
     * {@code bo2} is the second panel's offset, ignored when {@code nc2} is 0.
     */
    private static void micro1x2(float[] ap, int ao, int as, float[] bp, int bo, int bs, float[] bp2, int bo2, int bs2,
                                 int kc, float[] c, int co, int nc, int nc2, boolean add, float[] tile) {
        FloatVector c0 = FloatVector.zero(SPECIES);
        FloatVector c1 = c0;
        FloatVector c2 = c0;
        FloatVector c3 = c0;
        if (nc2 > 0) {
            for (int p = 0, ai = ao, bi = bo, bj = bo2; p < kc; p++, ai += as, bi += bs, bj += bs2) {
                FloatVector a = FloatVector.broadcast(SPECIES, ap[ai]);
                c0 = FloatVector.fromArray(SPECIES, bp, bi).fma(a, c0);
                c1 = FloatVector.fromArray(SPECIES, bp, bi + L).fma(a, c1);
                c2 = FloatVector.fromArray(SPECIES, bp2, bj).fma(a, c2);
                c3 = FloatVector.fromArray(SPECIES, bp2, bj + L).fma(a, c3);
            }
        } else {
            for (int p = 0, ai = ao, bi = bo; p < kc; p++, ai += as, bi += bs) {
                FloatVector a = FloatVector.broadcast(SPECIES, ap[ai]);
                c0 = FloatVector.fromArray(SPECIES, bp, bi).fma(a, c0);
                c1 = FloatVector.fromArray(SPECIES, bp, bi + L).fma(a, c1);
            }
        }
        if (nc == NR) {
            if (add) {
                c0 = c0.add(FloatVector.fromArray(SPECIES, c, co));
                c1 = c1.add(FloatVector.fromArray(SPECIES, c, co + L));
            }
            c0.intoArray(c, co);
            c1.intoArray(c, co + L);
        } else {
            c0.intoArray(tile, 0);
            c1.intoArray(tile, L);
            storeTail(c, co, tile, 0, nc, add);
        }
        if (nc2 == NR) {
            if (add) {
                c2 = c2.add(FloatVector.fromArray(SPECIES, c, co + NR));
                c3 = c3.add(FloatVector.fromArray(SPECIES, c, co + NR + L));
            }
            c2.intoArray(c, co + NR);
            c3.intoArray(c, co + NR + L);
        } else if (nc2 > 0) {
            c2.intoArray(tile, 0);
            c3.intoArray(tile, L);
            storeTail(c, co + NR, tile, 0, nc2, add);
        }
    }

    private static void storeTail(float[] c, int co, float[] tile, int to, int nc, boolean add) {
        for (int j = 0; j < nc; j++) {
            c[co + j] = add ? c[co + j] + tile[to + j] : tile[to + j];
        }
    }
}
