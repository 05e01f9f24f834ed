package dev.gated.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gated.timeseries.TimeAxis;
import dev.gated.timeseries.TimeSeriesTable;
import dev.gated.timeseries.scale.ScalerKind;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** The automatic settings: each choice follows from the data as AutoSettings documents, and each can be overridden. */
class AutoSettingsTest {

    /** n rows, one every {@code minutes}, from 2020-01-01, value v(t) + noise. */
    private static TimeSeriesTable table(int n, long minutes, IntFunction<Double> v) {
        String[] labels = new String[n];
        double[] values = new double[n];
        int[] lines = new int[n];
        LocalDateTime t0 = LocalDateTime.of(2020, 1, 1, 0, 0);
        Random noise = new Random(1);
        for (int t = 0; t < n; t++) {
            labels[t] = t0.plusMinutes(t * minutes).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
            values[t] = v.apply(t) + 0.1 * noise.nextGaussian();
            lines[t] = t + 2;
        }
        return new TimeSeriesTable("test.csv", "date", TimeAxis.parse(labels), List.of("y"), new double[][] {values},
                lines);
    }

    private static DataSpec data(String split) {
        return new DataSpec("y", null, null, DataSpec.parseMissing("error"), ScalerKind.MINMAX,
                SplitSpec.parse(split, null, 0), 0, 0);
    }

    private static AutoSettings.Settled auto(TimeSeriesTable table, String split, TrainingChoices choices) {
        return AutoSettings.settle(Preset.AUTO, choices, table, data(split));
    }

    private static boolean says(AutoSettings.Settled s, String text) {
        return s.notes().stream().anyMatch(n -> n.contains(text));
    }

    @Test
    void dailyRowsGetTwoWeeksRelativeWindowsValidationAndEarlyStopping() {
        TimeSeriesTable daily = table(700, 1440, t -> 10 * Math.sin(2 * Math.PI * t / 7) + 0.05 * t);
        AutoSettings.Settled s = auto(daily, "0.67", TrainingChoices.none());
        HyperParameters hp = s.hp();
        assertEquals(14, hp.window(), s.notes().toString());
        assertTrue(says(s, "a week of daily rows"), s.notes().toString());
        assertTrue(hp.relative());
        assertEquals(0.2, s.data().split().validationSplit());
        assertEquals(1, hp.stride());
        int windows = (int) Math.floor((469 - 14) * 0.8);           // ⌊0.67·700⌋ = 469 training rows
        assertEquals(8, hp.batch(), "fewer than 500 windows: " + windows);
        int steps = (windows + 7) / 8;
        assertEquals(Math.max(30, Math.min(300, (8000 + steps - 1) / steps)), hp.epochs());
        assertEquals(10, hp.patience(), "⌈150 / " + steps + "⌉ is below the floor of 10");
        assertEquals(5, hp.plateau());
        assertTrue(s.notes().stream().anyMatch(n -> n.startsWith("--epochs " + hp.epochs() + ":")), s.notes().toString());
    }

    @Test
    void hourlyAndMonthlyRowsTakeTheirCalendarPeriods() {
        AutoSettings.Settled hourly = auto(table(2000, 60, t -> 5 * Math.sin(2 * Math.PI * t / 24)), "0.7",
                TrainingChoices.none());
        assertEquals(24, hourly.hp().window(), hourly.notes().toString());
        assertTrue(says(hourly, "a day of hourly rows"), hourly.notes().toString());
        TimeSeriesTable monthly = Series.monthlyTable(144);
        AutoSettings.Settled m = AutoSettings.settle(Preset.AUTO, TrainingChoices.none(), monthly,
                new DataSpec("Value", null, null, DataSpec.parseMissing("error"), ScalerKind.MINMAX,
                        SplitSpec.parse("0.67", null, 0), 0, 0));
        assertEquals(12, m.hp().window(), m.notes().toString());
        assertTrue(says(m, "a year of monthly rows"), m.notes().toString());
    }

    @Test
    void smallDataGetsMorePatienceLargeDataLargerBatches() {
        AutoSettings.Settled small = auto(table(150, 1440, t -> Math.sin(2 * Math.PI * t / 7)), "0.67",
                TrainingChoices.none());
        int windows = (int) Math.floor((100 - 14) * 0.8);   // ⌊0.67·150⌋ = 100 training rows
        int steps = (windows + 7) / 8;
        assertEquals(8, small.hp().batch());
        assertEquals((150 + steps - 1) / steps, small.hp().patience(), small.notes().toString());
        assertTrue(small.hp().patience() > 10, "few steps per epoch: more patience than the floor");
        AutoSettings.Settled large = auto(table(20_000, 60, t -> Math.sin(2 * Math.PI * t / 24)), "0.7",
                TrainingChoices.none().withWindow(24));
        assertEquals(64, large.hp().batch(), large.notes().toString());
    }

    @Test
    void longSeriesAreStridedSoAnEpochStaysAffordable() {
        AutoSettings.Settled s = auto(table(8_000, 60, t -> Math.sin(2 * Math.PI * t / 24)), "0.7",
                TrainingChoices.none().withWindow(168));
        int windows = (int) Math.floor((5_600 - 168) * 0.8);
        assertEquals((int) Math.ceil(windows * 168.0 / 400_000), s.hp().stride(), s.notes().toString());
        assertTrue(s.hp().stride() > 1);
    }

    @Test
    void everyGivenSettingWinsAndIsNotReportedAsChosen() {
        TimeSeriesTable daily = table(700, 1440, t -> Math.sin(2 * Math.PI * t / 7));
        TrainingChoices given = new TrainingChoices(8, 2, 30, 2, 3, 5, 16, 0.01, 9L, 0, 0.1, 1.0, false, "rmsprop", 0,
                0.1);
        AutoSettings.Settled s = auto(daily, "0.67", given);
        assertEquals(new HyperParameters(8, 2, 30, 2, 3, 5, 16, 0.01, 9, 0, 0.1, 1.0, false, "rmsprop", 0), s.hp());
        assertEquals(0.1, s.data().split().validationSplit());
        assertFalse(says(s, "--window"), s.notes().toString());
        assertFalse(says(s, "--epochs"), s.notes().toString());
        assertFalse(says(s, "--relative"), s.notes().toString());
    }

    @Test
    void aSplitWithItsOwnValidationPartIsNotSplitAgain() {
        AutoSettings.Settled s = auto(table(700, 1440, t -> Math.sin(t / 3.0)), "0.6,0.2", TrainingChoices.none());
        assertEquals(0.0, s.data().split().validationSplit());
        assertTrue(says(s, "has a validation part"), s.notes().toString());
    }

    @Test
    void kerasTutorialIsTheOldFixedSettingsWithoutReadingTheData() {
        AutoSettings.Settled s = AutoSettings.settle(Preset.KERAS_TUTORIAL, TrainingChoices.none(), null, data("0.67"));
        assertEquals(new HyperParameters(50, 1, 10, 1, 1, 20, 32, 0.001, 42, 0, 0, 0, false, "adam", 0), s.hp());
        assertEquals(0.0, s.data().split().validationSplit());
        assertTrue(s.notes().isEmpty());
    }

    @Test
    void anOutOfRangeChoiceNamesItsOption() {
        TrainingChoices bad = TrainingChoices.none().withEpochs(0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> auto(table(300, 1440, t -> Math.sin(t)), "0.67", bad));
        assertTrue(e.getMessage().contains("--epochs"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Preset.parse("keras"));
    }
}
