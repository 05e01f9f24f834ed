package dev.gated.timeseries.csv;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Which column of a CSV file holds the time labels.
 *
 * <ul>
 *   <li>{@link #auto()} (default): the <em>first</em> column is the time column if its header is one of
 *       {@code date, time, datetime, timestamp, month, year, day, week, period, ds} (any case), or if its first
 *       data cell is not a number; otherwise there is no time column.</li>
 *   <li>{@link #named(String)}: that column; an error lists the columns if it does not exist.</li>
 *   <li>{@link #none()}: no time column; every column is numeric and the rows are labelled 0, 1, 2, …</li>
 * </ul>
 */
public record TimeColumnChoice(Mode mode, String name) {

    /** How the time column is chosen. */
    public enum Mode { AUTO, NAMED, NONE }

    private static final Set<String> TIME_LIKE = Set.of(
            "date", "time", "datetime", "timestamp", "month", "year", "day", "week", "period", "ds");

    public TimeColumnChoice {
        Objects.requireNonNull(mode, "mode");
        if (mode == Mode.NAMED && (name == null || name.isBlank())) {
            throw new IllegalArgumentException("a named time column needs a non-blank name");
        }
        if (mode != Mode.NAMED && name != null) {
            throw new IllegalArgumentException("only a NAMED time column takes a name, not " + mode);
        }
    }

    public static TimeColumnChoice auto() {
        return new TimeColumnChoice(Mode.AUTO, null);
    }

    public static TimeColumnChoice named(String name) {
        return new TimeColumnChoice(Mode.NAMED, name);
    }

    public static TimeColumnChoice none() {
        return new TimeColumnChoice(Mode.NONE, null);
    }

    /** True if a header reads like a time column's ("Date", "month", "timestamp" …). */
    static boolean looksLikeTimeHeader(String header) {
        return TIME_LIKE.contains(header.trim().toLowerCase(Locale.ROOT));
    }
}
