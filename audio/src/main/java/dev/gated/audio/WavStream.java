package dev.gated.audio;

import java.io.BufferedInputStream;
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
 * A WAV file read a block at a time, as mono floats (the decoding of {@link WavReader}), so that a file of any
 * length is read in bounded memory: one block of bytes and one of samples.
 *
 * <pre>
 * read(n)   the next ≤ n frames, channels averaged ─► float[k], k = 0 at the end of the data
 * </pre>
 * Opening fails as {@link WavReader#read} does (not a WAV file, truncated header); a file whose data turns out to
 * hold no frame fails at the end of the data with "has no samples".
 */
public final class WavStream implements AutoCloseable {

    private final Path file;
    private final InputStream raw;
    private final AudioInputStream in;
    private final SampleDecoder decoder;
    private final int frameSize;
    private final int sampleRate;
    private final long declaredFrames;
    private long frames;
    private byte[] bytes = new byte[0];

    private WavStream(Path file, InputStream raw, AudioInputStream in) throws IOException {
        this.file = file;
        this.raw = raw;
        this.in = in;
        AudioFormat format = in.getFormat();
        this.decoder = SampleDecoder.of(file, format);
        this.frameSize = format.getFrameSize();
        this.sampleRate = Math.round(format.getSampleRate());
        long declared = in.getFrameLength();
        this.declaredFrames = declared == AudioSystem.NOT_SPECIFIED ? -1 : declared;
    }

    /** Opens {@code file} and reads its header. */
    public static WavStream open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new AudioFileException(file, "no such file");
        }
        InputStream raw = new BufferedInputStream(Files.newInputStream(file));
        try {
            return new WavStream(file, raw, AudioSystem.getAudioInputStream(raw));
        } catch (UnsupportedAudioFileException e) {
            raw.close();
            throw new AudioFileException(file, "is not a WAV file the reader understands (" + describeStart(file)
                    + ") — expected a RIFF/WAVE header with PCM or IEEE-float samples");
        } catch (EOFException e) {
            raw.close();
            throw new AudioFileException(file, "ends inside its header (" + Files.size(file) + " bytes) — the file is truncated");
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    public Path file() {
        return file;
    }

    /** f_s of the file, Hz. */
    public int sampleRate() {
        return sampleRate;
    }

    /** Frames the header declares, or −1 when it does not say. */
    public long declaredFrames() {
        return declaredFrames;
    }

    /** The file's length in seconds by its header (by its size when the header does not say). */
    public double declaredSeconds() throws IOException {
        long n = declaredFrames >= 0 ? declaredFrames : Files.size(file) / frameSize;
        return n / (double) sampleRate;
    }

    /** Frames read so far. */
    public long frames() {
        return frames;
    }

    /** The next at most {@code max} frames as mono samples; an empty array at the end. */
    public float[] read(int max) throws IOException {
        if (bytes.length < max * frameSize) {
            bytes = new byte[max * frameSize];
        }
        int n = in.readNBytes(bytes, 0, max * frameSize) / frameSize;
        if (n == 0 && frames == 0) {
            throw new AudioFileException(file, "has no samples (" + (declaredFrames < 0 ? "?" : declaredFrames)
                    + " frames declared, 0 bytes of data) — an empty recording cannot be analysed");
        }
        float[] out = new float[n];
        decoder.decodeMono(bytes, n, out);
        frames += n;
        return out;
    }

    @Override
    public void close() throws IOException {
        in.close();
        raw.close();
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
