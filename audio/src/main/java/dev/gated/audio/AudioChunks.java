package dev.gated.audio;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A WAV file of any length as consecutive chunks of samples at a model's rate, in bounded memory: blocks read by
 * {@link WavStream}, converted by {@link Resampler.Stream}, cut into chunks of exactly {@code size} samples (the
 * last one shorter). The chunks joined equal {@code WavReader.read(file).at(rate).samples()} exactly.
 *
 * <pre>
 * memory   one block of the file (≈ size · f_file / rate frames), the resampler's 2K + 1 taps, one chunk
 * </pre>
 */
public final class AudioChunks implements AutoCloseable {

    private final WavStream in;
    private final Resampler.Stream resampler;
    private final int rate;
    private final int size;
    private final int block;
    private float[] pending = new float[0];
    private boolean ended;
    private long delivered;

    private AudioChunks(WavStream in, int rate, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("chunk size: expected at least 1 sample but found " + size);
        }
        this.in = in;
        this.rate = rate;
        this.size = size;
        this.resampler = new Resampler(in.sampleRate(), rate).stream();
        this.block = (int) Math.max(1, Math.min(1 << 16, (long) size * in.sampleRate() / rate));
    }

    /** Opens {@code file} for chunks of {@code size} samples at {@code rate} Hz. */
    public static AudioChunks open(Path file, int rate, int size) throws IOException {
        WavStream in = WavStream.open(file);
        try {
            return new AudioChunks(in, rate, size);
        } catch (RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** The next chunk ({@code size} samples, the last one fewer), or null after the last. */
    public float[] next() throws IOException {
        while (pending.length < size && !ended) {
            float[] x = in.read(block);
            float[] y;
            if (x.length == 0) {
                ended = true;
                y = resampler.finish();
            } else {
                y = resampler.push(x);
            }
            if (y.length > 0) {
                float[] joined = Arrays.copyOf(pending, pending.length + y.length);
                System.arraycopy(y, 0, joined, pending.length, y.length);
                pending = joined;
            }
        }
        if (pending.length == 0) {
            return null;
        }
        int n = Math.min(size, pending.length);
        float[] chunk = Arrays.copyOf(pending, n);
        pending = Arrays.copyOfRange(pending, n, pending.length);
        delivered += n;
        return chunk;
    }

    /** Samples at {@link #rate()} handed out so far. */
    public long samples() {
        return delivered;
    }

    /** Seconds of audio handed out so far. */
    public double seconds() {
        return delivered / (double) rate;
    }

    public int rate() {
        return rate;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
