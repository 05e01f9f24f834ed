package dev.gated.timeseries.csv;

/**
 * Refuses, from its first bytes, a file that is clearly not CSV text (decoding is {@link Utf8Reader}'s).
 *
 * <pre>
 * starts with 50 4B 03 04 ("PK\u0003\u0004")  → ZIP archive (a Gated model file is one)  → error
 * starts with 1F 8B                            → gzip                                    → error
 * a NUL byte in the first 8 KiB                → binary                                  → error
 * not valid UTF-8                              → error naming the byte offset and line ({@link Utf8Reader})
 * starts with EF BB BF (UTF-8 BOM)             → BOM removed
 * </pre>
 */
final class TextSniffer {

    static final int SNIFF_BYTES = 8192;

    private TextSniffer() {
    }

    /**
     * Refuses ZIP, gzip and binary content from the first {@code length} bytes of a file (at most
     * {@value #SNIFF_BYTES} are looked at for NUL bytes).
     */
    static void refuseBinary(byte[] bytes, int length, String source) {
        if (length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4) {
            throw CsvFormatException.ofFile(source, "this looks like a binary file (a Gated model?), not CSV: "
                    + "it starts with the ZIP signature PK\\u0003\\u0004; give a CSV text file as data");
        }
        if (length >= 2 && (bytes[0] & 0xFF) == 0x1F && (bytes[1] & 0xFF) == 0x8B) {
            throw CsvFormatException.ofFile(source, "this looks like a gzip-compressed file, not CSV text; "
                    + "decompress it first (gunzip)");
        }
        int limit = Math.min(length, SNIFF_BYTES);
        for (int i = 0; i < limit; i++) {
            if (bytes[i] == 0) {
                throw CsvFormatException.ofFile(source, "this looks like a binary file (a Gated model?), not CSV: "
                        + "it has a NUL byte at offset " + i + " (UTF-16 text also looks like this; save as UTF-8)");
            }
        }
    }

    static boolean hasBom(byte[] b) {
        return b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF;
    }
}
