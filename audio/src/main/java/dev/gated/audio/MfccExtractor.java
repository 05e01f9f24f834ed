package dev.gated.audio;

/**
 * Audio to feature frames: log-mel energies and MFCC with deltas, librosa's conventions where librosa has one.
 *
 * <pre>
 * x (N) at f_s ─ frame (L, hop H, periodic Hann) ─► f_t (L) ─ zero-pad, |FFT|² ─► P_t (n_fft/2+1)
 *   ─ Slaney mel filterbank ─► S_t (M) ─ 10·log10(max(S, 1e-10)) ─► log-mel (M)       (librosa power_to_db,
 *   ─ orthonormal DCT-II, first C ─► c_t (C)                                            ref 1, top_db None)
 *   ─ [c_t, Δc_t, ΔΔc_t] ─► (T, F)                                                      F = 3C with deltas
 * </pre>
 * The whole-utterance methods here and {@link FeatureStream} give bit-identical frames. Not thread-safe
 * (one work buffer per extractor); make one per thread.
 */
public final class MfccExtractor {

    /** amin of librosa's power_to_db: the power floor before the logarithm. */
    public static final double POWER_FLOOR = 1e-10;

    private final FeatureSettings settings;
    private final Framing framing;
    private final PowerSpectrum spectrum;
    private final MelFilterbank filterbank;
    private final Dct dct;
    private final double[] frame;  // (L)
    private final double[] power;  // (n_fft/2+1)
    private final double[] mel;    // (M)

    public MfccExtractor(FeatureSettings settings) {
        this.settings = settings;
        this.framing = new Framing(settings.frameLength(), settings.hop());
        this.spectrum = new PowerSpectrum(settings.fftSize());
        this.filterbank = new MelFilterbank(settings.mels(), settings.fftSize(), settings.sampleRate(), 0, settings.sampleRate() / 2.0);
        this.dct = new Dct(settings.mels(), settings.coefficients());
        this.frame = new double[settings.frameLength()];
        this.power = new double[spectrum.bins()];
        this.mel = new double[settings.mels()];
    }

    public FeatureSettings settings() {
        return settings;
    }

    Framing framing() {
        return framing;
    }

    /** P (T, n_fft/2+1) of a clip already at the settings' rate. */
    public double[][] powerSpectrogram(float[] x) {
        double[][] out = new double[framing.frameCount(x.length)][];
        for (int t = 0; t < out.length; t++) {
            framing.frame(x, t * framing.hop(), frame);
            out[t] = new double[spectrum.bins()];
            spectrum.compute(frame, out[t]);
        }
        return out;
    }

    /** log-mel (T, M) in dB, of a clip resampled to the settings' rate first. */
    public double[][] logMel(AudioClip clip) {
        float[] x = clip.at(settings.sampleRate()).samples();
        double[][] out = new double[framing.frameCount(x.length)][settings.mels()];
        for (int t = 0; t < out.length; t++) {
            logMelFrame(x, t * framing.hop(), out[t]);
        }
        return out;
    }

    /** MFCC c (T, C). */
    public double[][] cepstra(AudioClip clip) {
        float[] x = clip.at(settings.sampleRate()).samples();
        double[][] out = new double[framing.frameCount(x.length)][settings.coefficients()];
        for (int t = 0; t < out.length; t++) {
            cepstrumFrame(x, t * framing.hop(), out[t]);
        }
        return out;
    }

    /** The frames a model reads, not yet normalised: (T, F) = [c, Δc, ΔΔc] with deltas, else c. */
    public double[][] features(AudioClip clip) {
        double[][] c = cepstra(clip);
        if (!settings.deltas()) {
            return c;
        }
        double[][] d = Deltas.of(c);
        double[][] dd = Deltas.of(d);
        double[][] out = new double[c.length][];
        for (int t = 0; t < c.length; t++) {
            out[t] = concat(c[t], d[t], dd[t]);
        }
        return out;
    }

    /** log-mel of the frame starting at sample {@code start} of x, into out (M). */
    void logMelFrame(float[] x, int start, double[] out) {
        framing.frame(x, start, frame);
        spectrum.compute(frame, power);
        filterbank.apply(power, mel);
        for (int m = 0; m < out.length; m++) {
            out[m] = 10 * Math.log10(Math.max(mel[m], POWER_FLOOR));
        }
    }

    /** MFCC of the frame starting at sample {@code start} of x, into out (C). */
    void cepstrumFrame(float[] x, int start, double[] out) {
        double[] logMel = new double[settings.mels()];
        logMelFrame(x, start, logMel);
        dct.apply(logMel, out);
    }

    static double[] concat(double[] a, double[] b, double[] c) {
        double[] out = new double[a.length + b.length + c.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        System.arraycopy(c, 0, out, a.length + b.length, c.length);
        return out;
    }
}
