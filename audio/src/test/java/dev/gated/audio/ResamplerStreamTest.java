package dev.gated.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import javax.sound.sampled.AudioFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Resampling and reading in pieces give exactly the whole-signal results. */
class ResamplerStreamTest {

    @TempDir
    Path dir;

    static float[] noisyChirp(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (0.4 * Math.sin(i * 0.01 + i * (double) i * 2e-6) + 0.05 * random.nextGaussian());
        }
        return x;
    }

    @ParameterizedTest(name = "{0} → {1} Hz in random pieces")
    @CsvSource({"44100, 8000", "16000, 8000", "8000, 16000", "48000, 44100", "8000, 8000", "11025, 8000"})
    void piecesJoinedEqualTheWholeSignalResampled(int from, int to) {
        float[] x = noisyChirp(from / 2 + 17, from);
        Resampler resampler = new Resampler(from, to);
        float[] whole = resampler.apply(x);
        Resampler.Stream stream = resampler.stream();
        SplittableRandom random = new SplittableRandom(to);
        float[] joined = new float[0];
        for (int at = 0; at < x.length; ) {
            int n = Math.min(x.length - at, 1 + random.nextInt(900));
            joined = concat(joined, stream.push(Arrays.copyOfRange(x, at, at + n)));
            at += n;
        }
        joined = concat(joined, stream.finish());
        assertEquals(whole.length, joined.length);
        assertArrayEquals(whole, joined, 0f);
    }

    @Test
    void chunksOfAFileEqualTheWholeFileAtTheModelsRate() throws IOException {
        float[] left = noisyChirp(44100 * 2 + 5, 1);
        float[] right = noisyChirp(44100 * 2 + 5, 2);
        Path wav = WavFiles.write(dir.resolve("stereo24.wav"), 44100, AudioFormat.Encoding.PCM_SIGNED, 24, left, right);
        float[] whole = WavReader.read(wav).at(8000).samples();
        float[] joined = new float[0];
        try (AudioChunks chunks = AudioChunks.open(wav, 8000, 800)) {
            for (float[] c; (c = chunks.next()) != null; ) {
                assertEquals(c.length == 800 || chunks.samples() == whole.length, true, "only the last chunk is short");
                joined = concat(joined, c);
            }
            assertEquals(whole.length, chunks.samples());
        }
        assertArrayEquals(whole, joined, 0f);
    }

    private static float[] concat(float[] a, float[] b) {
        float[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
