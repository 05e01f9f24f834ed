package dev.gated.studio.data;

import dev.gated.forecast.DataSpec;
import dev.gated.timeseries.TimeSeriesTable;
import dev.gated.timeseries.csv.CsvProfile;
import dev.gated.timeseries.csv.CsvReadOptions;
import dev.gated.timeseries.csv.MissingValuePolicy;
import dev.gated.timeseries.csv.TimeSeriesCsvReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * An uploaded (or sample) CSV file kept in the work folder, re-read with whichever time column and
 * missing-value policy the user picks.
 *
 * @param id   server-made id, e.g. {@code d3}
 * @param name the file name shown to the user (cleaned; never used as a path)
 * @param file where the bytes are, inside the work folder
 * @param size bytes
 */
public record StoredDataset(String id, String name, Path file, long size) {

    /**
     * Reads the file.
     *
     * @param time    "" or "auto" (detect), "none" (row index), or a column name
     * @param missing error, interpolate, forward_fill or drop (any case, '-' or '_')
     */
    public TimeSeriesTable read(String time, String missing) {
        return read(time, missing, java.util.List.of());
    }

    /** Reads only {@code columns} (empty = every column but the time column). */
    public TimeSeriesTable read(String time, String missing, java.util.List<String> columns) {
        return TimeSeriesCsvReader.read(bytes(), name, options(time, missing).withValueColumns(columns));
    }

    /** Reads the columns of resolved data settings (text features one-hot) with the user's time-column choice. */
    public TimeSeriesTable read(String time, DataSpec spec) {
        CsvReadOptions o = spec.readOptions();
        CsvReadOptions t = options(time, "error");
        return TimeSeriesCsvReader.read(bytes(), name, new CsvReadOptions(null, t.timeColumn(), o.valueColumns(),
                o.missingValues(), o.categorical()));
    }

    /** The first read: every column typed (time, number, text), never failing on text or missing cells. */
    public CsvProfile profile(String time) {
        return TimeSeriesCsvReader.profile(bytes(), name, options(time, "error").timeColumn());
    }

    private byte[] bytes() {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the stored upload " + name + ": " + e.getMessage(), e);
        }
    }

    static CsvReadOptions options(String time, String missing) {
        CsvReadOptions o = CsvReadOptions.defaults().withMissingValues(parseMissing(missing));
        if (time == null || time.isBlank() || time.equalsIgnoreCase("auto")) {
            return o;
        }
        return time.equalsIgnoreCase("none") ? o.withoutTimeColumn() : o.withTimeColumn(time);
    }

    /** Parses a missing-value policy; the message lists the choices. */
    public static MissingValuePolicy parseMissing(String s) {
        if (s == null || s.isBlank()) {
            return MissingValuePolicy.ERROR;
        }
        String k = s.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        try {
            return MissingValuePolicy.valueOf(k);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("missing values: \"" + s
                    + "\" is not one of the choices (stop with an error, interpolate, forward fill, drop the row)");
        }
    }
}
