package dev.gated.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Each augmentation alone does what its formula says; together they are reproducible from the seed. */
class AugmentationTest {

    static final int RATE = 8000;

    static AudioClip tone() {
        float[] x = new float[RATE / 2];
        for (int n = 0; n < x.length; n++) {
            x[n] = (float) (0.5 * Math.sin(2 * Math.PI * 440 * n / RATE));
        }
        return new AudioClip(x, RATE);
    }

    static double rms(float[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += x[i] * (double) x[i];
        }
        return Math.sqrt(s / (to - from));
    }

    @Test
    void noiseAloneIsAddedAtTheAskedSnr() {
        AudioClip clip = tone();
        AudioClip noisy = new Augmentation(20, 0, 0, 1).apply(clip, new SplittableRandom(3));
        float[] noise = new float[clip.samples().length];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = noisy.samples()[i] - clip.samples()[i];
        }
        double snr = 20 * Math.log10(rms(clip.samples(), 0, noise.length) / rms(noise, 0, noise.length));
        assertEquals(20, snr, 0.2, "measured SNR");
    }

    @Test
    void speedChangesTheLengthByOneOverTheFactorAndAShiftPutsSilenceFirst() {
        AudioClip clip = tone();
        for (long seed = 0; seed < 5; seed++) {
            AudioClip fast = new Augmentation(200, 0, 0.1, 1).apply(clip, new SplittableRandom(seed));
            double ratio = fast.samples().length / (double) clip.samples().length;
            assertTrue(ratio > 1 / 1.1 - 0.01 && ratio < 1 / 0.9 + 0.01, "length ratio " + ratio);
            AudioClip shifted = new Augmentation(200, 100, 0, 1).apply(clip, new SplittableRandom(seed));
            int shift = shifted.samples().length - clip.samples().length;
            assertTrue(shift >= 0 && shift <= 800, "shift " + shift);
            assertEquals(clip.samples()[100], shifted.samples()[shift + 100], 1e-3, "the clip follows the silence");
            if (shift > 10) {
                assertTrue(rms(shifted.samples(), 0, shift) < 1e-3, "silence (with −200 dB noise) before the clip");
            }
        }
    }

    @Test
    void augmentedFeaturesAreReproducibleAndKeepTheLabels() throws IOException {
        List<SpokenDigits.Recording> some = SpokenDigits.list(Fsdd.recordings()).stream().filter(r -> r.index() == 7).limit(6).toList();
        Augmentation how = new Augmentation(20, 100, 0.1, 2);
        FeatureSet a = how.features(some, FeatureSettings.SPEECH_8K, 5);
        FeatureSet b = how.features(some, FeatureSettings.SPEECH_8K, 5);
        assertEquals(12, a.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(some.get(i / 2).digit(), a.labels()[i]);
            assertArrayEquals(a.frames().get(i)[3], b.frames().get(i)[3], 0);
        }
        assertTrue(a.frames().get(0).length != a.frames().get(1).length || a.frames().get(0)[5][0] != a.frames().get(1)[5][0],
                "two copies of one recording differ");
        assertThrows(IllegalArgumentException.class, () -> new Augmentation(20, 100, 0.6, 1));
    }
}
