package dev.gated.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FeatureStreamTest {

    @ParameterizedTest(name = "{0} samples in chunks of {1}")
    @CsvSource({"4800, 800", "4800, 1", "4800, 333", "150, 40", "200, 7", "520, 100", "1000, 5000"})
    void chunksGiveTheWholeUtterancesFramesExactly(int samples, int chunk) {
        float[] x = new float[samples];
        SplittableRandom random = new SplittableRandom(samples + chunk);
        for (int n = 0; n < samples; n++) {
            x[n] = (float) (0.3 * Math.sin(n * 0.05 + n * n * 1e-5) + 0.05 * random.nextGaussian());
        }
        MfccExtractor extractor = new MfccExtractor(FeatureSettings.SPEECH_8K);
        double[][] whole = extractor.features(new AudioClip(x, 8000));
        FeatureStream stream = new FeatureStream(new MfccExtractor(FeatureSettings.SPEECH_8K));
        List<double[]> streamed = new ArrayList<>();
        for (int from = 0; from < samples; from += chunk) {
            streamed.addAll(stream.push(Arrays.copyOfRange(x, from, Math.min(samples, from + chunk))));
        }
        streamed.addAll(stream.finish());
        assertEquals(whole.length, streamed.size(), "frames");
        for (int t = 0; t < whole.length; t++) {
            assertArrayEquals(whole[t], streamed.get(t), 0.0, "frame " + t);
        }
    }

    @Test
    void memoryStaysBoundedOverALongStream() {
        FeatureStream stream = new FeatureStream(new MfccExtractor(FeatureSettings.SPEECH_8K));
        SplittableRandom random = new SplittableRandom(7);
        float[] chunk = new float[800];
        long frames = 0;
        int mostHeld = 0;
        for (int k = 0; k < 600; k++) { // 60 s in 100 ms chunks: 6,000 frames
            for (int n = 0; n < chunk.length; n++) {
                chunk[n] = (float) (0.1 * random.nextGaussian());
            }
            frames += stream.push(chunk).size();
            mostHeld = Math.max(mostHeld, stream.framesHeld());
        }
        frames += stream.finish().size();
        assertEquals(1 + (600 * 800 - 200) / 80, frames);
        assertTrue(mostHeld <= 32, "frames held at once: " + mostHeld + " of " + frames);
    }
}
