package dev.gated.audio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

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
 * Every failure is an {@link AudioFileException} whose message names the file and what was wrong with it. A file of
 * any length can be read a block at a time through {@link WavStream}; {@link #readWhole} refuses files over
 * {@link #WHOLE_FILE_LIMIT_SECONDS}.
 */
public final class WavReader {

    private WavReader() {
    }

    /**
     * Longest audio the whole-file paths (offline prediction, beam search, plots) read at once: 5 minutes, about 12 MB
     * of samples and 25 MB of feature frames at 8 kHz. Longer files are streamed ({@link AudioChunks}) or refused.
     */
    public static final double WHOLE_FILE_LIMIT_SECONDS = 300;

    /** Reads the whole file; fails on a non-WAV file, a header it cannot parse, or zero samples. */
    public static AudioClip read(Path file) throws IOException {
        try (WavStream in = WavStream.open(file)) {
            float[] mono = new float[0];
            int n = 0;
            for (float[] block; (block = in.read(BLOCK_FRAMES)).length > 0; ) {
                if (n + block.length > mono.length) {
                    mono = Arrays.copyOf(mono, Math.max(n + block.length, 2 * mono.length));
                }
                System.arraycopy(block, 0, mono, n, block.length);
                n += block.length;
            }
            return new AudioClip(n == mono.length ? mono : Arrays.copyOf(mono, n), in.sampleRate());
        }
    }

    /**
     * Reads the whole file when it is at most {@link #WHOLE_FILE_LIMIT_SECONDS} long by its header; otherwise fails
     * with one line giving its length and size, the limit, and {@code instead} (what to do).
     */
    public static AudioClip readWhole(Path file, String use, String instead) throws IOException {
        try (WavStream in = WavStream.open(file)) {
            double seconds = in.declaredSeconds();
            if (seconds > WHOLE_FILE_LIMIT_SECONDS) {
                throw new AudioFileException(file, "holds " + duration(seconds) + " of audio (" + String.format(java.util.Locale.ROOT,
                        "%.1f MB", Files.size(file) / 1e6) + "), over the " + duration(WHOLE_FILE_LIMIT_SECONDS) + " that " + use
                        + " reads whole — " + instead);
            }
        }
        return read(file);
    }

    /** True when the file is longer than {@link #WHOLE_FILE_LIMIT_SECONDS} by its header. */
    public static boolean isLong(Path file) throws IOException {
        try (WavStream in = WavStream.open(file)) {
            return in.declaredSeconds() > WHOLE_FILE_LIMIT_SECONDS;
        }
    }

    /** "1:02:03" or "12:34" (minutes:seconds). */
    public static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(java.util.Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(java.util.Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    private static final int BLOCK_FRAMES = 1 << 14;
}
