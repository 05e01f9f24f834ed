package dev.gated.timeseries.csv;

/**
 * Guesses the field delimiter among ',' ';' and TAB from the first lines of the text.
 *
 * <p>For each candidate d, count d outside double quotes on each of the first (up to) 10 non-blank lines.
 * A candidate is <em>consistent</em> if it occurs at least once and the same number of times on every
 * examined line. The consistent candidate with the most occurrences per line wins; if none is consistent, the
 * candidate most frequent on the header line wins; if none occurs at all (one column), ','.
 * Ties go to the earlier candidate in the order ',' ';' TAB.
 */
final class DelimiterDetector {

    private static final char[] CANDIDATES = {',', ';', '\t'};
    private static final int LINES = 10;

    private DelimiterDetector() {
    }

    static char detect(String text) {
        int[][] counts = new int[CANDIDATES.length][];
        for (int c = 0; c < CANDIDATES.length; c++) {
            counts[c] = countPerLine(text, CANDIDATES[c]);
        }
        int best = -1;
        for (int c = 0; c < CANDIDATES.length; c++) {
            if (consistent(counts[c]) && (best < 0 || counts[c][0] > counts[best][0])) {
                best = c;
            }
        }
        if (best >= 0) {
            return CANDIDATES[best];
        }
        for (int c = 0; c < CANDIDATES.length; c++) {
            int onHeader = counts[c].length > 0 ? counts[c][0] : 0;
            if (onHeader > 0 && (best < 0 || onHeader > counts[best][0])) {
                best = c;
            }
        }
        return best >= 0 ? CANDIDATES[best] : ',';
    }

    private static boolean consistent(int[] perLine) {
        if (perLine.length == 0 || perLine[0] == 0) {
            return false;
        }
        for (int n : perLine) {
            if (n != perLine[0]) {
                return false;
            }
        }
        return true;
    }

    /** Occurrences of {@code d} outside quotes on each of the first non-blank lines. */
    private static int[] countPerLine(String text, char d) {
        int[] counts = new int[LINES];
        int lines = 0;
        int count = 0;
        boolean inQuotes = false;
        boolean blank = true;
        for (int i = 0; i < text.length() && lines < LINES; i++) {
            char ch = text.charAt(i);
            if (ch == '"') {
                inQuotes = !inQuotes;
                blank = false;
            } else if (!inQuotes && (ch == '\n' || ch == '\r')) {
                if (!blank) {
                    counts[lines++] = count;
                }
                count = 0;
                blank = true;
            } else {
                if (!inQuotes && ch == d) {
                    count++;
                }
                if (!Character.isWhitespace(ch)) {
                    blank = false;
                }
            }
        }
        if (!blank && lines < LINES) {
            counts[lines++] = count;
        }
        int[] out = new int[lines];
        System.arraycopy(counts, 0, out, 0, lines);
        return out;
    }
}
