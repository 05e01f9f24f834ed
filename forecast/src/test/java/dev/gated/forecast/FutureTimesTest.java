package dev.gated.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.gated.timeseries.TimeAxis;
import org.junit.jupiter.api.Test;

class FutureTimesTest {

    @Test
    void monthsContinueByCalendarMonth() {
        TimeAxis axis = TimeAxis.parse(new String[] {"1960-11", "1960-12"});
        assertArrayEquals(new String[] {"1961-01", "1961-02"}, FutureTimes.after(axis, 2));
    }

    @Test
    void monthEndDatesStayMonthly() {
        TimeAxis axis = TimeAxis.parse(new String[] {"2020-01-31", "2020-02-29"});
        assertArrayEquals(new String[] {"2020-03-29"}, FutureTimes.after(axis, 1));
        TimeAxis firsts = TimeAxis.parse(new String[] {"2020-01-01", "2020-02-01"});
        assertArrayEquals(new String[] {"2020-03-01", "2020-04-01"}, FutureTimes.after(firsts, 2));
    }

    @Test
    void hoursContinueByTheLastStep() {
        TimeAxis axis = TimeAxis.parse(new String[] {"2018-06-26 18:00:00", "2018-06-26 19:00:00"});
        assertArrayEquals(new String[] {"2018-06-26 20:00:00", "2018-06-26 21:00:00"}, FutureTimes.after(axis, 2));
    }

    @Test
    void rowIndicesAndText() {
        assertArrayEquals(new String[] {"3", "4"}, FutureTimes.after(TimeAxis.rowIndex(3), 2));
        assertArrayEquals(new String[] {"+1", "+2"}, FutureTimes.after(TimeAxis.parse(new String[] {"a", "b"}), 2));
    }
}
