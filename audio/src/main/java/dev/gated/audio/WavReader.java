package dev.gated.audio;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * Reads WAV files through the JDK's sound API ({@code javax.sound.sampled}) into a mono {@link AudioClip}.
 *
 * <pre>
 * encodings   PCM unsigned 8-bit, PCM signed 16/24/32-bit (either byte order), IEEE float 32/64-bit
 * scaling     signed b-bit integer v  ↦  v / 2^(b−1)        unsigned 8-bit v ↦ (v − 128) / 128
 *             float                   ↦  as stored
 * channels    C ≥ 1 averaged:  x[n] = (1/C) Σ_c x_c[n]      (stereo → mono)
 * rate        kept as stored; resample with {@link AudioClip#at(int)}
 * </pre>
 * Every failure is an {@link AudioFileException} whose message names the file and what was wrong with it.
 */
public final class WavReader {

    private WavReader() {
    }

    /** Reads the whole file; fails on a non-WAV file, a header it cannot parse, or zero samples. */
    public static AudioClip read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new AudioFileException(file, "no such file");
        }
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file));
             AudioInputStream in = open(file, raw)) {
            AudioFormat format = in.getFormat();
            SampleDecoder decoder = SampleDecoder.of(file, format);
            byte[] bytes = readAll(in);
            int frameSize = format.getFrameSize();
            int frames = bytes.length / frameSize;
            long declared = in.getFrameLength();
            if (frames == 0) {
                throw new AudioFileException(file, "has no samples (" + (declared == AudioSystem.NOT_SPECIFIED ? "?" : declared)
                        + " frames declared, " + bytes.length + " bytes of data) — an empty recording cannot be analysed");
            }
            float[] mono = new float[frames];
            decoder.decodeMono(bytes, frames, mono);
            return new AudioClip(mono, Math.round(format.getSampleRate()));
        }
    }

    private static AudioInputStream open(Path file, InputStream raw) throws IOException {
        try {
            return AudioSystem.getAudioInputStream(raw);
        } catch (UnsupportedAudioFileException e) {
            throw new AudioFileException(file, "is not a WAV file the reader understands (" + describeStart(file)
                    + ") — expected a RIFF/WAVE header with PCM or IEEE-float samples");
        } catch (EOFException e) {
            throw new AudioFileException(file, "ends inside its header (" + Files.size(file) + " bytes) — the file is truncated");
        }
    }

    private static byte[] readAll(AudioInputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[1 << 16];
        for (int n; (n = in.read(buffer)) > 0; ) {
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /** "starts with bytes 'ID3\u0003'" or "0 bytes": what the file looks like, for error messages. */
    private static String describeStart(Path file) throws IOException {
        long size = Files.size(file);
        if (size == 0) {
            return "0 bytes";
        }
        byte[] head = new byte[(int) Math.min(4, size)];
        try (InputStream in = Files.newInputStream(file)) {
            int n = in.readNBytes(head, 0, head.length);
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < n; i++) {
                int b = head[i] & 0xff;
                sb.append(b >= 32 && b < 127 ? Character.toString((char) b) : String.format("\\x%02x", b));
            }
            return size + " bytes, starting with '" + sb + "'";
        }
    }
}
