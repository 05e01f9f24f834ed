package dev.gated.audio;

/**
 * The orthonormal DCT-II (scipy.fft.dct(type=2, norm='ortho'), librosa's MFCC default), first C outputs.
 *
 * <pre>
 * c_k = s_k · Σ_{n=0}^{M−1} x_n · cos(π·k·(2n + 1) / (2M)),   s_0 = √(1/M),  s_k = √(2/M) for k ≥ 1
 * </pre>
 * As a (C, M) matrix, computed once.
 */
public final class Dct {

    private final double[][] basis; // (C, M)

    public Dct(int inputs, int outputs) {
        if (outputs < 1 || outputs > inputs) {
            throw new IllegalArgumentException("DCT: expected 1 ≤ outputs ≤ inputs but found " + outputs + " of " + inputs);
        }
        basis = new double[outputs][inputs];
        for (int k = 0; k < outputs; k++) {
            double s = Math.sqrt((k == 0 ? 1.0 : 2.0) / inputs);
            for (int n = 0; n < inputs; n++) {
                basis[k][n] = s * Math.cos(Math.PI * k * (2 * n + 1) / (2.0 * inputs));
            }
        }
    }

    /** c (C) from x (M). */
    public void apply(double[] x, double[] out) {
        for (int k = 0; k < basis.length; k++) {
            double s = 0;
            for (int n = 0; n < x.length; n++) {
                s += basis[k][n] * x[n];
            }
            out[k] = s;
        }
    }
}
