package dev.gated.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gated.layer.recurrent.RecurrentKind;
import dev.gated.timeseries.csv.MissingValuePolicy;
import dev.gated.timeseries.scale.ScalerKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Known-future inputs: the window's H extra steps, the saved settings, the future rows of a forecast. */
class KnownFutureTest {

    @TempDir
    Path dir;

    /**
     * Daily rows: sales(t) = 10 + 2·sin(2πt/7) + 6·holiday(t) + noise, holiday(t) 0/1 on about 1 day in 8 (a
     * fixed draw): the holiday of a target row moves that row's value, which no past row tells.
     */
    static String daily(int rows, int blankLast) {
        SplittableRandom random = new SplittableRandom(11);
        StringBuilder sb = new StringBuilder("date,sales,holiday\n");
        java.time.LocalDate d = java.time.LocalDate.of(2020, 1, 1);
        for (int t = 0; t < rows; t++) {
            int holiday = random.nextInt(8) == 0 ? 1 : 0;
            double sales = 10 + 2 * Math.sin(2 * Math.PI * t / 7) + 6 * holiday + 0.2 * random.nextGaussian();
            sb.append(d.plusDays(t)).append(',')
                    .append(t >= rows - blankLast ? "" : String.format(Locale.ROOT, "%.4f", sales)).append(',')
                    .append(holiday).append('\n');
        }
        return sb.toString();
    }

    static DataSpec spec(List<String> knownFuture) {
        return new DataSpec("sales", List.of("sales", "holiday"), null, MissingValuePolicy.ERROR, ScalerKind.MINMAX,
                SplitSpec.parse("0.6,0.2", null, 0), 0, 0, Map.of(), List.of(), knownFuture);
    }

    static HyperParameters hp(int horizon, int epochs, boolean relative) {
        return new HyperParameters(8, 1, 7, horizon, 1, epochs, 16, 0.01, 3, 0, 0, 0, relative);
    }

    @Test
    void theWindowGainsHFutureStepsWithTheKnownInputsAndAFlag() {
        // 1 window, T = 2, F = 3 (inputs 0 and 2 known), H = 2
        float[] x = {1, 2, 3, 4, 5, 6};
        FutureInputs z = new FutureInputs(new int[] {0, 2}, new float[] {7, 8, 9, 10}, 2);
        assertArrayEquals(new float[] {
                1, 2, 3, 0,
                4, 5, 6, 0,
                7, 0, 8, 1,
                9, 0, 10, 1}, z.extend(x, 1, 2, 3, false));
        assertArrayEquals(new float[] {      // relative: minus the last input row (4, 5, 6); unknown ones stay 0
                -3, -3, -3, 0,
                0, 0, 0, 0,
                3, 0, 2, 1,
                5, 0, 4, 1}, z.extend(x, 1, 2, 3, true));
        assertEquals(4, z.steps(2));
    }

    @Test
    void partsFeedTheNetworkTPlusHStepsOfFPlusOneInputs() throws Exception {
        Path csv = Files.writeString(dir.resolve("d.csv"), daily(200, 0));
        PreparedData d = PreparedData.prepare(csv, spec(List.of("holiday")), hp(3, 1, true));
        int n = d.test().count();
        assertArrayEquals(new int[] {n, 7 + 3, 2 + 1}, d.test().inputs().shape());
        // step T + k of window i holds the holiday flag of its target row k, relative to the last input row
        float[] x = d.test().inputs().toFloatArray();
        double[] holiday = d.series().features()[1];
        int i = 5;
        int row = d.test().windows().targetStart()[i];
        for (int k = 0; k < 3; k++) {
            assertEquals(holiday[row + k] - holiday[row - 1], x[(i * 10 + 7 + k) * 3 + 1], 1e-6);
            assertEquals(0, x[(i * 10 + 7 + k) * 3], "the target is unknown at a future step");
            assertEquals(1, x[(i * 10 + 7 + k) * 3 + 2], "the future flag");
        }
        Part slice = d.test().slice("s", 2, 4);
        assertArrayEquals(java.util.Arrays.copyOfRange(x, 2 * 30, 4 * 30), slice.inputs().toFloatArray());
    }

    /** The holiday of the target row is what the past-only model cannot know; the known-future one is told. */
    @Test
    void knowingTheFutureHolidayLowersTheTestErrorWhereItMatters() throws Exception {
        Path csv = Files.writeString(dir.resolve("d.csv"), daily(320, 0));
        double[] rmse = new double[2];
        for (int k = 0; k < 2; k++) {
            PreparedData d = PreparedData.prepare(csv, spec(k == 0 ? List.of() : List.of("holiday")), hp(1, 20, true));
            TrainingRun run = TrainingRun.train(RecurrentKind.GRU, hp(1, 20, true), d, List.of());
            rmse[k] = PartForecast.ofModel(run.model(), d.test(), d.series()).metrics().rmse();
        }
        System.out.printf(Locale.ROOT, "test RMSE past-only %.3f, known-future %.3f%n", rmse[0], rmse[1]);
        assertTrue(rmse[1] < 0.6 * rmse[0], "known-future " + rmse[1] + " vs past-only " + rmse[0]);
    }

