package dev.gated.cli;

import dev.gated.audio.WavReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * Writes a long 16-bit mono WAV without holding it in memory: one recording repeated, 0.4 s of silence after each,
 * under faint noise, for {@code seconds}; the bytes are made as the JDK's writer asks for them.
 */
final class LongWav {

    private LongWav() {
    }

    static Path write(Path file, Path clip, long seconds) throws IOException {
        float[] speech = WavReader.read(clip).samples();
        int rate = 8000;
        int period = speech.length + rate * 2 / 5;
        long frames = seconds * rate;
        InputStream bytes = new InputStream() {
            private long n;   // the frame being written
            private int half; // which byte of it

            @Override
            public int read() {
                if (n >= frames) {
                    return -1;
                }
                int at = (int) (n % period);
                double noise = ((n * 2654435761L >>> 7) & 0xff) / 255.0 - 0.5;
                int v = (int) Math.round(((at < speech.length ? speech[at] : 0) + 0.002 * noise) * 32000);
                int b = half == 0 ? v & 0xff : (v >> 8) & 0xff;
                if (++half == 2) {
                    half = 0;
                    n++;
                }
                return b;
            }
        };
        AudioFormat format = new AudioFormat(rate, 16, 1, true, false);
        try (AudioInputStream in = new AudioInputStream(new java.io.BufferedInputStream(bytes, 1 << 16), format, frames)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        }
        return file;
    }
}
