package dev.gated.audio;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Training-time variations of a recording, so that a model hears more than its few speakers said: speed
 * perturbation, a delayed start and additive white noise, drawn afresh for every copy.
 *
 * <pre>
 * speed  f ~ U[1 − maxSpeedChange, 1 + maxSpeedChange]: the clip is treated as sampled at f·f_s and resampled to
 *        f_s (Resampler), so it lasts 1/f as long and every frequency moves by f (Ko et al. 2015, Kaldi's
 *        speed perturbation, continuous here)
 * shift  s ~ U[0, maxShiftMs] of silence before the clip (FSDD's clips are trimmed, so this moves the onset)
 * noise  x'[n] = x[n] + σ·N(0, 1),  σ = rms(x) · 10^(−snrDb/20)   (over the added silence too)
 * </pre>
 *
 * @param snrDb          signal-to-noise ratio of the added noise, dB
 * @param maxShiftMs     longest silence put before the clip, ms (0 = none)
 * @param maxSpeedChange largest relative speed change, e.g. 0.1 for 0.9–1.1 (0 = none)
 * @param copies         augmented copies made of each recording
 */
public record Augmentation(double snrDb, double maxShiftMs, double maxSpeedChange, int copies) {

    /** The settings behind the reported leave-one-speaker-out table: 20 dB, up to 100 ms, ±10 %, one copy. */
    public static final Augmentation DEFAULT = new Augmentation(20, 100, 0.1, 1);

    public Augmentation {
        if (!(maxShiftMs >= 0)) {
            throw new IllegalArgumentException("augmentation shift: expected ≥ 0 ms but found " + maxShiftMs);
        }
        if (!(maxSpeedChange >= 0 && maxSpeedChange < 0.5)) {
            throw new IllegalArgumentException("augmentation speed change: expected a fraction in [0, 0.5) but found " + maxSpeedChange);
        }
        if (copies < 1) {
            throw new IllegalArgumentException("augmentation copies: expected ≥ 1 but found " + copies);
        }
    }

    /** One random variation of {@code clip} (same rate). */
    public AudioClip apply(AudioClip clip, SplittableRandom random) {
        int rate = clip.sampleRate();
        float[] x = clip.samples();
        if (maxSpeedChange > 0) {
            double f = 1 + maxSpeedChange * (2 * random.nextDouble() - 1);
            x = new Resampler((int) Math.round(rate * f), rate).apply(x);
        }
        int shift = (int) Math.round(maxShiftMs * random.nextDouble() * rate / 1000);
        float[] out = new float[shift + x.length];
        System.arraycopy(x, 0, out, shift, x.length);
        double energy = 0;
        for (float v : x) {
            energy += v * (double) v;
        }
        double sigma = Math.sqrt(energy / Math.max(1, x.length)) * Math.pow(10, -snrDb / 20);
        for (int i = 0; i < out.length; i++) {
            out[i] += (float) (sigma * random.nextGaussian());
        }
        return new AudioClip(out, rate);
    }

    /** {@link #copies} augmented versions of every recording, as features; recordings repeat, copy by copy. */
    public FeatureSet features(List<SpokenDigits.Recording> recordings, FeatureSettings settings, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        MfccExtractor extractor = new MfccExtractor(settings);
        List<SpokenDigits.Recording> r = new ArrayList<>();
        List<double[][]> frames = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (SpokenDigits.Recording recording : recordings) {
            AudioClip clip = WavReader.read(recording.file()).at(settings.sampleRate());
            for (int k = 0; k < copies; k++) {
                r.add(recording);
                frames.add(extractor.features(apply(clip, random)));
                labels.add(recording.digit());
            }
        }
        return new FeatureSet(r, frames, labels.stream().mapToInt(Integer::intValue).toArray());
    }

    /** e.g. "snr 20 dB, shift ≤ 100 ms, speed ±10 %, 1 copy". */
    public String describe() {
        return String.format(Locale.ROOT, "snr %s dB, shift ≤ %s ms, speed ±%s %%, %d %s", snrDb, maxShiftMs, 100 * maxSpeedChange,
                copies, copies == 1 ? "copy" : "copies");
    }
}
