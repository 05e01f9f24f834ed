package dev.gated.kernel;

import static dev.gated.kernel.VectorMath.SPECIES;

import jdk.incubator.vector.FloatVector;

/**
 * The fused float32 gate passes of {@link VectorKernels}: one sweep over a step's (B, G·H) gates computes
 * every activation and the state update. Each row runs L lanes at a time, then a scalar tail with the same
 * arithmetic ({@link VectorMath}'s scalar twins). Equations: see {@link Kernels} and the cells.
 */
final class VectorGates {

    private static final int L = SPECIES.length();

    private VectorGates() {
    }

    static void lstmForward(int batch, int units, float[] g, int gOff, float[] cPrev, int cPrevOff,
                            float[] c, int cOff, float[] h, int hOff) {
        int width = 4 * units;
        int bound = SPECIES.loopBound(units);
        for (int b = 0; b < batch; b++) {
            int z = gOff + b * width;
            int row = b * units;
            // passes over the row (L1-resident): σ on i, f | tanh on g | σ on o | c | tanh(c) | h
            VectorMath.sigmoid(g, z, g, z, 2 * units);
            VectorMath.tanh(g, z + 2 * units, g, z + 2 * units, units);
            VectorMath.sigmoid(g, z + 3 * units, g, z + 3 * units, units);
            int j = 0;
            for (; j < bound; j += L) {
                FloatVector i = FloatVector.fromArray(SPECIES, g, z + j);
                FloatVector f = FloatVector.fromArray(SPECIES, g, z + units + j);
                FloatVector cand = FloatVector.fromArray(SPECIES, g, z + 2 * units + j);
                f.mul(FloatVector.fromArray(SPECIES, cPrev, cPrevOff + row + j)).add(i.mul(cand)).intoArray(c, cOff + row + j);
            }
            for (; j < units; j++) {
                c[cOff + row + j] = g[z + units + j] * cPrev[cPrevOff + row + j] + g[z + j] * g[z + 2 * units + j];
            }
            VectorMath.tanh(c, cOff + row, h, hOff + row, units);
            j = 0;
            for (; j < bound; j += L) {
                FloatVector.fromArray(SPECIES, g, z + 3 * units + j).mul(FloatVector.fromArray(SPECIES, h, hOff + row + j))
                        .intoArray(h, hOff + row + j);
            }
            for (; j < units; j++) {
                h[hOff + row + j] = g[z + 3 * units + j] * h[hOff + row + j];
            }
        }
    }

    static void lstmBackward(int batch, int units, float[] g, int gOff, float[] c, int cOff, float[] cPrev, int cPrevOff,
                             float[] dh, float[] dc, float[] dg, int dgOff, float[] dcPrev) {
        int width = 4 * units;
        int bound = SPECIES.loopBound(units);
        for (int b = 0; b < batch; b++) {
            int z = gOff + b * width;
            int dz = dgOff + b * width;
            int row = b * units;
            VectorMath.tanh(c, cOff + row, dcPrev, row, units);   // tanh(c_t), read below before dcPrev is written
            int j = 0;
            for (; j < bound; j += L) {
                FloatVector i = FloatVector.fromArray(SPECIES, g, z + j);
                FloatVector f = FloatVector.fromArray(SPECIES, g, z + units + j);
                FloatVector cand = FloatVector.fromArray(SPECIES, g, z + 2 * units + j);
                FloatVector o = FloatVector.fromArray(SPECIES, g, z + 3 * units + j);
                FloatVector tanhC = FloatVector.fromArray(SPECIES, dcPrev, row + j);
                FloatVector dhj = FloatVector.fromArray(SPECIES, dh, row + j);
                FloatVector dcj = FloatVector.fromArray(SPECIES, dc, row + j)
                        .add(dhj.mul(o).mul(tanhC.mul(tanhC).neg().add(1f)));
                dcj.mul(cand).mul(i).mul(i.neg().add(1f)).intoArray(dg, dz + j);
                dcj.mul(FloatVector.fromArray(SPECIES, cPrev, cPrevOff + row + j)).mul(f).mul(f.neg().add(1f))
                        .intoArray(dg, dz + units + j);
                dcj.mul(i).mul(cand.mul(cand).neg().add(1f)).intoArray(dg, dz + 2 * units + j);
                dhj.mul(tanhC).mul(o).mul(o.neg().add(1f)).intoArray(dg, dz + 3 * units + j);
                dcj.mul(f).intoArray(dcPrev, row + j);
            }
            for (; j < units; j++) {
                float i = g[z + j];
                float f = g[z + units + j];
                float cand = g[z + 2 * units + j];
                float o = g[z + 3 * units + j];
                float tanhC = dcPrev[row + j];
                float dhj = dh[row + j];
                float dcj = dc[row + j] + dhj * o * (1f - tanhC * tanhC);
                dg[dz + j] = dcj * cand * i * (1f - i);
                dg[dz + units + j] = dcj * cPrev[cPrevOff + row + j] * f * (1f - f);
                dg[dz + 2 * units + j] = dcj * i * (1f - cand * cand);
                dg[dz + 3 * units + j] = dhj * tanhC * o * (1f - o);
                dcPrev[row + j] = dcj * f;
            }
        }
    }

