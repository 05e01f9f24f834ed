package dev.gated.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.gated.tensor.Precision;
import dev.gated.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The Vector API matrix multiply against the plain reference: every transpose form, awkward sizes (1, odd,
 * not multiples of the vector width or the 4 × 3·L tile, past the k and row blocks), offsets, leading
 * dimensions wider than the view, accumulate on and off; plus bit-identity across thread counts and with
 * a reused (pre-packed) B.
 */
class VectorGemmTest {

    private static final int[] SIZES = {1, 2, 3, 5, 7, 8, 9, 13, 17, 24, 25, 31, 33, 49, 70};

    private final PlainKernels plain = new PlainKernels();
    private final VectorKernels vector = new VectorKernels(1);

    @Test
    void allFormsOnAwkwardSizes() {
        SplittableRandom random = new SplittableRandom(1);
        int cases = 0;
        for (int form = 0; form < 4; form++) {
            boolean transA = (form & 1) != 0;
            boolean transB = (form & 2) != 0;
            for (int m : SIZES) {
                for (int n : SIZES) {
                    int k = SIZES[random.nextInt(SIZES.length)];
                    compare(transA, transB, m, n, k, random.nextBoolean(), random, vector);
                    cases++;
                }
            }
        }
        assertEquals(4 * SIZES.length * SIZES.length, cases);
    }

    @Test
    void largeProblemsCrossTheBlocks() {
        SplittableRandom random = new SplittableRandom(2);
        int[][] shapes = {{130, 75, 300}, {67, 200, 513}, {1, 512, 128}, {64, 128, 512}, {257, 1, 40}, {5, 49, 600},
                {150, 600, 300}};   // the last: several row chunks and several column blocks of B
        for (int[] s : shapes) {
            for (int form = 0; form < 4; form++) {
                compare((form & 1) != 0, (form & 2) != 0, s[0], s[1], s[2], form % 2 == 0, random, vector);
            }
        }
    }

    @Test
    void resultsAreBitIdenticalForAnyThreadCount() {
        SplittableRandom random = new SplittableRandom(3);
        // the first splits by column panels, the second (few columns) by rows
        int[][] shapes = {{96, 512, 128}, {640, 20, 512}, {64, 130, 300}, {200, 700, 90}};
        VectorKernels two = new VectorKernels(2);
        VectorKernels three = new VectorKernels(3);
        for (int[] s : shapes) {
            for (int form = 0; form < 4; form++) {
                boolean transA = (form & 1) != 0;
                boolean transB = (form & 2) != 0;
                Operands o = new Operands(transA, transB, s[0], s[1], s[2], 3, 5, random);
                float[] one = o.run(vector, true);
                assertArrayEquals(one, o.run(two, true), "2 threads, shape " + java.util.Arrays.toString(s) + " form " + form);
                assertArrayEquals(one, o.run(three, true), "3 threads, shape " + java.util.Arrays.toString(s) + " form " + form);
            }
        }
    }

    @Test
    void reusedOperandGivesTheSameBitsAndIsDroppedAfterwards() {
        SplittableRandom random = new SplittableRandom(4);
        for (int form = 0; form < 4; form++) {
            boolean transB = (form & 2) != 0;
            Operands o = new Operands((form & 1) != 0, transB, 37, 300, 270, 0, 3, random);
            float[] fresh = o.run(vector, false);
            vector.beginReuse(o.b);
            float[] first = o.run(vector, false);
            float[] second = o.run(vector, false);
            vector.endReuse(o.b);
            assertArrayEquals(fresh, first);
            assertArrayEquals(fresh, second);
            o.b.set(o.bOff, 42.0);
            float[] changed = o.run(vector, false);
            float[] expected = o.runDouble(plain, false);
            assertClose(expected, changed, 2, "after endReuse the changed B is used");
        }
    }

