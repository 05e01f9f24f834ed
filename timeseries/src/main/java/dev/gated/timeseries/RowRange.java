package dev.gated.timeseries;

/**
 * A half-open range of rows {@code [start, end)} of a series, in row indices counted from 0 on the first data
 * row (the CSV header is not a row).
 *
 * <p>Used for everything chronological: the rows a scaler is fitted on, the parts of a train/validation/test
 * split, the folds of a rolling-origin evaluation. An empty range ({@code start == end}) is allowed.
 *
 * @param start first row in the range, {@code 0 <= start}
 * @param end   one past the last row, {@code start <= end}
 */
public record RowRange(int start, int end) {

    public RowRange {
        if (start < 0) {
            throw new IllegalArgumentException("row range [" + start + ", " + end + "): start must be >= 0");
        }
        if (end < start) {
            throw new IllegalArgumentException("row range [" + start + ", " + end
                    + "): end must be >= start (ranges are half-open: [start, end))");
        }
    }

    /** The range {@code [0, n)}: every row of a series of n rows. */
    public static RowRange all(int n) {
        return new RowRange(0, n);
    }

    /** Number of rows, {@code end - start}. */
    public int length() {
        return end - start;
    }

    public boolean isEmpty() {
        return start == end;
    }

    public boolean contains(int row) {
        return row >= start && row < end;
    }

    /**
     * Checks that this range lies inside a series of {@code rowCount} rows.
     *
     * @param what names the range in the message, e.g. "scaler fit rows"
     * @throws IllegalArgumentException if {@code end > rowCount}
     */
    public RowRange requireWithin(int rowCount, String what) {
        if (end > rowCount) {
            throw new IllegalArgumentException(what + " " + this + " reach past the end of the series, which has "
                    + rowCount + " rows (valid rows are [0, " + rowCount + "))");
        }
        return this;
    }

    @Override
    public String toString() {
        return "[" + start + ", " + end + ")";
    }
}
