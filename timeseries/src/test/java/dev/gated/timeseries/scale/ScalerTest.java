package dev.gated.timeseries.scale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gated.timeseries.RowRange;
import dev.gated.timeseries.SharedData;
import dev.gated.timeseries.TimeSeriesTable;
import dev.gated.timeseries.csv.TimeSeriesCsvReader;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ScalerTest {

    private static final List<String> AB = List.of("a", "b");

    @Test
    void minMaxIsFittedOnTheTrainingRowsOnly() {
        // train rows [0, 4): a = 1..4; the test row 4 has 100, which must not become the max
        double[][] cols = {{1, 2, 3, 4, 100}, {10, 30, 20, 50, 0}};
        MinMaxScaler s = MinMaxScaler.fit(cols, AB, new RowRange(0, 4));
        assertEquals(4, s.max(0));
        assertEquals(1, s.min(0));
        assertArrayEquals(new double[] {0, 1 / 3.0, 2 / 3.0, 1, 33}, s.transform("a", cols[0]), 1e-12);
        assertArrayEquals(new double[] {0, 0.5, 0.25, 1, -0.25}, s.transform("b", cols[1]), 1e-12);
        assertArrayEquals(cols[0], s.inverse("a", s.transform("a", cols[0])), 1e-12);
    }

    @Test
    void minMaxToAGivenRange() {
        MinMaxScaler s = MinMaxScaler.fit(new double[][] {{0, 5, 10}}, List.of("v"), RowRange.all(3), -1, 1,
                ConstantColumnPolicy.REJECT);
        assertArrayEquals(new double[] {-1, 0, 1}, s.transform("v", new double[] {0, 5, 10}), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> MinMaxScaler.fit(new double[][] {{0, 1}}, List.of("v"),
                RowRange.all(2), 1, 1, ConstantColumnPolicy.REJECT));
    }

    @Test
    void standardUsesPopulationStdOfTrainRows() {
        // 2 4 4 4 5 5 7 9: mean 5, population σ 2; the last value (1000) is not a training row
        double[] v = {2, 4, 4, 4, 5, 5, 7, 9, 1000};
        StandardScaler s = StandardScaler.fit(new double[][] {v}, List.of("v"), new RowRange(0, 8));
        assertEquals(5, s.mean(0), 1e-12);
        assertEquals(2, s.std(0), 1e-12);
        assertEquals(-1.5, s.transform(0, 2), 1e-12);
        assertEquals(497.5, s.transform(0, 1000), 1e-12);
        assertEquals(9, s.inverse(0, 2), 1e-12);
    }

    @Test
    void inverseOfTheTargetColumnAloneUnScalesPredictions() {
        double[][] cols = {{1, 2, 3}, {100, 200, 300}};
        Scaler s = StandardScaler.fit(cols, AB, RowRange.all(3));
        float[] predictionsScaled = {(float) s.transform(1, 250), (float) s.transform(1, 150)};
        assertArrayEquals(new double[] {250, 150}, s.inverse("b", predictionsScaled), 1e-4);
        assertArrayEquals(cols[1], s.inverse(s.transform(cols))[1], 1e-12);
    }

    @Test
    void parametersRoundTripExactlyThroughMapAndProperties() {
        double[][] cols = {{0.1, 0.7, 0.3333333333333333}, {1e-9, 3.14159, -2.5}};
        for (Scaler s : new Scaler[] {MinMaxScaler.fit(cols, AB, new RowRange(0, 2)),
                StandardScaler.fit(cols, AB, RowRange.all(3))}) {
            Map<String, String> map = s.toMap();
            Scaler back = Scaler.fromMap(map);
            assertEquals(s.kind(), back.kind());
            assertEquals(AB, back.columnNames());
            Properties p = s.toProperties("scaler.");
            assertEquals(s.kind(), p.getProperty("scaler.kind"));
            Scaler fromProps = Scaler.fromProperties(p, "scaler.");
            for (int c = 0; c < 2; c++) {
                for (double v : cols[c]) {
                    assertEquals(s.transform(c, v), back.transform(c, v), 0.0, "exact after the map");
                    assertEquals(s.transform(c, v), fromProps.transform(c, v), 0.0, "exact after properties");
                }
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Scaler.fromMap(Map.of("kind", "robust")));
        assertTrue(e.getMessage().contains("unknown scaler kind \"robust\""));
    }

    @Test
    void constantColumnIsRefusedWithItsName() {
        double[][] cols = {{1, 2, 3, 4}, {7, 7, 7, 8}};
        IllegalArgumentException std = assertThrows(IllegalArgumentException.class,
                () -> StandardScaler.fit(cols, AB, new RowRange(0, 3)));
        assertTrue(std.getMessage().startsWith("standard scaler: column \"b\" is constant (every value is 7.0) on "
                + "the fit rows [0, 3) (the training part)"), std.getMessage());
        IllegalArgumentException mm = assertThrows(IllegalArgumentException.class,
                () -> MinMaxScaler.fit(cols, AB, new RowRange(0, 3)));
        assertTrue(mm.getMessage().contains("column \"b\" is constant"), mm.getMessage());
    }

    @Test
    void allowedConstantColumnScalesToZeroAndBack() {
        double[][] cols = {{5, 5, 5}};
        for (Scaler s : new Scaler[] {
                StandardScaler.fit(cols, List.of("c"), RowRange.all(3), ConstantColumnPolicy.ALLOW),
                MinMaxScaler.fit(cols, List.of("c"), RowRange.all(3), 0, 1, ConstantColumnPolicy.ALLOW)}) {
            assertArrayEquals(new double[] {0, 0, 0}, s.transform("c", cols[0]), 0.0, s.kind());
            assertEquals(5, s.inverse(0, 0.3), 0.0);
            assertEquals(0, Scaler.fromMap(s.toMap()).transform(0, 5), 0.0);
        }
    }

    @Test
    void badFitInputs() {
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> StandardScaler.fit(new double[][] {{1, Double.NaN}}, List.of("v"), RowRange.all(2)));
        assertEquals("column \"v\" has NaN at row 1; a scaler can only be fitted on finite values", nan.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> StandardScaler.fit(new double[][] {{1, 2}}, List.of("v"), new RowRange(0, 3)));
        assertThrows(IllegalArgumentException.class,
                () -> StandardScaler.fit(new double[][] {{1, 2}}, List.of("v"), new RowRange(1, 1)));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> StandardScaler.fit(new double[][] {{1, 2}}, List.of("v"), RowRange.all(2)).columnIndex("w"));
        assertTrue(missing.getMessage().contains("no column \"w\""));
        assertEquals(ScalerKind.MINMAX, ScalerKind.parse("min-max"));
        assertEquals(ScalerKind.STANDARD, ScalerKind.parse("zscore"));
    }

    @Test
    void airlineTestPartMaxIsNotUsed() {
        TimeSeriesTable t = TimeSeriesCsvReader.read(SharedData.file("airline-passengers/airline-passengers.csv"));
        double[] passengers = t.column("Passengers");
        RowRange train = new RowRange(0, 96);
        MinMaxScaler s = MinMaxScaler.fit(new double[][] {passengers}, List.of("Passengers"), train);
        double trainMax = 0;
        for (int i = 0; i < 96; i++) {
            trainMax = Math.max(trainMax, passengers[i]);
        }
        assertEquals(413, trainMax, "1949..1956 peak, July 1956");
        assertEquals(trainMax, s.max(0));
        assertEquals(104, s.min(0));
        double[] scaled = s.transform("Passengers", passengers);
        assertTrue(scaled[143 - 5] > 1, "the 1960 peak (622) lies above the training range");
        assertEquals((622 - 104) / (413.0 - 104), s.transform(0, 622), 1e-12);
    }
}
