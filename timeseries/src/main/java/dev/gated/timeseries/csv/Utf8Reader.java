package dev.gated.timeseries.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 decoding of a byte stream, a buffer at a time: the first byte that is not valid UTF-8 is a
 * {@link CsvFormatException} naming the line, the byte and its offset in the file (as {@link TextSniffer} does
 * for text read whole). Every character before it is delivered first.
 */
final class Utf8Reader extends Reader {

    private static final int BUFFER = 1 << 16;

    private final InputStream in;
    private final String source;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(BUFFER).flip();
    private final CharBuffer chars = CharBuffer.allocate(BUFFER).flip();
    private final long start;     // file offset of the stream's first byte
    private long consumed;        // bytes decoded so far
    private int newlines;         // '\n' delivered so far
    private boolean endOfInput;
    private CsvFormatException pending;

    /** @param offset the file offset of the stream's first byte (3 after a skipped BOM) */
    Utf8Reader(InputStream in, String source, long offset) {
        this.in = in;
        this.source = source;
        this.start = offset;
    }

    @Override
    public int read(char[] buffer, int off, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (!chars.hasRemaining()) {
            if (pending != null) {
                throw pending;
            }
            if (endOfInput && !bytes.hasRemaining()) {
                return -1;
            }
            decodeMore();
        }
        int n = Math.min(length, chars.remaining());
        chars.get(buffer, off, n);
        for (int i = off; i < off + n; i++) {
            newlines += buffer[i] == '\n' ? 1 : 0;
        }
        return n;
    }

    private void decodeMore() throws IOException {
        if (!endOfInput) {
            bytes.compact();
            int read = in.read(bytes.array(), bytes.position(), bytes.remaining());
            if (read < 0) {
                endOfInput = true;
            } else {
                bytes.position(bytes.position() + read);
            }
            bytes.flip();
        }
        chars.clear();
        int before = bytes.position();
        CoderResult r = decoder.decode(bytes, chars, endOfInput);
        consumed += bytes.position() - before;
        if (r.isError()) {
            int at = bytes.position();
            pending = CsvFormatException.ofLine(source, newlines + count(chars) + 1, String.format(
                    "not valid UTF-8 text: byte 0x%02X at offset %d; save the file as UTF-8",
                    bytes.get(at) & 0xFF, start + consumed));
        } else if (endOfInput && !bytes.hasRemaining()) {
            decoder.flush(chars);
        }
        chars.flip();
    }

    /** The '\n' among the characters decoded but not yet delivered. */
    private static int count(CharBuffer written) {
        int n = 0;
        for (int i = 0; i < written.position(); i++) {
            n += written.get(i) == '\n' ? 1 : 0;
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