    @Test
    void theSettingsRoundTripAndOlderFilesHaveNone() {
        DataSpec s = spec(List.of("holiday"));
        assertEquals(List.of("holiday"), DataSpec.fromMap(s.toMap()).knownFuture());
        assertArrayEquals(new int[] {1}, s.knownFutureInputs());
        Map<String, String> old = new java.util.LinkedHashMap<>(spec(List.of()).toMap());
        assertTrue(old.keySet().stream().noneMatch(key -> key.startsWith("known_future")),
                "a model without known-future inputs writes the keys it wrote before");
        assertEquals(List.of(), DataSpec.fromMap(old).knownFuture());
    }

    @Test
    void aKnownFutureColumnIsAnInputNamedOnceAndNotTheTarget() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> spec(List.of("holiday", "holiday")))
                .getMessage().contains("names the column \"holiday\" twice"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> spec(List.of("sales")))
                .getMessage().contains("--known-future \"sales\" is the target"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> spec(List.of("price")))
                .getMessage().contains("not among the inputs"));
    }

    /**
     * Forecasting from a file whose last H targets are blanked gives what the test part predicted for those
     * rows: the same window, the same known values, the same network.
     */
    @Test
    void aForecastFromFutureRowsEqualsTheLastTestWindow() throws Exception {
        Path full = Files.writeString(dir.resolve("full.csv"), daily(200, 0));
        HyperParameters hp = hp(3, 2, true).withQuantiles(QuantileLevels.parse("0.1,0.5,0.9"));
        PreparedData d = PreparedData.prepare(full, spec(List.of("holiday")), hp);
        TrainingRun run = TrainingRun.train(RecurrentKind.LSTM, hp, d, List.of());
        ForecastModel fm = ForecastModel.of(run, d, full);
        Path saved = dir.resolve("m.gated");
        fm.save(saved);
        ForecastModel loaded = ForecastModel.load(saved);
        PartForecast test = PartForecast.ofModel(run.model(), d.test(), d.series());
        int last = d.test().count() - 1;

        Path future = Files.writeString(dir.resolve("future.csv"), daily(200, 3));
        FutureRows rows = FutureRows.read(future, loaded.data(), 3);
        assertEquals(197, rows.history());
        assertEquals(200, rows.table().rowCount());
        ScaledSeries series = ScaledSeries.of(rows.table(), loaded.data(), loaded.scaler());
        Forecaster.Result r = Forecaster.forecast(loaded, series, rows.history(), 3);
        for (int k = 0; k < 3; k++) {
            assertEquals(test.predicted()[last * 3 + k], r.values()[k], 1e-9, "step " + k);
            assertEquals(test.quantiles().values()[0][last * 3 + k], r.quantiles().values()[0][k], 1e-9);
        }
    }

    @Test
    void missingFutureRowsOrCellsAreNamed() throws Exception {
        DataSpec s = spec(List.of("holiday"));
        Path none = Files.writeString(dir.resolve("none.csv"), daily(50, 0));
        String m = assertThrows(IllegalArgumentException.class, () -> FutureRows.read(none, s, 3)).getMessage();
        assertTrue(m.contains("none.csv") && m.contains("line 51") && m.contains("no row after it")
                && m.contains("add 3 more rows with holiday filled"), m);
        Path one = Files.writeString(dir.resolve("one.csv"), daily(50, 1));
        m = assertThrows(IllegalArgumentException.class, () -> FutureRows.read(one, s, 3)).getMessage();
        assertTrue(m.contains("1 row after it") && m.contains("add 2 more rows"), m);
        List<String> lines = new ArrayList<>(List.of(daily(50, 3).split("\n")));
        lines.set(50, lines.get(50).replaceAll(",[01]$", ","));   // line 51: the second future row
        Path blank = Files.writeString(dir.resolve("blank.csv"), String.join("\n", lines) + "\n");
        m = assertThrows(IllegalArgumentException.class, () -> FutureRows.read(blank, s, 3)).getMessage();
        assertTrue(m.startsWith(blank + " line 51, column \"holiday\": a future row"), m);
    }

    @Test
    void calendarInputsNeedNoFutureRows() throws Exception {
        Path csv = Files.writeString(dir.resolve("d.csv"), daily(60, 0));
        DataSpec s = new DataSpec("sales", List.of("sales", "@weekday"), null, MissingValuePolicy.ERROR,
                ScalerKind.MINMAX, SplitSpec.parse("0.6,0.2", null, 0), 0, 0,
                CalendarFeatures.of(List.of("weekday")), List.of(), List.of("@weekday"));
        FutureRows rows = FutureRows.read(csv, s, 2);
        assertEquals(60, rows.history());
        assertEquals("2020-03-01", rows.table().time().label(60));
        assertEquals(1, rows.table().value(60, "@weekday=7"), "2020-03-01 is a Sunday");
        assertEquals(1, rows.table().value(61, "@weekday=1"));
    }
}
