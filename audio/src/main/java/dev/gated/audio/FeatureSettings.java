package dev.gated.audio;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How audio becomes feature frames; saved with a model so that prediction computes exactly what training saw.
 *
 * <pre>
 * frame length  L = round(f_s · frameMs / 1000)        200 samples at 8 kHz for 25 ms
 * hop           H = round(f_s · hopMs / 1000)          80 samples for 10 ms
 * FFT size      n_fft = smallest power of two ≥ L      256; the frame is zero-padded at its end
 * mel bands     M (40), from 0 Hz to f_s / 2
 * cepstra       C (13) MFCC c_0 … c_{C−1};  with deltas the frame holds [c, Δc, ΔΔc]: F = 3C (39)
 * </pre>
 *
 * @param sampleRate   f_s the audio is resampled to before framing
 * @param frameMs      window length in milliseconds
 * @param hopMs        frame step in milliseconds
 * @param mels         M, number of mel bands
 * @param coefficients C, number of cepstral coefficients kept (≤ M)
 * @param deltas       whether Δ and ΔΔ are appended
 */
public record FeatureSettings(int sampleRate, double frameMs, double hopMs, int mels, int coefficients, boolean deltas) {

    /** 8 kHz, 25 ms / 10 ms, 40 mel bands, 13 MFCC + Δ + ΔΔ = 39 features per frame. */
    public static final FeatureSettings SPEECH_8K = new FeatureSettings(8000, 25, 10, 40, 13, true);

    public FeatureSettings {
        if (sampleRate < 1000) {
            throw new IllegalArgumentException("feature sample rate: expected ≥ 1000 Hz but found " + sampleRate);
        }
        if (!(frameMs > 0) || !(hopMs > 0) || hopMs > frameMs) {
            throw new IllegalArgumentException("frames: expected 0 < hop ≤ frame length but found frame " + frameMs
                    + " ms, hop " + hopMs + " ms");
        }
        if (mels < 1 || coefficients < 1 || coefficients > mels) {
            throw new IllegalArgumentException("expected 1 ≤ coefficients ≤ mel bands but found " + coefficients
                    + " coefficients and " + mels + " mel bands");
        }
    }

    public int frameLength() {
        return (int) Math.round(sampleRate * frameMs / 1000);
    }

    public int hop() {
        return (int) Math.round(sampleRate * hopMs / 1000);
    }

    public int fftSize() {
        return Integer.highestOneBit(frameLength() - 1) << 1;
    }

    /** F, the features per frame: C, or 3C with deltas. */
    public int width() {
        return deltas ? 3 * coefficients : coefficients;
    }

    /** As key/value text for a model file's metadata. */
    public Map<String, String> toMetadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("audio.sample_rate", Integer.toString(sampleRate));
        m.put("audio.frame_ms", Double.toString(frameMs));
        m.put("audio.hop_ms", Double.toString(hopMs));
        m.put("audio.mels", Integer.toString(mels));
        m.put("audio.coefficients", Integer.toString(coefficients));
        m.put("audio.deltas", Boolean.toString(deltas));
        return m;
    }

    /** Reads {@link #toMetadata()}'s keys; names the missing key when the model was not made by the speech workflow. */
    public static FeatureSettings fromMetadata(Map<String, String> m) {
        return new FeatureSettings(Integer.parseInt(need(m, "audio.sample_rate")), Double.parseDouble(need(m, "audio.frame_ms")),
                Double.parseDouble(need(m, "audio.hop_ms")), Integer.parseInt(need(m, "audio.mels")),
                Integer.parseInt(need(m, "audio.coefficients")), Boolean.parseBoolean(need(m, "audio.deltas")));
    }

    static String need(Map<String, String> m, String key) {
        String v = m.get(key);
        if (v == null) {
            throw new IllegalArgumentException("the model has no '" + key + "' in its metadata — it was not trained by "
                    + "'gated speech train', so its audio features are unknown");
        }
        return v;
    }
}
