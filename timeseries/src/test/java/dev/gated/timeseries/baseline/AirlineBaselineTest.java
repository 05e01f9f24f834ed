package dev.gated.timeseries.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gated.timeseries.RowRange;
import dev.gated.timeseries.SharedData;
import dev.gated.timeseries.TimeSeriesTable;
import dev.gated.timeseries.csv.TimeSeriesCsvReader;
import dev.gated.timeseries.metrics.Metrics;
import dev.gated.timeseries.split.ChronologicalSplit;
import dev.gated.timeseries.window.InputHistory;
import dev.gated.timeseries.window.WindowMaker;
import dev.gated.timeseries.window.WindowSpec;
import dev.gated.timeseries.window.Windows;
import org.junit.jupiter.api.Test;

/** Baselines on the airline series (train = first 96 months, test = last 48), row for row with the windows. */
class AirlineBaselineTest {

    private final TimeSeriesTable table =
            TimeSeriesCsvReader.read(SharedData.file("airline-passengers/airline-passengers.csv"));
    private final double[] passengers = table.column("Passengers");
    private final ChronologicalSplit split = ChronologicalSplit.byFractions(144, 0.67, 0);

    @Test
    void periodDetectionFindsTwelveMonths() {
        SeasonalPeriod p = PeriodDetector.detect(passengers, split.train());
        assertEquals(12, p.lag());
        assertTrue(p.acf() > 0.7, "ACF of the differences at lag 12 is " + p.acf());
        assertEquals(12, PeriodDetector.detect(passengers, RowRange.all(144)).lag());
        assertEquals(12, SeasonalNaiveBaseline.detected(passengers, split.train()).period());
    }

    @Test
    void seasonalNaiveByHand() {
        Windows test = WindowMaker.make(new double[][] {passengers}, passengers, WindowSpec.of(12), split.test(),
                InputHistory.FROM_EARLIER_ROWS);
        assertEquals(48, test.count());
        assertEquals(96, test.targetStart()[0]);
        double[] predicted = new SeasonalNaiveBaseline(12).predict(passengers, test);
        assertEquals(48, predicted.length);
        // 1957-01 (row 96, actual 315) is forecast by 1956-01 (row 84): 284
        assertEquals("1957-01", table.time().label(test.targetStart()[0]));
        assertEquals("1956-01", table.time().label(84));
        assertEquals(315, test.y(0, 0));
        assertEquals(284, predicted[0]);
        // 1960-12 (row 143) by 1959-12 (row 131)
        assertEquals(passengers[131], predicted[47]);
        double[] actual = test.yAsDoubles();
        double seasonal = Metrics.rmse(actual, predicted);
        double naive = Metrics.rmse(actual, new NaiveBaseline().predict(passengers, test));
        assertEquals(41.853663718, seasonal, 1e-6);
        assertEquals(48.041214944, naive, 1e-6);
    }

    @Test
    void multiStepSeasonalNaiveFromTheEndOfTrain() {
        // origin row 95 (1956-12): h = 1, 2, 3 → rows 84, 85, 86; h = 13 → row 84 again
        double[] p = new SeasonalNaiveBaseline(12).predict(passengers, new int[] {96}, 13);
        assertEquals(284, p[0]);
        assertEquals(277, p[1]);
        assertEquals(317, p[2]);
        assertEquals(284, p[12]);
    }
}
