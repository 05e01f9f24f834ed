package dev.gated.timeseries.csv;

/**
 * What to do with a missing cell in a numeric column.
 *
 * <p>A cell is <em>missing</em> when it is empty (after trimming spaces) or one of the usual placeholders,
 * compared without case: {@code NA}, {@code N/A}, {@code NaN}, {@code null}, {@code none}, {@code -},
 * {@code ?}. Any other text that is not a number (e.g. {@code 12,5} or {@code abc}) is an error under every
 * policy: a policy fills gaps, it does not hide typos.
 *
 * <p>With v the column and a missing run between valid rows a and b (a &lt; t &lt; b):
 * <pre>
 * ERROR        : throw CsvFormatException naming file, line, column and the text found
 * INTERPOLATE  : v[t] = v[a] + (v[b] - v[a]) · (t - a) / (b - a)      linear in the row index
 *                leading gap (no a)  → v[t] = v[first valid]; trailing gap (no b) → v[t] = v[last valid]
 * FORWARD_FILL : v[t] = v[a]        leading gap (no a) → v[t] = v[first valid] (filled backward)
 * DROP         : the whole row is removed (all columns and its time label)
 * </pre>
 * A column with no valid value at all is an error under every policy.
 */
public enum MissingValuePolicy {
    /** Missing cells are errors (the default). */
    ERROR,
    /** Linear interpolation between the neighbouring valid rows; edges take the nearest valid value. */
    INTERPOLATE,
    /** Carry the last valid value forward; a leading gap takes the first valid value. */
    FORWARD_FILL,
    /** Drop every row that has a missing cell in any selected numeric column. */
    DROP;

    /** The policy as the user chooses it: "stop with an error", "interpolate", "forward-fill", "drop the row". */
    public String label() {
        return switch (this) {
            case ERROR -> "stop with an error";
            case INTERPOLATE -> "interpolate";
            case FORWARD_FILL -> "forward-fill";
            case DROP -> "drop the row";
        };
    }
}
