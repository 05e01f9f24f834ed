package dev.gated.audio;

/**
 * Mono audio: {@code samples} (N) in [−1, 1] at {@code sampleRate} samples per second.
 *
 * @param samples    the waveform x[n], n = 0 … N−1 (full scale ±1)
 * @param sampleRate f_s in Hz
 */
public record AudioClip(float[] samples, int sampleRate) {

    public AudioClip {
        if (samples == null) {
            throw new IllegalArgumentException("samples must not be null");
        }
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sampleRate: expected a positive rate in Hz but found " + sampleRate);
        }
    }

    /** Length in seconds, N / f_s. */
    public double seconds() {
        return samples.length / (double) sampleRate;
    }

    /** This clip at {@code rate} Hz (itself when already there), through {@link Resampler}. */
    public AudioClip at(int rate) {
        return rate == sampleRate ? this : new AudioClip(new Resampler(sampleRate, rate).apply(samples), rate);
    }
}
