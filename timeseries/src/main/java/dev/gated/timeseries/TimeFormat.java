package dev.gated.timeseries;

/**
 * How the time column's labels were understood.
 *
 * <p>Detection tries the formats in the order listed below and picks the first one that parses
 * <em>every</em> label of the column; if none does, the labels stay strings ({@link #TEXT}).
 */
public enum TimeFormat {
    /** {@code yyyy-MM}, e.g. {@code 1949-01}; the time is the first day of the month at 00:00. */
    YEAR_MONTH,
    /** ISO date {@code yyyy-MM-dd}, e.g. {@code 2016-07-01}; the time is 00:00 of that day. */
    DATE,
    /** Date and time with a space, {@code yyyy-MM-dd HH:mm[:ss[.fraction]]}, e.g. {@code 2016-07-01 00:00:00}. */
    DATE_SPACE_TIME,
    /** ISO local date-time {@code yyyy-MM-ddTHH:mm[:ss[.fraction]]}, e.g. {@code 2016-07-01T00:00:00}. */
    ISO_DATE_TIME,
    /** A time column whose labels are not all in one of the formats above: kept as strings. */
    TEXT,
    /** No time column: the labels are the row indices 0, 1, 2, … */
    ROW_INDEX
}
