package dev.gated.timeseries.csv;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The records of a CSV file, parsed one at a time as they are read (Commons CSV over a streaming UTF-8
 * decoder), each with the 1-based line it starts on: memory does not grow with the file, only with what the
 * reader keeps of each record.
 * <pre>
 *   first 8 KiB     refused when ZIP, gzip or binary ({@link TextSniffer})
 *   BOM             skipped
 *   first 64 Ki chars  the delimiter is detected there ({@link DelimiterDetector}); blank → "the file is empty"
 *   each record     with its line ({@link LineTracker}); an unclosed quote names the line where its record starts
 * </pre>
 */
final class RecordStream implements AutoCloseable {

    /** Characters looked at to detect the delimiter and an empty file. */
    static final int HEAD_CHARS = 1 << 16;

    /** A record and the line it starts on. */
    record Row(CSVRecord record, int line) {
    }

    /** Opens the stream again from its start, to quote a line in an error message. */
    private interface Source {
        Reader open() throws IOException;
    }

    private final String source;
    private final char delimiter;
    private final LineTracker tracker;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final Source reopen;
    private long linesBefore; // line ends consumed by the records returned so far

    private RecordStream(String source, Reader text, Character delimiter, Source reopen) throws IOException {
        this.source = source;
        this.reopen = reopen;
        BufferedReader in = new BufferedReader(text, HEAD_CHARS + 1);
        in.mark(HEAD_CHARS + 1);
        char[] head = new char[HEAD_CHARS];
        int n = in.read(head, 0, HEAD_CHARS);
        int got = Math.max(n, 0);
        while (n > 0 && got < HEAD_CHARS) {
            n = in.read(head, got, HEAD_CHARS - got);
            got += Math.max(n, 0);
        }
        in.reset();
        String headText = new String(head, 0, got);
        if (headText.startsWith("\uFEFF")) {
            headText = headText.substring(1);
            in.skip(1);
        }
        if (headText.isBlank() && got < HEAD_CHARS) {
            throw CsvFormatException.ofFile(source, "the file is empty: expected a header line "
                    + "(e.g. \"date,value\") followed by at least one data row");
        }
        this.delimiter = delimiter != null ? delimiter : DelimiterDetector.detect(headText);
        this.tracker = new LineTracker(in);
        CSVFormat format = CSVFormat.DEFAULT.builder()
                .setDelimiter(this.delimiter)
                .setIgnoreEmptyLines(true)
                .setIgnoreSurroundingSpaces(true)
                .get();
        this.parser = CSVParser.parse(tracker, format);
        this.records = parser.iterator();
    }

    /** Streams a file; messages name it by {@code file.toString()}. */
    static RecordStream open(Path file, Character delimiter) {
        String source = file.toString();
        try {
            return ofBytes(() -> Files.newInputStream(file), source, delimiter);
        } catch (NoSuchFileException e) {
            throw CsvFormatException.ofFile(source, "file not found (working directory: "
                    + Path.of("").toAbsolutePath() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Streams bytes held in memory (an upload). */
    static RecordStream of(byte[] bytes, String source, Character delimiter) {
        try {
            return ofBytes(() -> new ByteArrayInputStream(bytes), source, delimiter);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Streams text already decoded. */
    static RecordStream ofText(String text, String source, Character delimiter) {
        try {
            return new RecordStream(source, new StringReader(text), delimiter, () -> new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface Bytes {
        InputStream open() throws IOException;
    }

    private static RecordStream ofBytes(Bytes bytes, String source, Character delimiter) throws IOException {
        InputStream in = new BufferedInputStream(bytes.open(), HEAD_CHARS);
        try {
            in.mark(TextSniffer.SNIFF_BYTES);
            byte[] head = in.readNBytes(TextSniffer.SNIFF_BYTES);
            in.reset();
            TextSniffer.refuseBinary(head, head.length, source);
            int bom = TextSniffer.hasBom(head) ? 3 : 0;
            in.skipNBytes(bom);
            Source reopen = () -> {
                InputStream again = bytes.open();
                again.skipNBytes(bom);
                return new Utf8Reader(again, source, bom);
            };
            return new RecordStream(source, new Utf8Reader(in, source, bom), delimiter, reopen);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    char delimiter() {
        return delimiter;
    }

    /** The next record, or null at the end of the file. */
    Row next() {
        CSVRecord r;
        try {
            if (!records.hasNext()) {
                return null;
            }
            r = records.next();
        } catch (UncheckedIOException | IllegalStateException e) {
            if (rootCause(e) instanceof CsvFormatException c) {
                throw c;
            }
            throw malformed((int) linesBefore + 1, rootMessage(e));
        }
        linesBefore = parser.getCurrentLineNumber();
        return new Row(r, tracker.lineOf(r.getCharacterPosition()));
    }

    /**
     * The error for a record the parser could not finish: it names the line where that record starts (the parser
     * itself only knows where it gave up, often the end of the file) and the column of its first double quote.
     */
    private CsvFormatException malformed(int startLine, String parserMessage) {
        int line = startLine;
        String text = null;
        try (BufferedReader again = new BufferedReader(reopen.open())) {
            for (int i = 1; i < startLine; i++) {
                again.readLine();
            }
            for (text = again.readLine(); text != null && text.isBlank(); text = again.readLine()) {
                line++; // the parser skips blank lines before a record
            }
        } catch (IOException | RuntimeException e) {
            text = null;
        }
        int quote = text != null ? text.indexOf('"') : -1;
        String where = quote >= 0 ? "the double quote at column " + (quote + 1) + " of line " + line
                + " opens a field that is never closed" : "a field is never closed";
        return CsvFormatException.ofLine(source, line, "malformed CSV: " + where
                + " (write a quote inside a quoted field as \"\"); the parser reports: " + parserMessage);
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static String rootMessage(Throwable e) {
        return rootCause(e).getMessage();
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException ignored) {
            // read-only: nothing to lose
        }
    }
}
