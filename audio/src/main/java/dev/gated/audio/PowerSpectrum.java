package dev.gated.audio;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * The power spectrum of a real frame through JTransforms' real FFT.
 *
 * <pre>
 * X_k = Σ_{n=0}^{n_fft−1} f[n] · e^{−2πi·kn/n_fft}      f zero-padded from L to n_fft samples
 * P_k = |X_k|² = Re(X_k)² + Im(X_k)²,   k = 0 … n_fft/2   (n_fft/2 + 1 bins, bin k at k·f_s/n_fft Hz)
 * </pre>
 * Not thread-safe (one work buffer); make one per thread.
 */
public final class PowerSpectrum {

    private final int size;
    private final DoubleFFT_1D fft;
    private final double[] work; // (n_fft)

    public PowerSpectrum(int fftSize) {
        if (fftSize < 2 || Integer.bitCount(fftSize) != 1) {
            throw new IllegalArgumentException("FFT size: expected a power of two ≥ 2 but found " + fftSize);
        }
        this.size = fftSize;
        this.fft = new DoubleFFT_1D(fftSize);
        this.work = new double[fftSize];
    }

    public int bins() {
        return size / 2 + 1;
    }

    /** P (n_fft/2 + 1) of {@code frame} (≤ n_fft samples), written into {@code out}. */
    public void compute(double[] frame, double[] out) {
        java.util.Arrays.fill(work, 0);
        System.arraycopy(frame, 0, work, 0, Math.min(frame.length, size));
        fft.realForward(work);
        // JTransforms packing: work[0] = Re X_0, work[1] = Re X_{n/2}, work[2k] = Re X_k, work[2k+1] = Im X_k
        out[0] = work[0] * work[0];
        out[size / 2] = work[1] * work[1];
        for (int k = 1; k < size / 2; k++) {
            double re = work[2 * k];
            double im = work[2 * k + 1];
            out[k] = re * re + im * im;
        }
    }
}
