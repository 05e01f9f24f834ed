package dev.gated.timeseries.csv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gated.timeseries.TimeSeriesTable;
import org.junit.jupiter.api.Test;

class MissingValuePolicyTest {

    // rows:            0    1    2   3    4    5    6
    private static final String GAPS = "t,a,b\n"
            + "d0,,10\n" + "d1,2,NA\n" + "d2,,30\n" + "d3,,40\n" + "d4,8,50\n" + "d5,9,n/a\n" + "d6,?,70\n";

    private static TimeSeriesTable read(MissingValuePolicy p) {
        return TimeSeriesCsvReader.readText(GAPS, "gaps.csv", CsvReadOptions.defaults().withMissingValues(p));
    }

    @Test
    void interpolateLinearlyAndTakeTheNearestValueAtTheEdges() {
        TimeSeriesTable t = read(MissingValuePolicy.INTERPOLATE);
        // a: leading gap → 2; rows 2,3 between 2 (row 1) and 8 (row 4): 2 + 6·1/3 = 4, 2 + 6·2/3 = 6; trailing → 9
        assertArrayEquals(new double[] {2, 2, 4, 6, 8, 9, 9}, t.column("a"), 1e-12);
        assertArrayEquals(new double[] {10, 20, 30, 40, 50, 60, 70}, t.column("b"), 1e-12);
    }

    @Test
    void forwardFill() {
        TimeSeriesTable t = read(MissingValuePolicy.FORWARD_FILL);
        assertArrayEquals(new double[] {2, 2, 2, 2, 8, 9, 9}, t.column("a"));
        assertArrayEquals(new double[] {10, 10, 30, 40, 50, 50, 70}, t.column("b"));
    }

    @Test
    void dropRemovesWholeRowsAndKeepsLabelsAndLines() {
        TimeSeriesTable t = read(MissingValuePolicy.DROP);
        assertEquals(1, t.rowCount());
        assertEquals("d4", t.time().label(0));
        assertEquals(6, t.sourceLine(0));
        assertArrayEquals(new double[] {50}, t.column("b"));
    }

    @Test
    void aColumnWithNoValueCannotBeFilled() {
        CsvFormatException e = assertThrows(CsvFormatException.class, () -> TimeSeriesCsvReader.readText(
                "t,a\nx,\ny,NA\n", "none.csv", CsvReadOptions.defaults().withMissingValues(MissingValuePolicy.INTERPOLATE)));
        assertTrue(e.getMessage().startsWith("none.csv column \"a\" (2): every cell is missing"), e.getMessage());
        assertThrows(CsvFormatException.class, () -> TimeSeriesCsvReader.readText(
                "t,a\nx,\n", "none.csv", CsvReadOptions.defaults().withMissingValues(MissingValuePolicy.DROP)));
    }
}
