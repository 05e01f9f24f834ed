package dev.gated.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gated.timeseries.TimeAxis;
import dev.gated.timeseries.TimeSeriesTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Calendar inputs: the one-hot columns derived from the time column, their round trip, and what is refused. */
class CalendarFeaturesTest {

    private static DataSpec spec(List<String> parts) {
        Map<String, List<String>> calendar = CalendarFeatures.of(parts);
        List<String> features = new java.util.ArrayList<>(List.of("load"));
        features.addAll(calendar.keySet());
        return new DataSpec("load", features, null, DataSpec.parseMissing("error"),
                dev.gated.timeseries.scale.ScalerKind.MINMAX, SplitSpec.parse("0.6,0.2", null, 0), 0, 0, calendar,
                List.of());
    }

    @Test
    void hourAndWeekdayAreOneHotFromTheTimeColumn() {
        // 2024-01-07 is a Sunday (ISO weekday 7); 22:00, 23:00, then Monday 00:00
        String[] labels = {"2024-01-07 22:00:00", "2024-01-07 23:00:00", "2024-01-08 00:00:00"};
        TimeSeriesTable t = new TimeSeriesTable("h.csv", "date", TimeAxis.parse(labels), List.of("load"),
                new double[][] {{1, 2, 3}}, new int[] {2, 3, 4});
        DataSpec s = spec(List.of("hour", "weekday"));
        TimeSeriesTable with = CalendarFeatures.addTo(t, s);
        assertEquals(1 + 24 + 7, with.columnCount());
        assertArrayEquals(new double[] {1, 0, 0}, with.column("@hour=22"));
        assertArrayEquals(new double[] {0, 1, 0}, with.column("@hour=23"));
        assertArrayEquals(new double[] {0, 0, 1}, with.column("@hour=0"));
        assertArrayEquals(new double[] {1, 1, 0}, with.column("@weekday=7"));
        assertArrayEquals(new double[] {0, 0, 1}, with.column("@weekday=1"));
        assertEquals(s.inputColumns().subList(1, s.inputColumns().size()),
                with.columnNames().subList(1, with.columnCount()), "the inputs the network is fed, in order");
        assertEquals(List.of("load"), s.scaledColumns(), "one-hot inputs are not scaled");
        assertEquals(s, DataSpec.fromMap(s.toMap()), "the model file keeps the calendar inputs");
    }

    @Test
    void aFileIsReadWithItsCalendarColumnsAndPrepared(@TempDir Path dir) throws Exception {
        StringBuilder sb = new StringBuilder("date,load\n");
        for (int i = 0; i < 200; i++) {
            sb.append(String.format("2020-01-%02d %02d:00:00,%d%n", 1 + i / 24, i % 24, 10 + i % 24));
        }
        Path csv = Files.writeString(dir.resolve("hourly.csv"), sb.toString());
        DataSpec s = spec(List.of("hour"));
        PreparedData data = PreparedData.prepare(csv, s, Series.small(1));
        assertEquals(25, data.features(), "load and 24 hours");
        assertEquals(1.0, data.series().features()[1 + 5][5], "row 5 is in hour 5");
    }

    @Test
    void unknownPartsAndFilesWithoutDatesAreRefused() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CalendarFeatures.of(List.of("minute")))
                .getMessage().contains("not one of hour, weekday, month"));
        TimeSeriesTable rows = new TimeSeriesTable("r.csv", null, TimeAxis.rowIndex(3), List.of("load"),
                new double[][] {{1, 2, 3}}, new int[] {2, 3, 4});
        var e = assertThrows(IllegalArgumentException.class, () -> CalendarFeatures.addTo(rows, spec(List.of("month"))));
        assertTrue(e.getMessage().contains("no time column"), e.getMessage());
    }
}
