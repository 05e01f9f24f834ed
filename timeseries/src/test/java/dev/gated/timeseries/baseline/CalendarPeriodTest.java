package dev.gated.timeseries.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gated.timeseries.RowRange;
import dev.gated.timeseries.TimeAxis;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Issue 14 item 8: the seasonal period prefers what the time column implies, and says so. */
class CalendarPeriodTest {

    static TimeAxis days(int n) {
        String[] labels = new String[n];
        for (int t = 0; t < n; t++) {
            labels[t] = LocalDate.of(2012, 1, 1).plusDays(t).toString();
        }
        return TimeAxis.parse(labels);
    }

    @Test
    void candidatesFollowTheStep() {
        assertEquals(7, CalendarPeriods.of(days(30)).get(0).lag());
        assertEquals(365, CalendarPeriods.of(days(30)).get(1).lag());
        String[] hours = new String[48];
        for (int t = 0; t < hours.length; t++) {
            hours[t] = LocalDateTime.of(2016, 7, 1, 0, 0).plusHours(t).toString().replace('T', ' ');
        }
        assertEquals(24, CalendarPeriods.of(TimeAxis.parse(hours)).get(0).lag());
        String[] months = {"1949-01", "1949-02", "1949-03", "1949-04"};
        assertEquals(12, CalendarPeriods.of(TimeAxis.parse(months)).get(0).lag());
        assertTrue(CalendarPeriods.of(TimeAxis.rowIndex(50)).isEmpty(), "a row index implies nothing");
    }

    @Test
    void dailyNoiseGetsAWeekNotAnAccidentalLag() {
        // daily temperatures: a yearly cycle (longer than the training rows can show) and noise, no weekly season
        Random r = new Random(105);
        int n = 400;
        double[] v = new double[n];
        for (int t = 0; t < n; t++) {
            v[t] = 14 + 10 * Math.sin(2 * Math.PI * t / 365.25) + 3 * r.nextGaussian();
        }
        RowRange train = new RowRange(0, 280);
        SeasonalPeriod blind = PeriodDetector.detect(v, train);
        SeasonalPeriod calendar = PeriodDetector.detect(v, train, days(n));
        assertTrue(blind.lag() != 7, "without the time column the argmax is some lag of no meaning: " + blind);
        assertEquals(7, calendar.lag());
        assertEquals("from the time column: a week of daily rows", calendar.reason());
        assertTrue(blind.reason().contains("autocorrelation") || blind.reason().isEmpty(), blind.reason());
    }

    @Test
    void tooFewRowsFallBackToTheAutocorrelationAndSaySo() {
        double[] v = new double[12];
        for (int t = 0; t < v.length; t++) {
            v[t] = Math.sin(t) + t % 3;
        }
        SeasonalPeriod p = PeriodDetector.detect(v, RowRange.all(12), days(12));
        assertTrue(p.lag() <= 5, p.toString());
        assertTrue(p.reason().contains("need more training rows"), p.reason());
    }
}
