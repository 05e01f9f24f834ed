package dev.gated.timeseries.csv;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to read a CSV file into a {@link dev.gated.timeseries.TimeSeriesTable}. Immutable; start from
 * {@link #defaults()} and change what you need:
 * <pre>
 * CsvReadOptions.defaults().withDelimiter(';').withValueColumns(List.of("OT"))
 *                          .withMissingValues(MissingValuePolicy.INTERPOLATE)
 * </pre>
 *
 * @param delimiter     the field separator, or null to detect it among ',' ';' and TAB (default)
 * @param timeColumn    which column holds the time labels (default {@link TimeColumnChoice#auto()})
 * @param valueColumns  the numeric columns to read, in this order; empty = every column but the time column
 * @param missingValues what to do with missing cells (default {@link MissingValuePolicy#ERROR})
 * @param categorical   value columns that hold text labels, each with its levels: such a column is read as one
 *                      0/1 column per level, named {@code column=level} (one-hot); a cell that is missing or not
 *                      among the levels is all zeros. An empty level list means the distinct values of the file,
 *                      sorted. Default: none (every value column must be numeric)
 */
public record CsvReadOptions(Character delimiter, TimeColumnChoice timeColumn, List<String> valueColumns,
                             MissingValuePolicy missingValues, Map<String, List<String>> categorical) {

    public CsvReadOptions {
        Objects.requireNonNull(timeColumn, "timeColumn");
        Objects.requireNonNull(missingValues, "missingValues");
        valueColumns = List.copyOf(valueColumns);
        Map<String, List<String>> c = new LinkedHashMap<>();
        (categorical == null ? Map.<String, List<String>>of() : categorical).forEach((k, v) -> c.put(k, List.copyOf(v)));
        categorical = Collections.unmodifiableMap(c);
        if (delimiter != null && (delimiter == '"' || delimiter == '\r' || delimiter == '\n')) {
            throw new IllegalArgumentException("delimiter cannot be a quote or a line break, got "
                    + describe(delimiter));
        }
        if (timeColumn.mode() == TimeColumnChoice.Mode.NAMED && valueColumns.contains(timeColumn.name())) {
            throw new IllegalArgumentException("column \"" + timeColumn.name()
                    + "\" is named both as the time column and as a value column");
        }
    }

    /** Without categorical columns. */
    public CsvReadOptions(Character delimiter, TimeColumnChoice timeColumn, List<String> valueColumns,
                          MissingValuePolicy missingValues) {
        this(delimiter, timeColumn, valueColumns, missingValues, Map.of());
    }

    /** Detected delimiter, automatic time column, all other columns numeric, missing cells are errors. */
    public static CsvReadOptions defaults() {
        return new CsvReadOptions(null, TimeColumnChoice.auto(), List.of(), MissingValuePolicy.ERROR);
    }

    public CsvReadOptions withDelimiter(char d) {
        return new CsvReadOptions(d, timeColumn, valueColumns, missingValues, categorical);
    }

    public CsvReadOptions withDetectedDelimiter() {
        return new CsvReadOptions(null, timeColumn, valueColumns, missingValues, categorical);
    }

    public CsvReadOptions withTimeColumn(String name) {
        return new CsvReadOptions(delimiter, TimeColumnChoice.named(name), valueColumns, missingValues, categorical);
    }

    public CsvReadOptions withoutTimeColumn() {
        return new CsvReadOptions(delimiter, TimeColumnChoice.none(), valueColumns, missingValues, categorical);
    }

    public CsvReadOptions withValueColumns(List<String> names) {
        return new CsvReadOptions(delimiter, timeColumn, names, missingValues, categorical);
    }

    public CsvReadOptions withMissingValues(MissingValuePolicy policy) {
        return new CsvReadOptions(delimiter, timeColumn, valueColumns, policy, categorical);
    }

    /** With these value columns read as text labels, one-hot encoded (see {@code categorical}). */
    public CsvReadOptions withCategorical(Map<String, List<String>> levels) {
        return new CsvReadOptions(delimiter, timeColumn, valueColumns, missingValues, levels);
    }

    /** A delimiter as a user would name it: {@code ','}, {@code TAB}. */
    static String describe(char d) {
        return d == '\t' ? "TAB" : "'" + d + "'";
    }
}
