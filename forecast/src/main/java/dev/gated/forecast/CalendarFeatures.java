package dev.gated.forecast;

import dev.gated.timeseries.TimeAxis;
import dev.gated.timeseries.TimeSeriesTable;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Calendar features derived from the time column ({@code --calendar hour,weekday,month}), fed one-hot like a
 * text column: one 0/1 input per level, named {@code @hour=0} … {@code @hour=23}, {@code @weekday=1} (Monday) …
 * {@code @weekday=7}, {@code @month=1} … {@code @month=12}.
 * <pre>
 *   @hour=h      1 when the row's time is in hour h of the day, else 0
 *   @weekday=d   1 when the row falls on ISO weekday d (1 = Monday)
 *   @month=m     1 when the row falls in month m
 * </pre>
 * They are inputs at every row of a window, like the other features. Being functions of time, they are known
 * for the forecast rows too: the command line makes them known-future inputs ({@link FutureInputs}) unless told
 * {@code --known-future none}, and {@link FutureRows} derives them for future times that continue the series.
 */
public final class CalendarFeatures {

    /** The parts {@code --calendar} accepts, each with its levels. */
    private static final Map<String, List<String>> PARTS = new LinkedHashMap<>();

    static {
        PARTS.put("hour", levels(0, 23));
        PARTS.put("weekday", levels(1, 7));
        PARTS.put("month", levels(1, 12));
    }

    private CalendarFeatures() {
    }

    private static List<String> levels(int from, int to) {
        List<String> out = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            out.add(Integer.toString(i));
        }
        return out;
    }

    /** The feature name of a part: {@code @hour}. */
    public static String feature(String part) {
        return "@" + part;
    }

    /** True for a feature derived from the time column, not read from the file. */
    public static boolean isCalendar(String feature) {
        return feature.startsWith("@") && PARTS.containsKey(feature.substring(1));
    }

    /**
     * The features and their one-hot levels for the parts named, e.g. [hour, weekday].
     *
     * @throws IllegalArgumentException naming the part that is not hour, weekday or month
     */
    public static Map<String, List<String>> of(List<String> parts) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String p : parts) {
            String part = p.trim().toLowerCase(Locale.ROOT);
            if (!PARTS.containsKey(part)) {
                throw new IllegalArgumentException("--calendar: \"" + p + "\" is not one of "
                        + String.join(", ", PARTS.keySet()));
            }
            out.put(feature(part), PARTS.get(part));
        }
        return out;
    }

    /**
     * The table with the one-hot columns of {@code spec}'s calendar features added, computed from its time column;
     * the table itself when there are none.
     *
     * @throws IllegalArgumentException when the table's time column holds no dates
     */
    public static TimeSeriesTable addTo(TimeSeriesTable table, DataSpec spec) {
        List<String> calendar = spec.features().stream().filter(CalendarFeatures::isCalendar).toList();
        if (calendar.isEmpty()) {
            return table;
        }
        TimeAxis axis = table.time();
        if (!axis.hasTimes()) {
            throw new IllegalArgumentException(table.source() + ": --calendar derives " + calendar + " from the time "
                    + "column, but " + (table.timeColumnName() == null ? "the file has no time column"
                    : "the time column \"" + table.timeColumnName() + "\" holds no dates") + "; name one with --time");
        }
        List<String> names = new ArrayList<>(table.columnNames());
        List<double[]> columns = new ArrayList<>(List.of(table.columns()));
        int rows = table.rowCount();
        for (String f : calendar) {
            List<String> levels = PARTS.get(f.substring(1));
            double[][] oneHot = new double[levels.size()][rows];
            for (int r = 0; r < rows; r++) {
                oneHot[levels.indexOf(Integer.toString(value(f, axis.time(r))))][r] = 1;
            }
            for (int l = 0; l < levels.size(); l++) {
                names.add(f + "=" + levels.get(l));
                columns.add(oneHot[l]);
            }
        }
        int[] lines = new int[rows];
        for (int r = 0; r < rows; r++) {
            lines[r] = table.sourceLine(r);
        }
        return new TimeSeriesTable(table.source(), table.timeColumnName(), axis, names,
                columns.toArray(double[][]::new), lines);
    }

    private static int value(String feature, LocalDateTime t) {
        return switch (feature) {
            case "@hour" -> t.getHour();
            case "@weekday" -> t.getDayOfWeek().getValue();
            default -> t.getMonthValue();
        };
    }
}
