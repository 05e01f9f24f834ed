package dev.gated.timeseries.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gated.timeseries.SharedData;
import dev.gated.timeseries.TimeFormat;
import dev.gated.timeseries.TimeSeriesTable;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reads the shared data sets (see their PROVENANCE.md) and checks counts, first and last values. */
class RealDataCsvTest {

    @Test
    void airlinePassengers() {
        // quoted header, CRLF, no final newline, 144 rows 1949-01..1960-12
        TimeSeriesTable t = TimeSeriesCsvReader.read(SharedData.file("airline-passengers/airline-passengers.csv"));
        assertEquals(144, t.rowCount());
        assertEquals("Month", t.timeColumnName());
        assertEquals(List.of("Passengers"), t.columnNames());
        assertEquals(TimeFormat.YEAR_MONTH, t.time().format());
        assertEquals("1949-01", t.time().label(0));
        assertEquals(LocalDateTime.of(1949, 1, 1, 0, 0), t.time().time(0));
        assertEquals(LocalDateTime.of(1960, 12, 1, 0, 0), t.time().time(143));
        assertEquals(112.0, t.value(0, "Passengers"));
        assertEquals(432.0, t.value(143, "Passengers"));
        assertEquals(2, t.sourceLine(0));
        assertEquals(145, t.sourceLine(143));
    }

    @Test
    void ettH1() {
        TimeSeriesTable t = TimeSeriesCsvReader.read(SharedData.file("etth1/ETTh1.csv"));
        assertEquals(17_420, t.rowCount());
        assertEquals("date", t.timeColumnName());
        assertEquals(List.of("HUFL", "HULL", "MUFL", "MULL", "LUFL", "LULL", "OT"), t.columnNames());
        assertEquals(TimeFormat.DATE_SPACE_TIME, t.time().format());
        assertEquals(LocalDateTime.of(2016, 7, 1, 0, 0), t.time().time(0));
        assertEquals(LocalDateTime.of(2018, 6, 26, 19, 0), t.time().time(17_419));
        assertEquals(5.827000141143799, t.value(0, "HUFL"));
        assertEquals(30.5310001373291, t.value(0, "OT"));
        assertEquals(10.11400032043457, t.value(17_419, "HUFL"));
        assertEquals(9.56700038909912, t.value(17_419, "OT"));
    }

    @Test
    void ettH1SelectedColumnsInRequestedOrder() {
        TimeSeriesTable t = TimeSeriesCsvReader.read(SharedData.file("etth1/ETTh1.csv"),
                CsvReadOptions.defaults().withValueColumns(List.of("OT", "HUFL")));
        assertEquals(List.of("OT", "HUFL"), t.columnNames());
        assertEquals(30.5310001373291, t.column(0)[0]);
    }
}
