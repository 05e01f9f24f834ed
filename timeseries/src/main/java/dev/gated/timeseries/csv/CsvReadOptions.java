package dev.gated.timeseries.csv;

import java.util.List;
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
 */
public record CsvReadOptions(Character delimiter, TimeColumnChoice timeColumn, List<String> valueColumns,
                             MissingValuePolicy missingValues) {

    public CsvReadOptions {
        Objects.requireNonNull(timeColumn, "timeColumn");
        Objects.requireNonNull(missingValues, "missingValues");
        valueColumns = List.copyOf(valueColumns);
        if (delimiter != null && (delimiter == '"' || delimiter == '\r' || delimiter == '\n')) {
            throw new IllegalArgumentException("delimiter cannot be a quote or a line break, got "
                    + describe(delimiter));
        }
        if (timeColumn.mode() == TimeColumnChoice.Mode.NAMED && valueColumns.contains(timeColumn.name())) {
            throw new IllegalArgumentException("column \"" + timeColumn.name()
                    + "\" is named both as the time column and as a value column");
        }
    }

    /** Detected delimiter, automatic time column, all other columns numeric, missing cells are errors. */
    public static CsvReadOptions defaults() {
        return new CsvReadOptions(null, TimeColumnChoice.auto(), List.of(), MissingValuePolicy.ERROR);
    }

    public CsvReadOptions withDelimiter(char d) {
        return new CsvReadOptions(d, timeColumn, valueColumns, missingValues);
    }

    public CsvReadOptions withDetectedDelimiter() {
        return new CsvReadOptions(null, timeColumn, valueColumns, missingValues);
    }

    public CsvReadOptions withTimeColumn(String name) {
        return new CsvReadOptions(delimiter, TimeColumnChoice.named(name), valueColumns, missingValues);
    }

    public CsvReadOptions withoutTimeColumn() {
        return new CsvReadOptions(delimiter, TimeColumnChoice.none(), valueColumns, missingValues);
    }

    public CsvReadOptions withValueColumns(List<String> names) {
        return new CsvReadOptions(delimiter, timeColumn, names, missingValues);
    }

    public CsvReadOptions withMissingValues(MissingValuePolicy policy) {
        return new CsvReadOptions(delimiter, timeColumn, valueColumns, policy);
    }

    /** A delimiter as a user would name it: {@code ','}, {@code TAB}. */
    static String describe(char d) {
        return d == '\t' ? "TAB" : "'" + d + "'";
    }
}
