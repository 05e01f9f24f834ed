package dev.gated.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gated.layer.recurrent.RecurrentKind;
import dev.gated.timeseries.TimeAxis;
import dev.gated.timeseries.TimeSeriesTable;
import dev.gated.timeseries.scale.ScalerKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A network trained with the pinball loss of 0.1, 0.5 and 0.9 on a series whose noise is known,
 * y(t) = 10 + 3·sin(2πt/24) + ε(t), ε ~ N(0, 1) independent: the true 80% interval of y(t) given the past is
 * the curve ± 1.2816 (width 2.563), so the learned interval should cover about 80% of the test targets with
 * about that width.
 */
class QuantileHeadTest {

    static final int ROWS = 1500;
    static final double TRUE_WIDTH = 2 * 1.2815516;
    static PreparedData data;
    static TrainingRun run;
    static HyperParameters hp;

    @BeforeAll
    static void train() {
        Random noise = new Random(3);
        String[] labels = new String[ROWS];
        double[] y = new double[ROWS];
        int[] lines = new int[ROWS];
        for (int t = 0; t < ROWS; t++) {
            labels[t] = Integer.toString(t);
            y[t] = 10 + 3 * Math.sin(2 * Math.PI * t / 24) + noise.nextGaussian();
            lines[t] = t + 2;
        }
        TimeSeriesTable table = new TimeSeriesTable("noisy-sine", null, TimeAxis.parse(labels), List.of("y"),
                new double[][] {y}, lines);
        DataSpec spec = new DataSpec("y", null, null, DataSpec.parseMissing("error"), ScalerKind.STANDARD,
                SplitSpec.parse("0.6,0.2", null, 0), 24, 0);
        hp = new HyperParameters(12, 1, 24, 1, 1, 20, 32, 0.01, 11, 4, 0, 0, false, "adam", 0,
                QuantileLevels.parse("0.1,0.5,0.9"));
        data = PreparedData.prepare(table, spec, hp.windowing(), null);
        run = TrainingRun.train(RecurrentKind.GRU, hp, data, List.of());
    }

    @Test
    void theLearnedIntervalCoversNearItsNominalLevelWithTheTrueWidth() {
        PartForecast test = PartForecast.ofModel(run.model(), data.test(), data.series());
        assertNotNull(test.quantiles(), "a pinball-trained network gives quantiles");
        IntervalScore s = test.intervalScore();
        String seen = String.format(Locale.ROOT, "coverage %.3f, width %.3f (true %.3f) after %d epochs",
                s.coverage(), s.meanWidth(), TRUE_WIDTH, run.epochs());
        System.out.println("quantile head on N(0,1) noise: " + seen);
        // 300 test targets: the binomial sd of the coverage is 0.023, so ±0.08 allows for sampling and fit
        assertTrue(Math.abs(s.coverage() - 0.8) <= 0.08, seen);
        assertTrue(s.meanWidth() > 0.8 * TRUE_WIDTH && s.meanWidth() < 1.25 * TRUE_WIDTH, seen);
        double[] lower = test.quantiles().lower();
        double[] upper = test.quantiles().upper();
        for (int i = 0; i < lower.length; i++) {
            assertTrue(lower[i] <= test.predicted()[i] && test.predicted()[i] <= upper[i], "median inside at " + i);
        }
    }

    @Test
    void scoreboardGivesModelAndBaselinesTheirIntervals() {
        Scoreboard board = new Scoreboard();
        board.addModel("gru", "", run.model(), run.seconds(), run.epochs(), data);
        board.addBaselines(data, hp.window(), w -> { }, hp.quantiles());
        List<ResultRow> rows = board.rows();
        ResultRow gru = rows.get(0);
        ResultRow naive = rows.stream().filter(r -> r.model().equals("naive")).findFirst().orElseThrow();
        assertEquals(0.8, gru.intervalNominal(), 1e-12);
        assertNotNull(naive.testCoverage());
        // the naive forecast's error is the difference of two noises plus the curve's change: its residual
        // interval must be wider than the network's for a like coverage
        assertTrue(naive.testIntervalWidth() > gru.testIntervalWidth(), naive + " vs " + gru);
        assertTrue(naive.testQuantileLoss() > gru.testQuantileLoss(), naive + " vs " + gru);
        ResultRow seasonal = rows.stream().filter(r -> r.model().equals("seasonal_naive")).findFirst().orElseThrow();
        // seasonal naive with p = 24: residual ε(t) − ε(t − 24), sd √2, whose own 80% interval covers near 80%
        assertTrue(Math.abs(seasonal.testCoverage() - 0.8) <= 0.08, seasonal.toString());
    }

    @Test
    void savedModelForecastsItsQuantilesAndRefusesToFeedThemBack(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("q.gated");
        ForecastModel.of(run, data, Path.of("noisy-sine.csv")).save(file);
        ForecastModel back = ForecastModel.load(file);
        assertEquals(hp, back.hp());
        Forecaster.Result r = Forecaster.forecast(back, data.series(), 1);
        assertNotNull(r.quantiles());
        double lo = r.quantiles().lower()[0];
        double hi = r.quantiles().upper()[0];
        assertTrue(lo < r.values()[0] && r.values()[0] < hi, lo + " " + r.values()[0] + " " + hi);
        assertTrue(hi - lo > 0.8 * TRUE_WIDTH && hi - lo < 1.25 * TRUE_WIDTH, "width " + (hi - lo));
        var e = assertThrows(Forecaster.UnsupportedForecastException.class,
                () -> Forecaster.forecast(back, data.series(), 3));
        assertTrue(e.getMessage().contains("--horizon 3"), e.getMessage());
    }
}
