package dev.gated.io;

import java.util.Arrays;
import java.util.Random;

/** Random byte-level corruptions of a file, as disks, transfers and careless editors make them. */
final class ByteMutations {

    private ByteMutations() {
    }

    /** One mutant of {@code bytes}; the choice of mutation and its place come from {@code random}. */
    static byte[] apply(byte[] bytes, Random random) {
        byte[] b = bytes.clone();
        int n = b.length;
        return switch (random.nextInt(8)) {
            case 0 -> flipBits(b, random, 1);
            case 1 -> flipBits(b, random, 1 + random.nextInt(16));
            case 2 -> overwrite(b, random);
            case 3 -> Arrays.copyOf(b, random.nextInt(n)); // truncate
            case 4 -> insert(b, random);
            case 5 -> delete(b, random);
            case 6 -> duplicateRange(b, random);
            default -> extremeField(b, random);
        };
    }

    private static byte[] flipBits(byte[] b, Random random, int count) {
        for (int i = 0; i < count; i++) {
            b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return b;
    }

    private static byte[] overwrite(byte[] b, Random random) {
        int at = random.nextInt(b.length);
        int len = Math.min(b.length - at, 1 + random.nextInt(32));
        for (int i = 0; i < len; i++) {
            b[at + i] = (byte) random.nextInt(256);
        }
        return b;
    }

    private static byte[] insert(byte[] b, Random random) {
        int at = random.nextInt(b.length + 1);
        byte[] extra = new byte[1 + random.nextInt(64)];
        random.nextBytes(extra);
        return splice(b, at, at, extra);
    }

    private static byte[] delete(byte[] b, Random random) {
        int at = random.nextInt(b.length);
        int end = Math.min(b.length, at + 1 + random.nextInt(64));
        return splice(b, at, end, new byte[0]);
    }

    private static byte[] duplicateRange(byte[] b, Random random) {
        int at = random.nextInt(b.length);
        int end = Math.min(b.length, at + 1 + random.nextInt(256));
        return splice(b, end, end, Arrays.copyOfRange(b, at, end));
    }

    /** A 2- or 4-byte little-endian field (sizes, offsets, counts in ZIP headers) set to 0, all ones or top bit. */
    private static byte[] extremeField(byte[] b, Random random) {
        int width = random.nextBoolean() ? 2 : 4;
        int at = random.nextInt(Math.max(1, b.length - width));
        int[] values = {0x00, 0xFF, 0x7F, 0x80};
        int v = values[random.nextInt(values.length)];
        for (int i = 0; i < width && at + i < b.length; i++) {
            b[at + i] = (byte) (i == width - 1 && v == 0x80 ? 0x80 : v == 0x80 ? 0 : v);
        }
        return b;
    }

    private static byte[] splice(byte[] b, int from, int to, byte[] replacement) {
        byte[] out = new byte[b.length - (to - from) + replacement.length];
        System.arraycopy(b, 0, out, 0, from);
        System.arraycopy(replacement, 0, out, from, replacement.length);
        System.arraycopy(b, to, out, from + replacement.length, b.length - to);
        return out;
    }
}
