package dev.gated.spark;

import java.io.Serializable;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One observation of a series as it travels from the DataFrame to the task that fits the series: the label
 * the CSV reader will see, a key that orders the rows, and the value (NaN when missing).
 *
 * <pre>
 *   Spark value of the time column     label                   order key
 *   String                              as written              the text itself
 *   java.sql.Date / LocalDate           yyyy-MM-dd              epoch day
 *   java.sql.Timestamp / Instant / LDT  yyyy-MM-dd HH:mm:ss     epoch second (UTC; nanos break ties)
 *   integer / decimal number            the number              the number
 * </pre>
 *
 * @param label the time as text
 * @param order sorts the rows of one series (all of one kind within a column)
 * @param value   the observation, NaN when the cell was null or NaN
 * @param problem why the row cannot be used (no time, a value that is not a number), or null
 */
public record TimePoint(String label, Comparable<?> order, double value, String problem) implements Serializable {

    public TimePoint(String label, Comparable<?> order, double value) {
        this(label, order, value, null);
    }

    /**
     * A point from a row's time and value cells that never throws: a row it cannot read becomes a point with
     * a problem, which fails only its own series (as an error row), not the job.
     */
    public static TimePoint read(Object time, Object value) {
        try {
            return of(time, value);
        } catch (IllegalArgumentException e) {
            return new TimePoint(null, null, Double.NaN, e.getMessage());
        }
    }

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

    /** A point from the time cell and the value cell (null = missing) of a row. */
    public static TimePoint of(Object time, Object value) {
        double v = value == null ? Double.NaN : value instanceof Number n ? n.doubleValue() : parse(value.toString());
        if (time == null) {
            throw new IllegalArgumentException("a row has no time (null in the time column)");
        }
        if (time instanceof String s) {
            return new TimePoint(s, s, v);
        }
        if (time instanceof java.sql.Date d) {
            return ofDate(d.toLocalDate(), v);
        }
        if (time instanceof LocalDate d) {
            return ofDate(d, v);
        }
        if (time instanceof Timestamp t) {
            return ofDateTime(t.toLocalDateTime(), v);
        }
        if (time instanceof Instant i) {
            return ofDateTime(LocalDateTime.ofInstant(i, ZoneOffset.UTC), v);
        }
        if (time instanceof LocalDateTime t) {
            return ofDateTime(t, v);
        }
        if (time instanceof Number n) {
            double d = n.doubleValue();
            String label = d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
            return new TimePoint(label, d, v);
        }
        throw new IllegalArgumentException("the time " + time + " is a " + time.getClass().getSimpleName()
                + "; expected text, a date, a timestamp or a number");
    }

    private static double parse(String s) {
        if (s.isBlank()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the value \"" + s + "\" is not a number");
        }
    }

    private static TimePoint ofDate(LocalDate d, double v) {
        return new TimePoint(d.toString(), d.toEpochDay(), v);
    }

    private static TimePoint ofDateTime(LocalDateTime t, double v) {
        return new TimePoint(t.format(SECONDS), t.toEpochSecond(ZoneOffset.UTC) * 1_000_000_000L + t.getNano(), v);
    }
}
