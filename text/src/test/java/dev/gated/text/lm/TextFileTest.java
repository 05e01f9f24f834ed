package dev.gated.text.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What is not text is refused with the file, the place and the fix; text (with a BOM or not) is read as is. */
class TextFileTest {

    @Test
    void readsUtf8KeepingLineEndsAndDroppingABom() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'a', '\r', '\n', (byte) 0xC3, (byte) 0xA9};
        assertEquals("a\r\né", TextFile.decode(bom, "f.txt"));
    }

    @Test
    void refusesEmptyBinaryCompressedAndNonUtf8Files() {
        assertEquals("f.txt: is empty; a language model needs text to read", message(new byte[0]));
        assertEquals("f.txt: looks binary, not text: a NUL byte at offset 2 (UTF-16 text also looks like this; save it as UTF-8)",
                message(new byte[] {'a', 'b', 0, 'c'}));
        assertEquals("f.txt: is a ZIP archive (a Gated model file?), not text; give a UTF-8 text file",
                message(new byte[] {'P', 'K', 3, 4, 9}));
        assertEquals("f.txt: is gzip-compressed, not text; decompress it first (gunzip)", message(new byte[] {0x1F, (byte) 0x8B, 8}));
        assertEquals("f.txt: line 2: not UTF-8 text: byte 0xE9 at offset 3 (a binary file, or text in another encoding; "
                + "save it as UTF-8)", message("a\nb\u00e9t".getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void positionsCountLinesAndColumnsFromOne() {
        assertEquals("line 1, column 1", TextFile.position("ab\ncd", 0));
        assertEquals("line 2, column 2", TextFile.position("ab\ncd", 4));
    }

    private static String message(byte[] bytes) {
        return assertThrows(IllegalArgumentException.class, () -> TextFile.decode(bytes, "f.txt")).getMessage();
    }
}
