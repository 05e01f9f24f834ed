package dev.gated.audio;

import java.nio.file.Path;
import javax.sound.sampled.AudioFormat;

/**
 * Turns interleaved sample bytes of one {@link AudioFormat} into mono floats (see {@link WavReader} for the
 * scaling). Frame n, channel c starts at byte {@code n·frameSize + c·bytesPerSample}.
 */
final class SampleDecoder {

    private enum Kind { UNSIGNED, SIGNED, FLOAT }

    private final Kind kind;
    private final int bytesPerSample;
    private final int channels;
    private final boolean bigEndian;

    private SampleDecoder(Kind kind, int bytesPerSample, int channels, boolean bigEndian) {
        this.kind = kind;
        this.bytesPerSample = bytesPerSample;
        this.channels = channels;
        this.bigEndian = bigEndian;
    }

    static SampleDecoder of(Path file, AudioFormat format) throws AudioFileException {
        AudioFormat.Encoding encoding = format.getEncoding();
        int bits = format.getSampleSizeInBits();
        int channels = format.getChannels();
        if (channels < 1) {
            throw new AudioFileException(file, "declares " + channels + " channels — expected 1 (mono) or more");
        }
        if (bits <= 0 || bits % 8 != 0 || format.getFrameSize() != channels * bits / 8) {
            throw new AudioFileException(file, "has " + bits + "-bit samples in " + format.getFrameSize()
                    + "-byte frames of " + channels + " channels — expected whole-byte samples (8, 16, 24 or 32 bits)");
        }
        Kind kind;
        if (AudioFormat.Encoding.PCM_SIGNED.equals(encoding) && bits >= 8 && bits <= 32) {
            kind = Kind.SIGNED;
        } else if (AudioFormat.Encoding.PCM_UNSIGNED.equals(encoding) && bits == 8) {
            kind = Kind.UNSIGNED;
        } else if (AudioFormat.Encoding.PCM_FLOAT.equals(encoding) && (bits == 32 || bits == 64)) {
            kind = Kind.FLOAT;
        } else {
            throw new AudioFileException(file, "uses " + encoding + " at " + bits + " bits — expected PCM 8/16/24/32-bit "
                    + "or IEEE float 32/64-bit (convert it, e.g. with 'sox in.wav -e signed -b 16 out.wav')");
        }
        return new SampleDecoder(kind, bits / 8, channels, format.isBigEndian());
    }

    /** Decodes {@code frames} frames of {@code bytes} into {@code out} (frames), averaging the channels. */
    void decodeMono(byte[] bytes, int frames, float[] out) {
        double scale = 1.0 / channels;
        int frameSize = bytesPerSample * channels;
        for (int n = 0; n < frames; n++) {
            double sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += sample(bytes, n * frameSize + c * bytesPerSample);
            }
            out[n] = (float) (sum * scale);
        }
    }

    private double sample(byte[] b, int offset) {
        long bitsValue = 0;
        for (int i = 0; i < bytesPerSample; i++) {
            int index = bigEndian ? offset + i : offset + bytesPerSample - 1 - i;
            bitsValue = (bitsValue << 8) | (b[index] & 0xffL);
        }
        return switch (kind) {
            case UNSIGNED -> (bitsValue - 128) / 128.0;
            case SIGNED -> {
                int shift = 64 - 8 * bytesPerSample;
                long signed = (bitsValue << shift) >> shift;
                yield signed / (double) (1L << (8 * bytesPerSample - 1));
            }
            case FLOAT -> bytesPerSample == 4 ? Float.intBitsToFloat((int) bitsValue) : Double.longBitsToDouble(bitsValue);
        };
    }
}
