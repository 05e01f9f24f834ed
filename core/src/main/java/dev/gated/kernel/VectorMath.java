package dev.gated.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vectorised float32 σ(x) and tanh(x) over arrays, with scalar twins (e^x, σ, tanh) doing the same
 * arithmetic for the tails that are not a multiple of the vector width.
 *
 * <pre>
 * e^x  = 2^n · e^r,  n = round(x / ln 2),  r = x − n·ln 2 (ln 2 split in two for exactness), |r| ≤ ln 2 / 2
 *        e^r by Cephes' degree-6 polynomial; 2^n built in the exponent bits.     error ≤ 2 ulp
 * σ(x) = 1 / (1 + e)  for x ≥ 0,   e / (1 + e)  for x &lt; 0,   e = e^−|x|       never overflows
 * tanh(x) = (e − 1) / (e + 1), e = e^2x (clamped, so ±1 far out),   for |x| ≥ 0.3
 *         = x + x³·q(x²) (Taylor to x⁹, truncation &lt; 1e-7 relative) for |x| &lt; 0.3, where e − 1 cancels
 * The vector versions work on arrays, with e^x written out inside each loop body: C2 does not always inline
 * a helper taking or returning a vector (its size or the caller's node budget), and a vector that crosses
 * a call that is not inlined is boxed — an allocation per vector, 10× slower. Arrays cross calls freely.
 * </pre>
 * Relative error below 1e-6 over the whole float range (tested against {@link Math#exp}/{@link Math#tanh}).
 */
final class VectorMath {

    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    private static final float LOG2E = 1.44269504088896341f;
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    private static final float ROUND = 12582912f;              // 1.5·2^23: adding it rounds to an integer
    private static final int ROUND_BITS = 0x4B400000;          // Float.floatToIntBits(ROUND)
    private static final float MAX_ARG = 88.0f;
    private static final float MIN_ARG = -87.0f;
    private static final float P0 = 1.9875691500e-4f;
    private static final float P1 = 1.3981999507e-3f;
    private static final float P2 = 8.3334519073e-3f;
    private static final float P3 = 4.1665795894e-2f;
    private static final float P4 = 1.6666665459e-1f;
    private static final float P5 = 5.0000001201e-1f;
    private static final float TANH_SERIES_LIMIT = 0.3f;
    private static final float T1 = -1f / 3f;
    private static final float T2 = 2f / 15f;
    private static final float T3 = -17f / 315f;
    private static final float T4 = 62f / 2835f;

    private VectorMath() {
    }

    /**
     * {@code y[i] = σ(x[i])} for n elements (in place allowed). The arithmetic is written out in the loop
     * body on purpose: see the class comment.
     */
    static void sigmoid(float[] x, int xOff, float[] y, int yOff, int n) {
        int bound = SPECIES.loopBound(n);
        FloatVector one = FloatVector.broadcast(SPECIES, 1f);
        int i = 0;
        for (; i < bound; i += SPECIES.length()) {
            FloatVector v = FloatVector.fromArray(SPECIES, x, xOff + i);
            // e = e^−|v|
            FloatVector a = v.abs().neg().max(MIN_ARG);
            FloatVector t = a.fma(FloatVector.broadcast(SPECIES, LOG2E), FloatVector.broadcast(SPECIES, ROUND));
            FloatVector n2 = t.sub(ROUND);
            FloatVector r = n2.fma(FloatVector.broadcast(SPECIES, -LN2_HI), a);
            r = n2.fma(FloatVector.broadcast(SPECIES, -LN2_LO), r);
            FloatVector p = r.fma(FloatVector.broadcast(SPECIES, P0), FloatVector.broadcast(SPECIES, P1));
            p = p.fma(r, FloatVector.broadcast(SPECIES, P2));
            p = p.fma(r, FloatVector.broadcast(SPECIES, P3));
            p = p.fma(r, FloatVector.broadcast(SPECIES, P4));
            p = p.fma(r, FloatVector.broadcast(SPECIES, P5));
            FloatVector e = p.mul(r).fma(r, r).add(one)
                    .mul(t.reinterpretAsInts().add(127 - ROUND_BITS).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats());
            FloatVector s = one.div(e.add(one));
            s.blend(e.mul(s), v.compare(VectorOperators.LT, 0f)).intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] = sigmoid(x[xOff + i]);
        }
    }

    /** {@code y[i] = tanh(x[i])} for n elements (in place allowed); written out like {@link #sigmoid}. */
    static void tanh(float[] x, int xOff, float[] y, int yOff, int n) {
        int bound = SPECIES.loopBound(n);
        FloatVector one = FloatVector.broadcast(SPECIES, 1f);
        int i = 0;
        for (; i < bound; i += SPECIES.length()) {
            FloatVector v = FloatVector.fromArray(SPECIES, x, xOff + i);
            // e = e^2v
            FloatVector a = v.add(v).max(MIN_ARG).min(MAX_ARG);
            FloatVector t = a.fma(FloatVector.broadcast(SPECIES, LOG2E), FloatVector.broadcast(SPECIES, ROUND));
            FloatVector n2 = t.sub(ROUND);
            FloatVector r = n2.fma(FloatVector.broadcast(SPECIES, -LN2_HI), a);
            r = n2.fma(FloatVector.broadcast(SPECIES, -LN2_LO), r);
            FloatVector p = r.fma(FloatVector.broadcast(SPECIES, P0), FloatVector.broadcast(SPECIES, P1));
            p = p.fma(r, FloatVector.broadcast(SPECIES, P2));
            p = p.fma(r, FloatVector.broadcast(SPECIES, P3));
            p = p.fma(r, FloatVector.broadcast(SPECIES, P4));
            p = p.fma(r, FloatVector.broadcast(SPECIES, P5));
            FloatVector e = p.mul(r).fma(r, r).add(one)
                    .mul(t.reinterpretAsInts().add(127 - ROUND_BITS).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats());
            FloatVector large = e.sub(one).div(e.add(one));
            FloatVector x2 = v.mul(v);
            FloatVector q = x2.fma(FloatVector.broadcast(SPECIES, T4), FloatVector.broadcast(SPECIES, T3));
            q = q.fma(x2, FloatVector.broadcast(SPECIES, T2));
            q = q.fma(x2, FloatVector.broadcast(SPECIES, T1));
            FloatVector small = q.mul(x2).fma(v, v);
            large.blend(small, v.abs().compare(VectorOperators.LT, TANH_SERIES_LIMIT)).intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] = tanh(x[xOff + i]);
        }
    }

    static float exp(float x) {
        float v = Math.min(Math.max(x, MIN_ARG), MAX_ARG);
        float t = Math.fma(v, LOG2E, ROUND);
        float n = t - ROUND;
        float r = Math.fma(n, -LN2_HI, v);
        r = Math.fma(n, -LN2_LO, r);
        float p = Math.fma(r, P0, P1);
        p = Math.fma(p, r, P2);
        p = Math.fma(p, r, P3);
        p = Math.fma(p, r, P4);
        p = Math.fma(p, r, P5);
        float y = Math.fma(p * r, r, r) + 1f;
        return y * Float.intBitsToFloat((Float.floatToRawIntBits(t) + (127 - ROUND_BITS)) << 23);
    }

    static float sigmoid(float x) {
        float e = exp(-Math.abs(x));
        float s = e + 1f;
        return x < 0f ? e / s : 1f / s;
    }

    static float tanh(float x) {
        if (Math.abs(x) < TANH_SERIES_LIMIT) {
            float x2 = x * x;
            float q = Math.fma(x2, T4, T3);
            q = Math.fma(q, x2, T2);
            q = Math.fma(q, x2, T1);
            return Math.fma(q * x2, x, x);
        }
        float e = exp(x + x);
        return (e - 1f) / (e + 1f);
    }

}
