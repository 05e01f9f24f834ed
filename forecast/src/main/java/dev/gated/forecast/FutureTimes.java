package dev.gated.forecast;

import dev.gated.timeseries.TimeAxis;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Labels for the rows after the end of a series, continuing its step:
 * <pre>
 *   monthly labels (yyyy-MM, or dates on the same day of month a whole number of months apart)  → + k months
 *   other date-times                                                                          → + k · (t[R-1] - t[R-2])
 *   row indices                                                                               → R, R+1, …
 *   text labels                                                                               → "+1", "+2", …
 * </pre>
 * and written in the series' own format.
 */
public final class FutureTimes {

    private FutureTimes() {
    }

    /** The labels of rows R .. R + steps - 1. */
    public static String[] after(TimeAxis axis, int steps) {
        int r = axis.size();
        String[] out = new String[steps];
        if (axis.hasTimes() && r >= 2) {
            LocalDateTime last = axis.time(r - 1);
            LocalDateTime prev = axis.time(r - 2);
            long months = ChronoUnit.MONTHS.between(prev, last);
            boolean monthly = months > 0 && prev.plusMonths(months).equals(last);
            Duration step = Duration.between(prev, last);
            for (int k = 1; k <= steps; k++) {
                LocalDateTime t = monthly ? last.plusMonths(months * k) : last.plus(step.multipliedBy(k));
                out[k - 1] = format(axis, t);
            }
            return out;
        }
        for (int k = 0; k < steps; k++) {
            out[k] = switch (axis.format()) {
                case ROW_INDEX -> Integer.toString(r + k);
                default -> "+" + (k + 1);
            };
        }
        return out;
    }

    private static String format(TimeAxis axis, LocalDateTime t) {
        return switch (axis.format()) {
            case YEAR_MONTH -> t.format(DateTimeFormatter.ofPattern("uuuu-MM"));
            case DATE -> t.toLocalDate().toString();
            case DATE_SPACE_TIME -> t.format(DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss"));
            default -> t.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
        };
    }
}
