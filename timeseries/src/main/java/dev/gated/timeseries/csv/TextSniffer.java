package dev.gated.timeseries.csv;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;

/**
 * Turns the raw bytes of a file into CSV text, refusing what is clearly not text.
 *
 * <pre>
 * starts with 50 4B 03 04 ("PK\u0003\u0004")  → ZIP archive (a Gated model file is one)  → error
 * starts with 1F 8B                            → gzip                                    → error
 * a NUL byte in the first 8 KiB                → binary                                  → error
 * not valid UTF-8                              → error naming the byte offset and line
 * starts with EF BB BF (UTF-8 BOM)             → BOM removed
 * </pre>
 */
final class TextSniffer {

    private static final int SNIFF_BYTES = 8192;

    private TextSniffer() {
    }

    /** Decodes {@code bytes} as UTF-8 text without a BOM, or throws a {@link CsvFormatException}. */
    static String decode(byte[] bytes, String source) {
        if (bytes.length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4) {
            throw CsvFormatException.ofFile(source, "this looks like a binary file (a Gated model?), not CSV: "
                    + "it starts with the ZIP signature PK\\u0003\\u0004; give a CSV text file as data");
        }
        if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0x1F && (bytes[1] & 0xFF) == 0x8B) {
            throw CsvFormatException.ofFile(source, "this looks like a gzip-compressed file, not CSV text; "
                    + "decompress it first (gunzip)");
        }
        int limit = Math.min(bytes.length, SNIFF_BYTES);
        for (int i = 0; i < limit; i++) {
            if (bytes[i] == 0) {
                throw CsvFormatException.ofFile(source, "this looks like a binary file (a Gated model?), not CSV: "
                        + "it has a NUL byte at offset " + i + " (UTF-16 text also looks like this; save as UTF-8)");
            }
        }
        int start = hasBom(bytes) ? 3 : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        try {
            return decoder.decode(in).toString();
        } catch (MalformedInputException e) {
            int offset = in.position();
            throw CsvFormatException.ofLine(source, lineAtByte(bytes, offset),
                    String.format("not valid UTF-8 text: byte 0x%02X at offset %d; save the file as UTF-8",
                            bytes[offset] & 0xFF, offset));
        } catch (CharacterCodingException e) {
            throw CsvFormatException.ofFile(source, "not valid UTF-8 text (" + e + "); save the file as UTF-8");
        }
    }

    private static boolean hasBom(byte[] b) {
        return b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF;
    }

    private static int lineAtByte(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }
}
