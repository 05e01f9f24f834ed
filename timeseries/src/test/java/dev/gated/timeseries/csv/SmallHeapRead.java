package dev.gated.timeseries.csv;

import dev.gated.timeseries.TimeSeriesTable;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Run in a child JVM with a small heap by {@link StreamingCsvTest}: reads column {@code args[1]} of the CSV file
 * {@code args[0]} (all columns with "*") and prints "rows SUM" or "error MESSAGE".
 */
final class SmallHeapRead {

    private SmallHeapRead() {
    }

    public static void main(String[] args) {
        CsvReadOptions options = CsvReadOptions.defaults();
        if (!args[1].equals("*")) {
            options = options.withValueColumns(List.of(args[1]));
        }
        try {
            TimeSeriesTable t = TimeSeriesCsvReader.read(Path.of(args[0]), options);
            System.out.println("rows " + t.rowCount() + " " + Arrays.stream(t.column(0)).sum());
        } catch (CsvFormatException e) {
            System.out.println("error " + e.getMessage());
        }
    }
}
