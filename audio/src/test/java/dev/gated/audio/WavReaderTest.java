package dev.gated.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.sound.sampled.AudioFormat;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class WavReaderTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} {1}-bit")
    @CsvSource({"PCM_UNSIGNED, 8, 0.01", "PCM_SIGNED, 16, 1e-4", "PCM_SIGNED, 24, 1e-6", "PCM_SIGNED, 32, 1e-8",
            "PCM_FLOAT, 32, 1e-7"})
    void readsEveryEncodingToTheSameWaveform(String encoding, int bits, double tolerance) throws IOException {
        float[] x = WavFiles.tone(440, 0.8, 8000, 800);
        Path file = WavFiles.write(dir.resolve("tone.wav"), 8000, new AudioFormat.Encoding(encoding), bits, x);
        AudioClip clip = WavReader.read(file);
        assertEquals(8000, clip.sampleRate());
        assertEquals(x.length, clip.samples().length);
        for (int n = 0; n < x.length; n++) {
            assertEquals(x[n], clip.samples()[n], tolerance, "sample " + n);
        }
    }

    @Test
    void averagesStereoToMonoAtAnyRate() throws IOException {
        float[] left = WavFiles.tone(1000, 0.5, 44100, 4410);
        float[] right = new float[left.length];
        Arrays.fill(right, 0.25f);
        Path file = WavFiles.write(dir.resolve("stereo.wav"), 44100, AudioFormat.Encoding.PCM_SIGNED, 24, left, right);
        AudioClip clip = WavReader.read(file);
        assertEquals(44100, clip.sampleRate());
        for (int n = 0; n < left.length; n++) {
            assertEquals((left[n] + 0.25) / 2, clip.samples()[n], 1e-6);
        }
    }

    @Test
    void namesTheFileWhenItIsNotWav() throws IOException {
        Path file = Files.writeString(dir.resolve("song.wav"), "ID3 this is an mp3, not a wav");
        AudioFileException e = assertThrows(AudioFileException.class, () -> WavReader.read(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("not a WAV file") && e.getMessage().contains("'ID3 '"), e.getMessage());
    }

    @Test
    void rejectsATruncatedHeaderAndZeroSamples() throws IOException {
        Path good = WavFiles.write(dir.resolve("good.wav"), 8000, AudioFormat.Encoding.PCM_SIGNED, 16, new float[100]);
        byte[] bytes = Files.readAllBytes(good);
        Path truncated = Files.write(dir.resolve("truncated.wav"), Arrays.copyOf(bytes, 20));
        IOException cut = assertThrows(IOException.class, () -> WavReader.read(truncated));
        assertTrue(cut.getMessage().startsWith(truncated.toString()), cut.getMessage());

        Path empty = WavFiles.write(dir.resolve("empty.wav"), 8000, AudioFormat.Encoding.PCM_SIGNED, 16, new float[0]);
        AudioFileException none = assertThrows(AudioFileException.class, () -> WavReader.read(empty));
        assertTrue(none.getMessage().contains("has no samples"), none.getMessage());

        AudioFileException missing = assertThrows(AudioFileException.class, () -> WavReader.read(dir.resolve("nope.wav")));
        assertTrue(missing.getMessage().endsWith("no such file"), missing.getMessage());
    }

    @Test
    void aFileOverTheWholeFileLimitIsRefusedByTheWholeFilePathsWithItsLengthAndTheLimit() throws IOException {
        // 5 min 1 s at 100 Hz: long by the clock, small on disk
        Path file = WavFiles.write(dir.resolve("long.wav"), 100, AudioFormat.Encoding.PCM_SIGNED, 16, new float[301 * 100]);
        assertTrue(WavReader.isLong(file));
        String message = assertThrows(AudioFileException.class, () -> FeatureSet.compute(
                java.util.List.of(SpokenDigits.Recording.labelled(file, 0)), FeatureSettings.SPEECH_8K)).getMessage();
        assertEquals(file + ": holds 5:01 of audio (0.1 MB), over the 5:00 that training and evaluation reads whole — "
                + "cut it into utterances first", message);
        assertEquals(301 * 100, WavReader.read(file).samples().length, "read() itself has no limit");
    }
}
