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
 *     for each panel q, each sliver s:          MR × NR tile of C in 12 vector registers
 *       acc = Σ_p a[s, p] · b[p, q]             fused multiply-adds, p ascending from zero
 *       C_tile = (accumulate or not the first k block) ? C_tile + acc : acc
 * </pre>
 * Every element of C is produced by the same sequence of operations whatever the tile shape, the row chunk
 * or the thread that computes it, so splitting rows or panels between threads never changes a bit.
 * Panels and slivers are zero-padded, so the micro-kernel always runs full width.
 */
final class VectorGemm {

    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    static final int L = SPECIES.length();
    static final int MR = 4;
    static final int NR = 3 * L;
    static final int KC = 256;
    static final int MC = 64;

    private VectorGemm() {
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
        for (int s = 0; s * MR < mc; s++) {
            int base = s * kc * MR;
            for (int r = 0; r < MR; r++) {
                int i = s * MR + r;
                if (i < mc) {
                    int src = pr.aOff + (ic + i) * pr.ars + pc * pr.aps;
                    if (pr.aps == 1) {
                        for (int p = 0; p < kc; p++) {
                            dst[base + p * MR + r] = pr.a[src + p];
                        }
                    } else {
                        for (int p = 0; p < kc; p++) {
                            dst[base + p * MR + r] = pr.a[src + p * pr.aps];
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

    /** Computes rows [i0, i1) and panels [q0, q1) of C. */
    static void compute(Problem pr, int i0, int i1, int q0, int q1, Scratch sc) {
        if (i0 >= i1 || q0 >= q1) {
            return;
        }
        int nPad = pr.panels() * NR;
        for (int pc = 0; pc < pr.k; pc += KC) {
            int kc = Math.min(KC, pr.k - pc);
            boolean add = pr.accumulate || pc > 0;
            float[] bp;
            int bpBase;
            if (pr.packedB != null) {
                bp = pr.packedB;
                bpBase = pc * nPad;
            } else {
                bp = sc.b((q1 - q0) * kc * NR);
                packB(pr, pc, kc, q0, q1, bp, 0);
                bpBase = -q0 * kc * NR;
            }
            for (int ic = i0; ic < i1; ic += MC) {
                int mc = Math.min(MC, i1 - ic);
                packA(pr, ic, mc, pc, kc, sc.a);
                for (int q = q0; q < q1; q++) {
                    int j0 = q * NR;
                    int nc = Math.min(NR, pr.n - j0);
                    int bo = bpBase + q * kc * NR;
                    for (int s = 0; s * MR < mc; s++) {
                        int mr = Math.min(MR, mc - s * MR);
                        int co = pr.cOff + (ic + s * MR) * pr.ldc + j0;
                        if (mr == 1) {
                            micro1(sc.a, s * kc * MR, bp, bo, kc, pr.c, co, nc, add, sc.tile);
                        } else {
                            micro4(sc.a, s * kc * MR, bp, bo, kc, pr.c, co, pr.ldc, mr, nc, add, sc.tile);
                        }
                    }
                }
            }
        }
    }

    private static void micro4(float[] ap, int ao, float[] bp, int bo, int kc,
                               float[] c, int co, int ldc, int mr, int nc, boolean add, float[] tile) {
        FloatVector c00 = FloatVector.zero(SPECIES);
        FloatVector c01 = c00;
        FloatVector c02 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        FloatVector c12 = c00;
        FloatVector c20 = c00;
        FloatVector c21 = c00;
        FloatVector c22 = c00;
        FloatVector c30 = c00;
        FloatVector c31 = c00;
        FloatVector c32 = c00;
        for (int p = 0; p < kc; p++) {
            int bi = bo + p * NR;
            FloatVector b0 = FloatVector.fromArray(SPECIES, bp, bi);
            FloatVector b1 = FloatVector.fromArray(SPECIES, bp, bi + L);
            FloatVector b2 = FloatVector.fromArray(SPECIES, bp, bi + 2 * L);
            int ai = ao + p * MR;
            FloatVector a = FloatVector.broadcast(SPECIES, ap[ai]);
            c00 = b0.fma(a, c00);
            c01 = b1.fma(a, c01);
            c02 = b2.fma(a, c02);
            a = FloatVector.broadcast(SPECIES, ap[ai + 1]);
            c10 = b0.fma(a, c10);
            c11 = b1.fma(a, c11);
            c12 = b2.fma(a, c12);
            a = FloatVector.broadcast(SPECIES, ap[ai + 2]);
            c20 = b0.fma(a, c20);
            c21 = b1.fma(a, c21);
            c22 = b2.fma(a, c22);
            a = FloatVector.broadcast(SPECIES, ap[ai + 3]);
            c30 = b0.fma(a, c30);
            c31 = b1.fma(a, c31);
            c32 = b2.fma(a, c32);
        }
        if (mr == MR && nc == NR) {
            store(c, co, c00, c01, c02, add);
            store(c, co + ldc, c10, c11, c12, add);
            store(c, co + 2 * ldc, c20, c21, c22, add);
            store(c, co + 3 * ldc, c30, c31, c32, add);
            return;
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, L);
        c02.intoArray(tile, 2 * L);
        c10.intoArray(tile, NR);
        c11.intoArray(tile, NR + L);
        c12.intoArray(tile, NR + 2 * L);
        c20.intoArray(tile, 2 * NR);
        c21.intoArray(tile, 2 * NR + L);
        c22.intoArray(tile, 2 * NR + 2 * L);
        c30.intoArray(tile, 3 * NR);
        c31.intoArray(tile, 3 * NR + L);
        c32.intoArray(tile, 3 * NR + 2 * L);
        for (int r = 0; r < mr; r++) {
            storeTail(c, co + r * ldc, tile, r * NR, nc, add);
        }
    }

    /** One row: the tail of a row chunk (and all of a batch-of-one step). */
    private static void micro1(float[] ap, int ao, float[] bp, int bo, int kc,
                               float[] c, int co, int nc, boolean add, float[] tile) {
        FloatVector c0 = FloatVector.zero(SPECIES);
        FloatVector c1 = c0;
        FloatVector c2 = c0;
        for (int p = 0; p < kc; p++) {
            int bi = bo + p * NR;
            FloatVector a = FloatVector.broadcast(SPECIES, ap[ao + p * MR]);
            c0 = FloatVector.fromArray(SPECIES, bp, bi).fma(a, c0);
            c1 = FloatVector.fromArray(SPECIES, bp, bi + L).fma(a, c1);
            c2 = FloatVector.fromArray(SPECIES, bp, bi + 2 * L).fma(a, c2);
        }
        if (nc == NR) {
            store(c, co, c0, c1, c2, add);
            return;
        }
        c0.intoArray(tile, 0);
        c1.intoArray(tile, L);
        c2.intoArray(tile, 2 * L);
        storeTail(c, co, tile, 0, nc, add);
    }

    private static void store(float[] c, int co, FloatVector v0, FloatVector v1, FloatVector v2, boolean add) {
        if (add) {
            v0 = FloatVector.fromArray(SPECIES, c, co).add(v0);
            v1 = FloatVector.fromArray(SPECIES, c, co + L).add(v1);
            v2 = FloatVector.fromArray(SPECIES, c, co + 2 * L).add(v2);
        }
        v0.intoArray(c, co);
        v1.intoArray(c, co + L);
        v2.intoArray(c, co + 2 * L);
    }

    private static void storeTail(float[] c, int co, float[] tile, int to, int nc, boolean add) {
        for (int j = 0; j < nc; j++) {
            c[co + j] = add ? c[co + j] + tile[to + j] : tile[to + j];
        }
    }
}
