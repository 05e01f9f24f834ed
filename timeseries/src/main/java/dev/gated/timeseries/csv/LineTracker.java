package dev.gated.timeseries.csv;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayDeque;

/**
 * A reader that notes where lines start as the CSV parser pulls
 * characters through it, and maps the character position of a record to the 1-based line an editor shows.
 * It keeps only the lines from the last record asked about up to where the parser has read ahead (its buffer),
 * so its memory does not grow with the file. A line ends at "\n", "\r\n" or a lone "\r".
 *
 * <p>Positions must be asked about in increasing order, as the parser produces records.
 */
final class LineTracker extends FilterReader {

    /** A line: where it starts, where its line end starts (-1 while not yet read) and its 1-based number. */
    private static final class Line {
        final long start;
        final int number;
        long end = -1;

        Line(long start, int number) {
            this.start = start;
            this.number = number;
        }
    }

    private final ArrayDeque<Line> lines = new ArrayDeque<>();
    private long position;           // characters read so far
    private boolean lastWasCr;
    private int lineEnds;            // line ends read so far

    LineTracker(Reader in) {
        super(in);
        lines.add(new Line(0, 1));
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        if (c >= 0) {
            see((char) c);
        }
        return c;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        for (int i = 0; i < n; i++) {
            see(buffer[offset + i]);
        }
        return n;
    }

    private void see(char c) {
        Line current = lines.peekLast();
        if (c == '\n' && lastWasCr) {        // the \n of a \r\n: the line started after the \r starts after it
            lines.removeLast();
            lines.add(new Line(position + 1, current.number));
        } else if (c == '\n' || c == '\r') {
            current.end = position;
            lineEnds++;
            lines.add(new Line(position + 1, current.number + 1));
        }
        lastWasCr = c == '\r';
        position++;
    }

    /** Line ends read so far (the parser reads ahead, so this is at or past the record it returned last). */
    int lineEndsRead() {
        return lineEnds;
    }

    /**
     * The line of the record Commons CSV reports at character {@code offset}: line ends at the offset (the end of
     * the previous record, and blank lines the parser skips) are skipped first.
     */
    int lineOf(long offset) {
        Line line = lines.pollFirst();
        while (!lines.isEmpty() && lines.peekFirst().start <= offset) {
            line = lines.pollFirst();
        }
        long at = offset;
        while (line.end >= 0 && at >= line.end && !lines.isEmpty()) { // at a line end: the record starts later
            line = lines.pollFirst();
            at = line.start;
        }
        lines.addFirst(line);
        return line.number;
    }
}