    static void gruForward(int batch, int units, float[] g, int gOff, float[] rec, int recOff,
                           float[] hPrev, int hPrevOff, float[] h, int hOff) {
        int width = 3 * units;
        int bound = SPECIES.loopBound(units);
        int bound2 = SPECIES.loopBound(2 * units);
        for (int b = 0; b < batch; b++) {
            int z = gOff + b * width;
            int r0 = recOff + b * width;
            int row = b * units;
            // passes over the row: r, z pre-activations | σ | n pre-activation | tanh | h
            int j = 0;
            for (; j < bound2; j += L) {
                FloatVector.fromArray(SPECIES, g, z + j).add(FloatVector.fromArray(SPECIES, rec, r0 + j)).intoArray(g, z + j);
            }
            for (; j < 2 * units; j++) {
                g[z + j] += rec[r0 + j];
            }
            VectorMath.sigmoid(g, z, g, z, 2 * units);
            j = 0;
            for (; j < bound; j += L) {
                FloatVector.fromArray(SPECIES, g, z + j).fma(FloatVector.fromArray(SPECIES, rec, r0 + 2 * units + j),
                        FloatVector.fromArray(SPECIES, g, z + 2 * units + j)).intoArray(g, z + 2 * units + j);
            }
            for (; j < units; j++) {
                g[z + 2 * units + j] = Math.fma(g[z + j], rec[r0 + 2 * units + j], g[z + 2 * units + j]);
            }
            VectorMath.tanh(g, z + 2 * units, g, z + 2 * units, units);
            j = 0;
            for (; j < bound; j += L) {
                FloatVector u = FloatVector.fromArray(SPECIES, g, z + units + j);
                FloatVector n = FloatVector.fromArray(SPECIES, g, z + 2 * units + j);
                FloatVector hp = FloatVector.fromArray(SPECIES, hPrev, hPrevOff + row + j);
                u.neg().add(1f).mul(n).add(u.mul(hp)).intoArray(h, hOff + row + j);
            }
            for (; j < units; j++) {
                float u = g[z + units + j];
                h[hOff + row + j] = (1f - u) * g[z + 2 * units + j] + u * hPrev[hPrevOff + row + j];
            }
        }
    }

    static void gruBackward(int batch, int units, float[] g, int gOff, float[] rec, int recOff, float[] hPrev, int hPrevOff,
                            float[] dh, float[] dg, int dgOff, float[] drec, int drecOff, float[] dhPrev) {
        int width = 3 * units;
        int bound = SPECIES.loopBound(units);
        for (int b = 0; b < batch; b++) {
            int z = gOff + b * width;
            int dz = dgOff + b * width;
            int r0 = recOff + b * width;
            int dr0 = drecOff + b * width;
            int row = b * units;
            int j = 0;
            for (; j < bound; j += L) {
                FloatVector r = FloatVector.fromArray(SPECIES, g, z + j);
                FloatVector u = FloatVector.fromArray(SPECIES, g, z + units + j);
                FloatVector n = FloatVector.fromArray(SPECIES, g, z + 2 * units + j);
                FloatVector hp = FloatVector.fromArray(SPECIES, hPrev, hPrevOff + row + j);
                FloatVector dhj = FloatVector.fromArray(SPECIES, dh, row + j);
                FloatVector dn = dhj.mul(u.neg().add(1f)).mul(n.mul(n).neg().add(1f));
                FloatVector du = dhj.mul(hp.sub(n)).mul(u).mul(u.neg().add(1f));
                FloatVector dr = dn.mul(FloatVector.fromArray(SPECIES, rec, r0 + 2 * units + j)).mul(r).mul(r.neg().add(1f));
                dr.intoArray(dg, dz + j);
                du.intoArray(dg, dz + units + j);
                dn.intoArray(dg, dz + 2 * units + j);
                dr.intoArray(drec, dr0 + j);
                du.intoArray(drec, dr0 + units + j);
                dn.mul(r).intoArray(drec, dr0 + 2 * units + j);
                dhj.mul(u).intoArray(dhPrev, row + j);
            }
            for (; j < units; j++) {
                float r = g[z + j];
                float u = g[z + units + j];
                float n = g[z + 2 * units + j];
                float hp = hPrev[hPrevOff + row + j];
                float dhj = dh[row + j];
                float dn = dhj * (1f - u) * (1f - n * n);
                float du = dhj * (hp - n) * u * (1f - u);
                float dr = dn * rec[r0 + 2 * units + j] * r * (1f - r);
                dg[dz + j] = dr;
                dg[dz + units + j] = du;
                dg[dz + 2 * units + j] = dn;
                drec[dr0 + j] = dr;
                drec[dr0 + units + j] = du;
                drec[dr0 + 2 * units + j] = dn * r;
                dhPrev[row + j] = dhj * u;
            }
        }
    }

    static void tanh(int n, float[] x, int xOff, float[] y, int yOff) {
        VectorMath.tanh(x, xOff, y, yOff, n);
    }

    static void sigmoid(int n, float[] x, int xOff, float[] y, int yOff) {
        VectorMath.sigmoid(x, xOff, y, yOff, n);
    }

    static void tanhBackward(int n, float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff) {
        int bound = SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(SPECIES, y, yOff + i);
            FloatVector.fromArray(SPECIES, dy, dyOff + i).mul(v.mul(v).neg().add(1f)).intoArray(dx, dxOff + i);
        }
        for (; i < n; i++) {
            float v = y[yOff + i];
            dx[dxOff + i] = dy[dyOff + i] * (1f - v * v);
        }
    }
}
