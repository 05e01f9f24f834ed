package dev.gated.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gated.layer.recurrent.RecurrentKind;
import dev.gated.timeseries.csv.MissingValuePolicy;
import dev.gated.timeseries.scale.ScalerKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several targets at once: one head of H·M outputs, each target scaled, scored and forecast on its own. */
class MultiTargetTest {

    @TempDir
    Path dir;

    static DataSpec spec() {
        return new DataSpec("Value", null, null, MissingValuePolicy.ERROR, ScalerKind.MINMAX,
                SplitSpec.parse("0.6,0.2", null, 0), 0, 0, Map.of(), List.of(), List.of(), List.of("Value", "Other"));
    }

    @Test
    void theHeadIsTrainedOnEveryTargetInterleavedPerStep() {
        Path csv = Series.monthly(dir, 120);
        HyperParameters hp = new HyperParameters(4, 1, 12, 2, 1, 1, 16, 0.01, 7, 0, 0, 0, true);
        PreparedData d = PreparedData.prepare(csv, spec(), hp);
        assertEquals(List.of("Value", "Other"), d.series().spec().features(), "the targets are the default inputs");
        var set = d.train().dataset();
        int n = d.train().count();
        assertArrayEquals(new int[] {n, 2 * 2}, set.y().shape());
        float[] y = set.y().toFloatArray();
        double[] other = d.series().scaledColumn("Other");
        int i = 3;
        int start = d.train().windows().targetStart()[i];
        assertEquals(other[start + 1] - other[start - 1], y[i * 4 + 1 * 2 + 1], 1e-6,
                "y'(i, k·M + m): Other at step 2, relative to its last input row");
        PreparedData view = d.forTarget("Other");
        assertEquals("Other", view.series().spec().target());
        assertEquals(1, view.series().spec().targetIndex());
        assertArrayEquals(view.test().windows().yAsDoubles(),
                java.util.Arrays.stream(view.test().windows().targetRows()).mapToDouble(r -> other[r]).toArray(), 1e-6);
    }

    @Test
    void eachTargetIsScoredFromItsOutputsAndForecastLikeItsLastTestWindow() throws Exception {
        Path csv = Series.monthly(dir, 120);
        HyperParameters hp = new HyperParameters(4, 1, 12, 2, 1, 2, 16, 0.01, 7, 0, 0, 0, true)
                .withQuantiles(QuantileLevels.parse("0.1,0.5,0.9"));
        PreparedData d = PreparedData.prepare(csv, spec(), hp);
        TrainingRun run = TrainingRun.train(RecurrentKind.GRU, hp, d, List.of());
        int[] out = run.model().outputShapes().get(run.model().outputShapes().size() - 1);
        assertEquals(2 * 2 * 3, out[out.length - 1], "H·M·Q outputs");
        Path file = dir.resolve("two.gated");
        ForecastModel.of(run, d, csv).save(file);
        ForecastModel fm = ForecastModel.load(file);
        assertEquals(List.of("Value", "Other"), fm.data().targets());

        float[] all = run.model().predict(d.test().inputs()).toFloatArray();
        PartForecast other = PartForecast.ofModel(run.model(), d.forTarget("Other").test(),
                d.forTarget("Other").series());
        PartForecast value = PartForecast.ofModel(run.model(), d.forTarget("Value").test(),
                d.forTarget("Value").series());
        int last = d.test().count() - 1;
        double scaled = all[((last * 2 + 1) * 2 + 1) * 3 + 1] + d.forTarget("Other").test().offsets()[last];
        assertEquals(other.predictedScaled()[last * 2 + 1], scaled, 1e-6, "Other's median at step 2 of the last window");
        assertNotEquals(value.metrics().rmse(), other.metrics().rmse());
        assertTrue(value.metrics().rmse() > 1 && other.metrics().rmse() < 1, "each in its own units: Value ~100, "
                + "Other in [-1, 1]: " + value.metrics().rmse() + ", " + other.metrics().rmse());

        // the file without its last 2 rows: the forecast of each target is the last test window's prediction
        List<String> lines = Files.readAllLines(csv);
        Path cut = Files.write(dir.resolve("cut.csv"), lines.subList(0, lines.size() - 2));
        var table = ScaledSeries.read(cut, fm.data());
        for (String t : fm.data().targets()) {
            PartForecast expected = t.equals("Value") ? value : other;
            Forecaster.Result r = Forecaster.forecast(fm, ScaledSeries.of(table, fm.data(), fm.scaler()).forTarget(t), 2);
            for (int k = 0; k < 2; k++) {
                assertEquals(expected.predicted()[last * 2 + k], r.values()[k], 1e-9, t + " step " + k);
                assertEquals(expected.quantiles().upper()[last * 2 + k], r.quantiles().upper()[k], 1e-9);
            }
        }
        assertThrows(Forecaster.UnsupportedForecastException.class, () -> Forecaster.forecast(fm,
                ScaledSeries.of(table, fm.data(), fm.scaler()), 3));
    }

    @Test
    void aTargetNamedTwiceOrAlsoKnownFutureIsRefused() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new DataSpec("A", null, null,
                MissingValuePolicy.ERROR, ScalerKind.MINMAX, SplitSpec.parse("0.6", null, 0), 0, 0, Map.of(),
                List.of(), List.of(), List.of("A", "B", "A"))).getMessage().contains("names the column \"A\" twice"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new DataSpec("A", List.of("A", "B"), null,
                MissingValuePolicy.ERROR, ScalerKind.MINMAX, SplitSpec.parse("0.6", null, 0), 0, 0, Map.of(),
                List.of(), List.of("B"), List.of("A", "B"))).getMessage().contains("--known-future \"B\" is a target"));
        DataSpec one = Series.univariate();
        assertTrue(one.toMap().keySet().stream().noneMatch(k -> k.startsWith("target.")),
                "a one-target model's file looks as before");
        assertEquals(List.of("Value"), DataSpec.fromMap(one.toMap()).targets());
    }
}
