package dev.gated.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gated.layer.recurrent.RecurrentKind;
import dev.gated.timeseries.TimeAxis;
import dev.gated.timeseries.TimeSeriesTable;
import dev.gated.timeseries.scale.ScalerKind;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * y(t) = 10 + 3·sin(2πt/24) + σ(t)·ε(t), ε ~ N(0, 1), with σ = 0.5 on the training rows and σ = 1.5 after them:
 * a quantile network learns the narrow 80% interval of the training rows and covers far less than 80% later;
 * calibrated on the validation part (same σ as the test part) it covers near 80% of the test targets.
 */
class ConformalCalibrationTest {

    static final int ROWS = 1500;
    static PreparedData data;
    static TrainingRun run;

    @BeforeAll
    static void train() {
        Random noise = new Random(5);
        String[] labels = new String[ROWS];
        double[] y = new double[ROWS];
        int[] lines = new int[ROWS];
        for (int t = 0; t < ROWS; t++) {
            labels[t] = Integer.toString(t);
            y[t] = 10 + 3 * Math.sin(2 * Math.PI * t / 24) + (t < 900 ? 0.5 : 1.5) * noise.nextGaussian();
            lines[t] = t + 2;
        }
        TimeSeriesTable table = new TimeSeriesTable("shifting-noise", null, TimeAxis.parse(labels), List.of("y"),
                new double[][] {y}, lines);
        DataSpec spec = new DataSpec("y", null, null, DataSpec.parseMissing("error"), ScalerKind.STANDARD,
                SplitSpec.parse("0.6,0.2", null, 0), 24, 0);
        HyperParameters hp = new HyperParameters(8, 1, 24, 1, 1, 8, 32, 0.01, 11, 0, 0, 0, false, "adam", 0,
                QuantileLevels.parse("0.1,0.5,0.9"));
        data = PreparedData.prepare(table, spec, hp.windowing(), null);
        run = TrainingRun.train(RecurrentKind.GRU, hp, data, List.of());
    }

    @Test
    void theCalibratedIntervalCoversNearItsNominalLevelWhereTheRawOneDoesNot() {
        var model = run.model();
        double raw = PartForecast.ofModel(model, data.test(), data.series()).intervalScore().coverage();
        ConformalCalibration c = ConformalCalibration.fit(model, data.validation());
        c.stampInto(model);
        try {
            PartForecast test = PartForecast.ofModel(model, data.test(), data.series());
            double calibrated = test.intervalScore().coverage();
            String seen = String.format(Locale.ROOT, "test coverage raw %.3f, calibrated %.3f, Q %.3f (scaled)", raw,
                    calibrated, c.outerCorrection(0));
            System.out.println("conformal: " + seen);
            assertTrue(raw < 0.6, seen);
            // 300 test targets, binomial sd 0.023
            assertTrue(Math.abs(calibrated - 0.8) <= 0.08, seen);
            assertTrue(c.outerCorrection(0) > 0, "a too narrow interval is widened: " + seen);
            for (int i = 0; i < test.predicted().length; i++) {
                assertTrue(test.quantiles().lower()[i] <= test.predicted()[i]
                        && test.predicted()[i] <= test.quantiles().upper()[i], "median inside at " + i);
            }
        } finally {
            model.metadata().keySet().removeIf(k -> k.startsWith(ConformalCalibration.PREFIX));
        }
    }

    @Test
    void theCorrectionIsTheScoreOfRankCeilNPlusOneTimesTheCoverage() {
        var model = run.model();
        Part validation = data.validation();
        ConformalCalibration c = ConformalCalibration.fit(model, validation);
        // the scores by hand, on the model's scale, from the raw forecast in file units
        PartForecast raw = PartForecast.ofModel(model, validation, data.series());
        int n = validation.count();
        double[] scores = new double[n];
        double scale = data.series().scale(new double[] {1})[0] - data.series().scale(new double[] {0})[0];
        for (int i = 0; i < n; i++) {
            scores[i] = Math.max(raw.quantiles().lower()[i] - raw.actual()[i], raw.actual()[i]
                    - raw.quantiles().upper()[i]) * scale;
        }
        Arrays.sort(scores);
        int j = (int) Math.ceil((n + 1) * 0.8);
        assertEquals(scores[j - 1], c.outerCorrection(0), 1e-4);
        assertEquals(-c.outerCorrection(0), c.shift()[0][0], 0.0);
        assertEquals(0.0, c.shift()[1][0], 0.0, "the median is not moved");
        assertEquals(n, c.windows());
    }

    @Test
    void aSavedModelAppliesItsCorrectionInEvaluateAndForecast(@TempDir Path dir) throws Exception {
        var model = run.model();
        ConformalCalibration c = ConformalCalibration.fit(model, data.validation());
        c.stampInto(model);
        Path file = dir.resolve("calibrated.gated");
        try {
            ForecastModel.of(run, data, Path.of("shifting-noise.csv")).save(file);
            PartForecast here = PartForecast.ofModel(model, data.test(), data.series());
            ForecastModel back = ForecastModel.load(file);
            ConformalCalibration read = ConformalCalibration.of(back.network());
            assertArrayEquals(c.shift()[2], read.shift()[2], 0.0);
            PartForecast there = PartForecast.ofModel(back.network(), data.test(), data.series());
            assertArrayEquals(here.quantiles().upper(), there.quantiles().upper(), 1e-9);
            Forecaster.Result r = Forecaster.forecast(back, data.series(), 1);
            model.metadata().keySet().removeIf(k -> k.startsWith(ConformalCalibration.PREFIX));
            assertNull(ConformalCalibration.of(model));
            Forecaster.Result rawForecast = Forecaster.forecast(ForecastModel.of(run, data, Path.of("x.csv")),
                    data.series(), 1);
            double widening = (r.quantiles().upper()[0] - r.quantiles().lower()[0])
                    - (rawForecast.quantiles().upper()[0] - rawForecast.quantiles().lower()[0]);
            double q = c.outerCorrection(0) / (data.series().scale(new double[] {1})[0]
                    - data.series().scale(new double[] {0})[0]);
            assertEquals(2 * q, widening, 1e-4, "forecast widens the interval by 2·Q in file units");
        } finally {
            model.metadata().keySet().removeIf(k -> k.startsWith(ConformalCalibration.PREFIX));
        }
    }

    @Test
    void aPointModelOrALopsidedSetOfLevelsIsRefused() {
        HyperParameters hp = Series.small(1);
        PreparedData monthly = PreparedData.prepare(Series.monthlyTable(120), Series.univariate(), hp.windowing(), null);
        TrainingRun point = TrainingRun.train(RecurrentKind.GRU, hp, monthly, List.of());
        var e = assertThrows(IllegalArgumentException.class,
                () -> ConformalCalibration.fit(point.model(), monthly.validation()));
        assertTrue(e.getMessage().contains("--quantiles"), e.getMessage());
        TrainingRun upper = TrainingRun.train(RecurrentKind.GRU, hp.withQuantiles(QuantileLevels.parse("0.5,0.9")),
                monthly, List.of());
        var e2 = assertThrows(IllegalArgumentException.class,
                () -> ConformalCalibration.fit(upper.model(), monthly.validation()));
        assertTrue(e2.getMessage().contains("each side of 0.5"), e2.getMessage());
    }
}
