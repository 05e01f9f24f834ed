package dev.gated.spark;

import dev.gated.forecast.DataSpec;
import dev.gated.timeseries.TimeSeriesTable;
import dev.gated.timeseries.csv.TimeSeriesCsvReader;
import java.io.IOException;
import java.io.Serializable;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The rows of one series gathered on an executor, in time order, ready for the forecasting pipeline. The
 * series is handed to the same CSV reader as {@code gated compare}'s file (two columns: time, value; a missing
 * value is an empty cell), so missing-value policies, time formats and their error messages are the CLI's.
 * In those messages "line n" is the series' (n-1)-th row in time order.
 *
 * @param id     the series id
 * @param points its observations, sorted by time
 */
public record SeriesPoints(String id, List<TimePoint> points) implements Serializable {

    /** Sorts {@code points} by time; two rows at the same time are refused, naming the time. */
    public static SeriesPoints of(String id, Iterable<TimePoint> points) {
        if (id == null) {
            throw new IllegalArgumentException("some rows have no series id (null in the id column); give every "
                    + "row its series or filter those rows out");
        }
        List<TimePoint> sorted = new ArrayList<>();
        for (TimePoint p : points) {
            if (p.problem() != null) {
                throw new IllegalArgumentException("series \"" + id + "\": " + p.problem());
            }
            sorted.add(p);
        }
        sorted.sort(ORDER);
        for (int i = 1; i < sorted.size(); i++) {
            if (ORDER.compare(sorted.get(i - 1), sorted.get(i)) == 0) {
                throw new IllegalArgumentException("series \"" + id + "\" has two rows at time "
                        + sorted.get(i).label() + "; keep one value per series and time");
            }
        }
        return new SeriesPoints(id, List.copyOf(sorted));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final Comparator<TimePoint> ORDER = (a, b) -> ((Comparable) a.order()).compareTo(b.order());

    /** The source name in messages: {@code series "m7"}. */
    public String source() {
        return "series \"" + id + "\"";
    }

    /** The series as the CSV reader reads it with {@code spec} (its time column and target name the columns). */
    public TimeSeriesTable table(DataSpec spec) {
        return TimeSeriesCsvReader.readText(csv(spec.timeColumn(), spec.target()), source(), spec.readOptions());
    }

    private String csv(String timeColumn, String valueColumn) {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get())) {
            printer.printRecord(timeColumn, valueColumn);
            for (TimePoint p : points) {
                printer.printRecord(p.label(), Double.isNaN(p.value()) ? "" : Double.toString(p.value()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