    @Test
    void aSingleRowGivesTheBitsOfItsRowInAFullTile() {
        // a batch of one (streaming, S4) runs the single-row kernels; each row of a 6-row product runs the tiles
        SplittableRandom random = new SplittableRandom(6);
        int[][] shapes = {{512, 128}, {100, 300}, {33, 40}, {1000, 70}, {4 * VectorGemm.NR + 5, 513}};
        int rows = VectorGemm.MR;
        int checked = 0;
        for (int[] s : shapes) {
            int n = s[0];
            int k = s[1];
            for (boolean transB : new boolean[] {false, true}) {
                for (boolean reused : new boolean[] {false, true}) {
                    Tensor a = random(Precision.FLOAT32, rows * k, random);
                    int ldb = transB ? k : n;
                    Tensor b = random(Precision.FLOAT32, (transB ? n : k) * ldb, random);
                    Tensor c0 = random(Precision.FLOAT32, rows * n, random);
                    Tensor whole = c0.copy();
                    if (reused) {
                        vector.beginReuse(b);
                    }
                    vector.gemm(false, transB, rows, n, k, a, 0, k, b, 0, ldb, whole, 0, n, true);
                    for (int r = 0; r < rows; r++) {
                        Tensor row = c0.copy();
                        vector.gemm(false, transB, 1, n, k, a, r * k, k, b, 0, ldb, row, r * n, n, true);
                        for (int j = 0; j < n; j++) {
                            assertEquals(Float.floatToRawIntBits((float) whole.get(r * n + j)), Float.floatToRawIntBits((float) row.get(r * n + j)),
                                    "n=" + n + " k=" + k + " transB=" + transB + " reused=" + reused + " row " + r + " column " + j);
                        }
                        checked++;
                    }
                    if (reused) {
                        vector.endReuse(b);
                    }
                }
            }
        }
        assertEquals(shapes.length * 4 * rows, checked);
    }

    @Test
    void narrowProductsGiveTheTilesBits() {
        // a Dense(1) head and its weight gradient: the scalar path must form each element as the tiles do
        SplittableRandom random = new SplittableRandom(5);
        int[][] shapes = {{64, 1, 128}, {7, 2, 513}, {1, 1, 1}, {300, 3, 40}, {33, VectorGemm.NARROW_MAX_COLUMNS - 1, 257}};
        int checked = 0;
        for (int[] s : shapes) {
            for (int form = 0; form < 4; form++) {
                for (boolean accumulate : new boolean[] {true, false}) {
                    Operands o = new Operands((form & 1) != 0, (form & 2) != 0, s[0], s[1], s[2], 2, 3, random);
                    float[] scalar = o.run(vector, accumulate);
                    float[] tiles = o.runTiles(accumulate);
                    String what = java.util.Arrays.toString(s) + " form " + form + " accumulate " + accumulate;
                    for (int i = 0; i < tiles.length; i++) {
                        assertEquals(Float.floatToRawIntBits(tiles[i]), Float.floatToRawIntBits(scalar[i]), what + ", element " + i);
                    }
                    checked++;
                }
            }
        }
        assertEquals(shapes.length * 8, checked);
    }

    @Test
    void doubleTensorsUseThePlainKernels() {
        SplittableRandom random = new SplittableRandom(5);
        Tensor a = random(Precision.FLOAT64, 7 * 9, random);
        Tensor b = random(Precision.FLOAT64, 9 * 11, random);
        Tensor c1 = Tensor.zeros(Precision.FLOAT64, 7 * 11);
        Tensor c2 = Tensor.zeros(Precision.FLOAT64, 7 * 11);
        plain.gemm(false, false, 7, 11, 9, a, 0, 9, b, 0, 11, c1, 0, 11, false);
        vector.gemm(false, false, 7, 11, 9, a, 0, 9, b, 0, 11, c2, 0, 11, false);
        assertArrayEquals(c1.toDoubleArray(), c2.toDoubleArray());
    }

    @Test
    void columnSumsMatchPlain() {
        SplittableRandom random = new SplittableRandom(6);
        for (int cols : SIZES) {
            int rows = 1 + random.nextInt(20);
            int lda = cols + random.nextInt(4);
            Tensor a = random(Precision.FLOAT32, 2 + rows * lda, random);
            Tensor out1 = random(Precision.FLOAT32, cols + 3, random);
            Tensor out2 = out1.copy();
            plain.addColumnSums(rows, cols, a, 2, lda, out1, 3 - (cols % 3));
            vector.addColumnSums(rows, cols, a, 2, lda, out2, 3 - (cols % 3));
            assertClose(out1.toFloatArray(), out2.toFloatArray(), "column sums, cols " + cols);
        }
    }

