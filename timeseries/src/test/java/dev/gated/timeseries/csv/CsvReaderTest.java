package dev.gated.timeseries.csv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.gated.timeseries.TimeFormat;
import dev.gated.timeseries.TimeSeriesTable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {

    private static TimeSeriesTable read(String text) {
        return TimeSeriesCsvReader.readText(text, "t.csv", CsvReadOptions.defaults());
    }

    @Test
    void detectsSemicolonAndTab() {
        TimeSeriesTable semi = read("date;a;b\n2020-01-01;1;2\n2020-01-02;3;4\n");
        assertEquals(List.of("a", "b"), semi.columnNames());
        assertArrayEquals(new double[] {2, 4}, semi.column("b"));
        TimeSeriesTable tab = read("date\ta\tb\n2020-01-01\t1\t2\n");
        assertArrayEquals(new double[] {2}, tab.column("b"));
    }

    @Test
    void commaInsideQuotesDoesNotFoolDetection() {
        TimeSeriesTable t = read("\"when, exactly\";x\n\"Jan 1, 2020\";5\n\"Jan 2, 2020\";6\n");
        assertEquals("when, exactly", t.timeColumnName());
        assertEquals("Jan 1, 2020", t.time().label(0));
        assertEquals(TimeFormat.TEXT, t.time().format());
        assertFalse(t.time().hasTimes());
    }

    @Test
    void explicitDelimiterWins() {
        TimeSeriesTable t = TimeSeriesCsvReader.readText("a|b\n1|2\n", "t.csv",
                CsvReadOptions.defaults().withDelimiter('|'));
        assertEquals(List.of("a", "b"), t.columnNames());
    }

    @Test
    void bomCrlfNoFinalNewlineAndBlankLines(@TempDir Path dir) throws Exception {
        byte[] body = "\"Month\",\"Passengers\"\r\n\"1949-01\",112\r\n\r\n\"1949-02\",118".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[body.length + 3];
        bytes[0] = (byte) 0xEF;
        bytes[1] = (byte) 0xBB;
        bytes[2] = (byte) 0xBF;
        System.arraycopy(body, 0, bytes, 3, body.length);
        Path f = dir.resolve("bom.csv");
        Files.write(f, bytes);
        TimeSeriesTable t = TimeSeriesCsvReader.read(f);
        assertEquals("Month", t.timeColumnName());
        assertArrayEquals(new double[] {112, 118}, t.column("Passengers"));
        assertEquals(4, t.sourceLine(1), "the blank line 3 counts in line numbers");
    }

    @Test
    void timeFormats() {
        assertEquals(TimeFormat.DATE, read("day,v\n2020-02-29,1\n").time().format());
        TimeSeriesTable iso = read("t,v\n2020-02-29T13:45:10,1\n2020-02-29T13:46,2\n");
        assertEquals(TimeFormat.ISO_DATE_TIME, iso.time().format());
        assertEquals(LocalDateTime.of(2020, 2, 29, 13, 46), iso.time().time(1));
        TimeSeriesTable space = read("stamp,v\n2020-03-01 07:30:00,1\n2020-03-01 07:31,2\n");
        assertEquals(TimeFormat.DATE_SPACE_TIME, space.time().format());
        assertEquals(LocalDateTime.of(2020, 3, 1, 7, 30), space.time().time(0));
        assertEquals(TimeFormat.TEXT, read("t,v\n2019-02-29,1\n").time().format(), "no Feb 29 in 2019");
    }

    @Test
    void numericFirstColumnMeansNoTimeColumn() {
        TimeSeriesTable t = read("x,y\n1,2\n3,4\n");
        assertNull(t.timeColumnName());
        assertEquals(TimeFormat.ROW_INDEX, t.time().format());
        assertEquals("1", t.time().label(1));
        assertEquals(List.of("x", "y"), t.columnNames());
    }

    @Test
    void timeLikeHeaderWithNumbersIsTheTimeColumn() {
        TimeSeriesTable t = read("year,sales\n2001,5\n2002,6\n");
        assertEquals("year", t.timeColumnName());
        assertEquals(List.of("sales"), t.columnNames());
    }

    @Test
    void namedAndNoTimeColumn() {
        String text = "a,when,b\n1,2020-01,2\n3,2020-02,4\n";
        TimeSeriesTable t = TimeSeriesCsvReader.readText(text, "t.csv", CsvReadOptions.defaults()
                .withTimeColumn("when"));
        assertEquals(List.of("a", "b"), t.columnNames());
        assertEquals(TimeFormat.YEAR_MONTH, t.time().format());
        TimeSeriesTable none = TimeSeriesCsvReader.readText("a,b\n1,2\n", "t.csv",
                CsvReadOptions.defaults().withoutTimeColumn());
        assertEquals(List.of("a", "b"), none.columnNames());
    }

    @Test
    void numbersWithSpacesSignsAndExponents() {
        TimeSeriesTable t = read("v\n 1.5 \n-2\n+3e2\n.5\n");
        assertArrayEquals(new double[] {1.5, -2, 300, 0.5}, t.column("v"));
    }
}
