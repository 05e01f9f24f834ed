package dev.gated.text.lm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the text a language model learns from or is scored on, refusing what is not text:
 * <pre>
 * 0 bytes                                     → "is empty"
 * starts with PK\u0003\u0004 / 1F 8B          → a ZIP archive (a Gated model file is one) / gzip → error
 * a NUL byte anywhere                         → binary (or UTF-16) → error naming the offset
 * not valid UTF-8                             → error naming the byte offset and its line
 * starts with EF BB BF (UTF-8 BOM)            → BOM removed
 * </pre>
 * Line ends are kept as they are: they are characters the model predicts.
 */
public final class TextFile {

    private TextFile() {
    }

    /** The file's text; IllegalArgumentException naming the file and what is wrong with it. */
    public static String read(Path file) throws IOException {
        return decode(Files.readAllBytes(file), file.toString());
    }

    /** {@code bytes} as UTF-8 text without a BOM, or an IllegalArgumentException that starts with {@code source}. */
    public static String decode(byte[] bytes, String source) {
        if (bytes.length == 0) {
            throw new IllegalArgumentException(source + ": is empty; a language model needs text to read");
        }
        if (bytes.length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4) {
            throw new IllegalArgumentException(source + ": is a ZIP archive (a Gated model file?), not text; "
                    + "give a UTF-8 text file");
        }
        if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0x1F && (bytes[1] & 0xFF) == 0x8B) {
            throw new IllegalArgumentException(source + ": is gzip-compressed, not text; decompress it first (gunzip)");
        }
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                throw new IllegalArgumentException(source + ": looks binary, not text: a NUL byte at offset " + i
                        + " (UTF-16 text also looks like this; save it as UTF-8)");
            }
        }
        int start = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(in).toString();
        } catch (CharacterCodingException e) {
            int offset = in.position();
            throw new IllegalArgumentException(String.format("%s: line %d: not UTF-8 text: byte 0x%02X at offset %d "
                    + "(a binary file, or text in another encoding; save it as UTF-8)", source, lineAt(bytes, offset),
                    bytes[Math.min(offset, bytes.length - 1)] & 0xFF, offset));
        }
    }

    /** Line (1-based) and column (1-based) of character {@code index} of {@code text}, as "line L, column C". */
    public static String position(CharSequence text, int index) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < index; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return "line " + line + ", column " + column;
    }

    private static int lineAt(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }
}
