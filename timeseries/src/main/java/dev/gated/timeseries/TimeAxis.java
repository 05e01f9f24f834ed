package dev.gated.timeseries;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Arrays;
import java.util.Objects;

/**
 * The time axis of a series: one label per row as read from the file, and the parsed date-time of each row
 * when every label parses in one {@link TimeFormat}.
 *
 * <p>Labels are kept even when they parse, so plots and reports can show exactly what the file said.
 */
public final class TimeAxis {

    private static final DateTimeFormatter YEAR_MONTH =
            DateTimeFormatter.ofPattern("uuuu-MM").withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter SPACE_DATE_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm[:ss[.SSSSSSSSS][.SSSSSS][.SSS]]")
                    .withResolverStyle(ResolverStyle.STRICT);

    private final String[] labels;           // (rows)
    private final LocalDateTime[] times;     // (rows) or null when format is TEXT or ROW_INDEX
    private final TimeFormat format;

    private TimeAxis(String[] labels, LocalDateTime[] times, TimeFormat format) {
        this.labels = labels;
        this.times = times;
        this.format = format;
    }

    /** An axis without a time column: labels "0", "1", … */
    public static TimeAxis rowIndex(int rows) {
        String[] labels = new String[rows];
        for (int i = 0; i < rows; i++) {
            labels[i] = Integer.toString(i);
        }
        return new TimeAxis(labels, null, TimeFormat.ROW_INDEX);
    }

    /** Parses the labels with the first {@link TimeFormat} that accepts all of them, else keeps them as text. */
    public static TimeAxis parse(String[] labels) {
        String[] copy = labels.clone();
        for (TimeFormat f : new TimeFormat[] {TimeFormat.YEAR_MONTH, TimeFormat.DATE,
                TimeFormat.DATE_SPACE_TIME, TimeFormat.ISO_DATE_TIME}) {
            LocalDateTime[] parsed = tryParseAll(copy, f);
            if (parsed != null) {
                return new TimeAxis(copy, parsed, f);
            }
        }
        return new TimeAxis(copy, null, TimeFormat.TEXT);
    }

    private static LocalDateTime[] tryParseAll(String[] labels, TimeFormat format) {
        if (labels.length == 0) {
            return null;
        }
        LocalDateTime[] out = new LocalDateTime[labels.length];
        for (int i = 0; i < labels.length; i++) {
            out[i] = tryParse(labels[i].trim(), format);
            if (out[i] == null) {
                return null;
            }
        }
        return out;
    }

    /** Parses one label in the given format; {@code null} if it does not parse. */
    static LocalDateTime tryParse(String s, TimeFormat format) {
        try {
            return switch (format) {
                case YEAR_MONTH -> YearMonth.parse(s, YEAR_MONTH).atDay(1).atStartOfDay();
                case DATE -> LocalDate.parse(s, DateTimeFormatter.ISO_LOCAL_DATE).atStartOfDay();
                case DATE_SPACE_TIME -> LocalDateTime.parse(s, SPACE_DATE_TIME);
                case ISO_DATE_TIME -> LocalDateTime.parse(s, DateTimeFormatter.ISO_LOCAL_DATE_TIME);
                case TEXT, ROW_INDEX -> null;
            };
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    public int size() {
        return labels.length;
    }

    public TimeFormat format() {
        return format;
    }

    /** True when every label parsed as a date-time (see {@link #time(int)}). */
    public boolean hasTimes() {
        return times != null;
    }

    /** The label of a row exactly as the file wrote it (or the row index when there is no time column). */
    public String label(int row) {
        return labels[row];
    }

    /** A copy of all labels, (rows). */
    public String[] labels() {
        return labels.clone();
    }

    /**
     * The parsed time of a row.
     *
     * @throws IllegalStateException if the labels did not parse as date-times ({@link #hasTimes()} is false)
     */
    public LocalDateTime time(int row) {
        if (times == null) {
            throw new IllegalStateException("the time labels are " + format
                    + ", not date-times (e.g. \"" + (labels.length > 0 ? labels[0] : "") + "\"); use label(row)");
        }
        return times[row];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TimeAxis a && format == a.format && Arrays.equals(labels, a.labels)
                && Arrays.equals(times, a.times);
    }

    @Override
    public int hashCode() {
        return Objects.hash(format, Arrays.hashCode(labels));
    }

    @Override
    public String toString() {
        return "TimeAxis[" + format + ", " + labels.length + " rows"
                + (labels.length > 0 ? ", " + labels[0] + " .. " + labels[labels.length - 1] : "") + "]";
    }
}
