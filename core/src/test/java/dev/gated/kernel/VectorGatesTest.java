package dev.gated.kernel;

import static dev.gated.kernel.VectorGemmTest.assertClose;
import static dev.gated.kernel.VectorGemmTest.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.gated.tensor.Precision;
import dev.gated.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The fused gate passes and the vectorised σ/tanh against the plain reference (which uses {@link Math#tanh}
 * and {@link Math#exp} in double): batch 1 and odd batches, unit counts of 1, odd, below, at and past the
 * vector width, views at offsets; and the accuracy of e^x, σ and tanh over the float range.
 */
class VectorGatesTest {

    private static final int[] UNITS = {1, 3, 7, 8, 9, 13, 16, 17, 33, 50};
    private static final int[] BATCHES = {1, 2, 5};

    private final PlainKernels plain = new PlainKernels();
    private final VectorKernels vector = new VectorKernels(1);

    @Test
    void lstmForwardAndBackward() {
        SplittableRandom random = new SplittableRandom(11);
        for (int batch : BATCHES) {
            for (int units : UNITS) {
                int width = 4 * units;
                int off = 1 + random.nextInt(5);
                Tensor gates = scaled(random(Precision.FLOAT32, off + batch * width, random), 4);
                Tensor cPrev = scaled(random(Precision.FLOAT32, 2 + batch * units, random), 3);
                Tensor[] p = {gates.copy(), Tensor.zeros(Precision.FLOAT32, 3 + batch * units),
                        Tensor.zeros(Precision.FLOAT32, 1 + batch * units)};
                Tensor[] v = {gates.copy(), p[1].copy(), p[2].copy()};
                plain.lstmForward(batch, units, p[0], off, cPrev, 2, p[1], 3, p[2], 1);
                vector.lstmForward(batch, units, v[0], off, cPrev, 2, v[1], 3, v[2], 1);
                String what = "LSTM forward batch " + batch + " units " + units;
                assertClose(p[0].toFloatArray(), v[0].toFloatArray(), what + ": gates");
                assertClose(p[1].toFloatArray(), v[1].toFloatArray(), what + ": c");
                assertClose(p[2].toFloatArray(), v[2].toFloatArray(), what + ": h");

                Tensor dh = random(Precision.FLOAT32, batch * units, random);
                Tensor dc = random(Precision.FLOAT32, batch * units, random);
                Tensor dgP = Tensor.zeros(Precision.FLOAT32, 2 + batch * width);
                Tensor dgV = dgP.copy();
                Tensor dcPrevP = Tensor.zeros(Precision.FLOAT32, batch * units);
                Tensor dcPrevV = dcPrevP.copy();
                plain.lstmBackward(batch, units, p[0], off, p[1], 3, cPrev, 2, dh, dc, dgP, 2, dcPrevP);
                vector.lstmBackward(batch, units, p[0], off, p[1], 3, cPrev, 2, dh, dc, dgV, 2, dcPrevV);
                what = "LSTM backward batch " + batch + " units " + units;
                assertClose(dgP.toFloatArray(), dgV.toFloatArray(), what + ": dGates");
                assertClose(dcPrevP.toFloatArray(), dcPrevV.toFloatArray(), what + ": dcPrev");
            }
        }
    }

    @Test
    void gruForwardAndBackward() {
        SplittableRandom random = new SplittableRandom(12);
        for (int batch : BATCHES) {
            for (int units : UNITS) {
                int width = 3 * units;
                int off = random.nextInt(4);
                Tensor gates = scaled(random(Precision.FLOAT32, off + batch * width, random), 3);
                Tensor rec = scaled(random(Precision.FLOAT32, 5 + batch * width, random), 3);
                Tensor hPrev = random(Precision.FLOAT32, 1 + batch * units, random);
                Tensor gP = gates.copy();
                Tensor gV = gates.copy();
                Tensor hP = Tensor.zeros(Precision.FLOAT32, 4 + batch * units);
                Tensor hV = hP.copy();
                plain.gruForward(batch, units, gP, off, rec, 5, hPrev, 1, hP, 4);
                vector.gruForward(batch, units, gV, off, rec, 5, hPrev, 1, hV, 4);
                String what = "GRU forward batch " + batch + " units " + units;
                assertClose(gP.toFloatArray(), gV.toFloatArray(), what + ": gates");
                assertClose(hP.toFloatArray(), hV.toFloatArray(), what + ": h");

                Tensor dh = random(Precision.FLOAT32, batch * units, random);
                Tensor[] p = {Tensor.zeros(Precision.FLOAT32, 1 + batch * width),
                        Tensor.zeros(Precision.FLOAT32, 2 + batch * width), Tensor.zeros(Precision.FLOAT32, batch * units)};
                Tensor[] v = {p[0].copy(), p[1].copy(), p[2].copy()};
                plain.gruBackward(batch, units, gP, off, rec, 5, hPrev, 1, dh, p[0], 1, p[1], 2, p[2]);
                vector.gruBackward(batch, units, gP, off, rec, 5, hPrev, 1, dh, v[0], 1, v[1], 2, v[2]);
                what = "GRU backward batch " + batch + " units " + units;
                assertClose(p[0].toFloatArray(), v[0].toFloatArray(), what + ": dGates");
                assertClose(p[1].toFloatArray(), v[1].toFloatArray(), what + ": dRecurrent");
                assertClose(p[2].toFloatArray(), v[2].toFloatArray(), what + ": dhPrev");
            }
        }
    }

    @Test
    void pointwiseOnRanges() {
        SplittableRandom random = new SplittableRandom(13);
        for (int n : new int[] {1, 7, 8, 9, 31, 100}) {
            Tensor x = scaled(random(Precision.FLOAT32, n + 3, random), 6);
            Tensor dy = random(Precision.FLOAT32, n + 1, random);
            Tensor yP = Tensor.zeros(Precision.FLOAT32, n + 2);
            Tensor yV = yP.copy();
            plain.tanh(n, x, 3, yP, 2);
            vector.tanh(n, x, 3, yV, 2);
            assertClose(yP.toFloatArray(), yV.toFloatArray(), "tanh n=" + n);
            plain.sigmoid(n, x, 3, yP, 2);
            vector.sigmoid(n, x, 3, yV, 2);
            assertClose(yP.toFloatArray(), yV.toFloatArray(), "sigmoid n=" + n);
            Tensor dxP = Tensor.zeros(Precision.FLOAT32, n);
            Tensor dxV = dxP.copy();
            plain.tanhBackward(n, yP, 2, dy, 1, dxP, 0);
            vector.tanhBackward(n, yP, 2, dy, 1, dxV, 0);
            assertClose(dxP.toFloatArray(), dxV.toFloatArray(), "tanhBackward n=" + n);
            Tensor inPlace = x.copy();
            vector.tanh(n, inPlace, 3, inPlace, 3);
            Tensor expected = x.copy();
            plain.tanh(n, expected, 3, expected, 3);
            assertClose(expected.toFloatArray(), inPlace.toFloatArray(), "tanh in place n=" + n);
        }
    }

    @Test
    void doubleTensorsGiveThePlainResultExactly() {
        SplittableRandom random = new SplittableRandom(14);
        int batch = 3;
        int units = 9;
        Tensor gates = random(Precision.FLOAT64, batch * 4 * units, random);
        Tensor cPrev = random(Precision.FLOAT64, batch * units, random);
        Tensor[] p = {gates.copy(), Tensor.zeros(Precision.FLOAT64, batch * units), Tensor.zeros(Precision.FLOAT64, batch * units)};
        Tensor[] v = {gates.copy(), p[1].copy(), p[2].copy()};
        plain.lstmForward(batch, units, p[0], 0, cPrev, 0, p[1], 0, p[2], 0);
        vector.lstmForward(batch, units, v[0], 0, cPrev, 0, v[1], 0, v[2], 0);
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(p[i].toDoubleArray(), v[i].toDoubleArray());
        }
    }

    /** e^x, σ(x), tanh(x) within 1e-6 relative of the double-precision values, over the float range. */
    @Test
    void vectorisedFunctionsAreAccurate() {
        int n = 200_003;
        float[] xs = new float[n];
        SplittableRandom random = new SplittableRandom(15);
        for (int i = 0; i < n; i++) {
            double u = random.nextDouble();
            xs[i] = switch (i % 4) {
                case 0 -> (float) (-20 + 40 * u);
                case 1 -> (float) (-1 + 2 * u);
                case 2 -> (float) ((random.nextBoolean() ? 1 : -1) * Math.pow(10, -30 + 30 * u));
                default -> (float) (-86 + 172 * u);
            };
        }
        xs[0] = 0f;
        xs[1] = 0.55f;
        xs[2] = -0.55f;
        xs[3] = Math.nextDown(0.55f);
        Tensor x = Tensor.of(xs, n);
        Tensor y = Tensor.zeros(Precision.FLOAT32, n);
        vector.tanh(n, x, 0, y, 0);
        check("tanh", xs, y.toFloatArray(), Math::tanh);
        vector.sigmoid(n, x, 0, y, 0);
        check("sigmoid", xs, y.toFloatArray(), PlainKernels::sigmoid);
        float[] e = new float[n];
        for (int i = 0; i < n; i++) {
            e[i] = VectorMath.exp(xs[i]);
        }
        check("scalar exp", xs, e, Math::exp);
        float[] vt = new float[n];
        for (int i = 0; i < n; i++) {
            vt[i] = VectorMath.tanh(xs[i]);
        }
        check("scalar tanh", xs, vt, Math::tanh);
    }

    private static void check(String name, float[] xs, float[] ys, java.util.function.DoubleUnaryOperator exact) {
        double worst = 0;
        float worstX = 0;
        for (int i = 0; i < xs.length; i++) {
            double ref = exact.applyAsDouble(xs[i]);
            if (Math.abs(ref) < Float.MIN_NORMAL) {
                continue;
            }
            double rel = Math.abs(ys[i] - ref) / Math.abs(ref);
            if (!(rel <= worst)) {
                worst = rel;
                worstX = xs[i];
            }
        }
        if (!(worst <= 1e-6)) {
            fail(name + ": relative error " + worst + " at x = " + worstX);
        }
        System.out.printf("[kernels] %s: worst relative error %.2e (at x = %s)%n", name, worst, worstX);
    }

    private static Tensor scaled(Tensor t, double factor) {
        for (int i = 0; i < t.size(); i++) {
            t.set(i, t.get(i) * factor);
        }
        return t;
    }
}
