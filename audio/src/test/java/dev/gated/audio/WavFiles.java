package dev.gated.audio;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/** Writes test WAV files through the JDK's sound API. */
final class WavFiles {

    private WavFiles() {
    }

    /** Writes channels[c][n] (values in [−1, 1]) with this encoding and sample size. */
    static Path write(Path file, float rate, AudioFormat.Encoding encoding, int bits, float[]... channels) throws IOException {
        int frames = channels[0].length;
        int bytes = bits / 8;
        ByteBuffer buffer = ByteBuffer.allocate(frames * channels.length * bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int n = 0; n < frames; n++) {
            for (float[] channel : channels) {
                double v = channel[n];
                if (AudioFormat.Encoding.PCM_FLOAT.equals(encoding)) {
                    buffer.putFloat((float) v);
                } else if (AudioFormat.Encoding.PCM_UNSIGNED.equals(encoding)) {
                    buffer.put((byte) Math.round(v * 127 + 128));
                } else {
                    long q = Math.round(v * ((1L << (bits - 1)) - 1));
                    for (int i = 0; i < bytes; i++) {
                        buffer.put((byte) (q >> (8 * i)));
                    }
                }
            }
        }
        AudioFormat format = new AudioFormat(encoding, rate, bits, channels.length, bytes * channels.length, rate, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(buffer.array()), format, frames)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        }
        return file;
    }

    static float[] tone(double frequency, double amplitude, int rate, int samples) {
        float[] x = new float[samples];
        for (int n = 0; n < samples; n++) {
            x[n] = (float) (amplitude * Math.sin(2 * Math.PI * frequency * n / rate));
        }
        return x;
    }
}
