package dev.gated.timeseries.baseline;

import dev.gated.timeseries.TimeAxis;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The seasonal periods a time column implies, from the median step between its rows:
 * <pre>
 *   step            candidates (rows per cycle)
 *   1 minute        60 (hour), 1440 (day)
 *   15 / 30 min     96 / 48 (day), 672 / 336 (week)
 *   1 hour          24 (day), 168 (week)
 *   1 day           7 (week), 365 (year: 365.25 days, rounded)
 *   1 week          52 (year)
 *   1 month         12 (year)
 *   1 quarter       4 (year)
 * </pre>
 * Anything else (a row index, text labels, irregular steps) implies none.
 */
public final class CalendarPeriods {

    /**
     * A calendar period.
     *
     * @param lag  rows per cycle
     * @param name what the cycle is, e.g. "a week of daily rows"
     */
    public record Candidate(int lag, String name) {
    }

    private CalendarPeriods() {
    }

    /** The candidates for {@code time}, most natural first; empty when the axis has no regular calendar step. */
    public static List<Candidate> of(TimeAxis time) {
        if (!time.hasTimes() || time.size() < 3) {
            return List.of();
        }
        long[] steps = new long[time.size() - 1];
        for (int t = 0; t < steps.length; t++) {
            steps[t] = Duration.between(time.time(t), time.time(t + 1)).toMinutes();
        }
        Arrays.sort(steps);
        long m = steps[steps.length / 2];
        if (m == 1) {
            return List.of(new Candidate(60, "an hour of minute rows"), new Candidate(1440, "a day of minute rows"));
        }
        if (m == 15 || m == 30) {
            int perDay = (int) (1440 / m);
            String unit = m + "-minute rows";
            return List.of(new Candidate(perDay, "a day of " + unit), new Candidate(perDay * 7, "a week of " + unit));
        }
        if (m == 60) {
            return List.of(new Candidate(24, "a day of hourly rows"), new Candidate(168, "a week of hourly rows"));
        }
        if (m == 1440) {
            return List.of(new Candidate(7, "a week of daily rows"), new Candidate(365, "a year of daily rows"));
        }
        if (m == 7 * 1440) {
            return List.of(new Candidate(52, "a year of weekly rows"));
        }
        if (m >= 28 * 1440 && m <= 31 * 1440) {
            return List.of(new Candidate(12, "a year of monthly rows"));
        }
        if (m >= 89 * 1440 && m <= 92 * 1440) {
            return List.of(new Candidate(4, "a year of quarterly rows"));
        }
        return List.of();
    }
}
