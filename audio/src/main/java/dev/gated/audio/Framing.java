package dev.gated.audio;

/**
 * Cuts a signal into overlapping windowed frames.
 *
 * <pre>
 * frames     T = 1 + ⌊(N − L) / H⌋ for N ≥ L;  T = 1 (zero-padded) for 0 &lt; N &lt; L;  trailing samples dropped
 * frame t    f_t[n] = x[t·H + n] · w[n],   n = 0 … L−1
 * window     w[n] = 0.5 − 0.5·cos(2πn / L)    periodic Hann (scipy.signal.get_window('hann', L), torch.hann_window(L))
 * </pre>
 */
public final class Framing {

    private final int length;
    private final int hop;
    private final double[] window; // (L)

    public Framing(int length, int hop) {
        if (length < 1 || hop < 1) {
            throw new IllegalArgumentException("framing: expected positive frame length and hop but found " + length + ", " + hop);
        }
        this.length = length;
        this.hop = hop;
        this.window = hann(length);
    }

    public int length() {
        return length;
    }

    public int hop() {
        return hop;
    }

    /** T for a signal of N samples (0 for N = 0). */
    public int frameCount(int samples) {
        if (samples <= 0) {
            return 0;
        }
        return samples < length ? 1 : 1 + (samples - length) / hop;
    }

    /** Writes windowed frame t of x, starting at sample {@code start}, into out (L); samples past x's end are 0. */
    public void frame(float[] x, int start, double[] out) {
        for (int n = 0; n < length; n++) {
            int i = start + n;
            out[n] = i < x.length ? x[i] * window[n] : 0;
        }
    }

    /** w[n] = 0.5 − 0.5·cos(2πn / L), n = 0 … L−1 (periodic). */
    static double[] hann(int length) {
        double[] w = new double[length];
        for (int n = 0; n < length; n++) {
            w[n] = 0.5 - 0.5 * Math.cos(2 * Math.PI * n / length);
        }
        return w;
    }
}
