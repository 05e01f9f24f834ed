package dev.gated.timeseries.csv;

import java.util.Arrays;

/**
 * Maps a character offset in the text to the 1-based line an editor shows. A line ends at "\n", "\r\n" or a
 * lone "\r" (as Commons CSV also reads them).
 */
final class LineIndex {

    private final int[] lineStarts; // offset of the first character of each line; lineStarts[0] = 0
    private final String text;

    LineIndex(String text) {
        this.text = text;
        int[] starts = new int[16];
        int n = 1;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            boolean lineEnd = ch == '\n' || (ch == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'));
            if (lineEnd) {
                if (n == starts.length) {
                    starts = Arrays.copyOf(starts, n * 2);
                }
                starts[n++] = i + 1;
            }
        }
        lineStarts = Arrays.copyOf(starts, n);
    }

    /**
     * The 1-based line of the record that Commons CSV reports at character {@code offset}. The parser reports
     * the position before the blank lines it skips, so line breaks at the offset are skipped first.
     */
    int lineOf(long offset) {
        int at = (int) offset;
        while (at < text.length() && (text.charAt(at) == '\n' || text.charAt(at) == '\r')) {
            at++;
        }
        int i = Arrays.binarySearch(lineStarts, at);
        return i >= 0 ? i + 1 : -i - 1;
    }
}