    private void compare(boolean transA, boolean transB, int m, int n, int k, boolean accumulate,
                         SplittableRandom random, Kernels fast) {
        Operands o = new Operands(transA, transB, m, n, k, random.nextInt(4), random.nextInt(3), random);
        float[] expected = o.runDouble(plain, accumulate);
        float[] actual = o.run(fast, accumulate);
        String what = String.format("transA=%s transB=%s m=%d n=%d k=%d accumulate=%s", transA, transB, m, n, k, accumulate);
        // float32 sums of k terms carry a rounding error growing like √k: the plain float kernel itself is
        // 2.5e-5 off the exact value at k = 513, so the tolerance widens with √(k/128) past k = 128
        assertClose(expected, actual, Math.max(1, Math.sqrt(k / 128.0)), what);
        assertClose(expected, o.run(plain, accumulate), Math.max(1, Math.sqrt(k / 128.0)) * 2, what + " (plain float)");
    }

    static void assertClose(float[] expected, float[] actual, String what) {
        assertClose(expected, actual, 1, what);
    }

    /** |expected − actual| ≤ 1e-5 · widen · max(1, |expected|) elementwise. */
    static void assertClose(float[] expected, float[] actual, double widen, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            double tolerance = 1e-5 * widen * Math.max(1, Math.abs(expected[i]));
            if (!(Math.abs(expected[i] - actual[i]) <= tolerance)) {
                fail(what + ": element " + i + " expected " + expected[i] + " but was " + actual[i]);
            }
        }
    }

    static Tensor random(Precision p, int size, SplittableRandom random) {
        Tensor t = Tensor.zeros(p, size);
        for (int i = 0; i < size; i++) {
            t.set(i, random.nextDouble(-1, 1));
        }
        return t;
    }

    /** A, B and C with offsets and leading dimensions wider than the views; C's padding must stay untouched. */
    static final class Operands {
        final boolean transA;
        final boolean transB;
        final int m;
        final int n;
        final int k;
        final int aOff;
        final int lda;
        final Tensor a;
        final int bOff;
        final int ldb;
        final Tensor b;
        final int cOff;
        final int ldc;
        final Tensor c0;

        Operands(boolean transA, boolean transB, int m, int n, int k, int off, int pad, SplittableRandom random) {
            this.transA = transA;
            this.transB = transB;
            this.m = m;
            this.n = n;
            this.k = k;
            aOff = off;
            lda = (transA ? m : k) + pad;
            a = random(Precision.FLOAT32, aOff + (transA ? k : m) * lda, random);
            bOff = off + 1;
            ldb = (transB ? k : n) + pad;
            b = random(Precision.FLOAT32, bOff + (transB ? n : k) * ldb, random);
            cOff = off + 2;
            ldc = n + pad;
            c0 = random(Precision.FLOAT32, cOff + m * ldc + pad, random);
        }

        /** The same product in float64 (the exact value of the float inputs, nearly), rounded to float. */
        float[] runDouble(Kernels kernels, boolean accumulate) {
            Tensor c = c0.to(Precision.FLOAT64);
            kernels.gemm(transA, transB, m, n, k, a.to(Precision.FLOAT64), aOff, lda, b.to(Precision.FLOAT64), bOff, ldb,
                    c, cOff, ldc, accumulate);
            return c.toFloatArray();
        }

        /** The product through the vector tiles, whatever its width (the narrow path bypassed). */
        float[] runTiles(boolean accumulate) {
            Tensor c = c0.copy();
            VectorGemm.Problem pr = new VectorGemm.Problem();
            pr.m = m;
            pr.n = n;
            pr.k = k;
            pr.a = a.toFloatArray();
            pr.aOff = aOff;
            pr.ars = transA ? 1 : lda;
            pr.aps = transA ? lda : 1;
            pr.b = b.toFloatArray();
            pr.bOff = bOff;
            pr.bps = transB ? 1 : ldb;
            pr.bjs = transB ? ldb : 1;
            float[] cData = c.toFloatArray();
            pr.c = cData;
            pr.cOff = cOff;
            pr.ldc = ldc;
            pr.accumulate = accumulate;
            VectorGemm.compute(pr, 0, m, 0, pr.panels(), new VectorGemm.Scratch());
            return cData;
        }

        float[] run(Kernels kernels, boolean accumulate) {
            Tensor c = c0.copy();
            kernels.gemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
            return c.toFloatArray();
        }
    }
}
