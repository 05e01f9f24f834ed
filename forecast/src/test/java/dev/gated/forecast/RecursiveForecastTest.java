package dev.gated.forecast;

import dev.gated.layer.recurrent.RecurrentKind;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gated.tensor.Tensor;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recursive multi-step forecasts feed each prediction back as the next input, in absolute (scaled) values,
 * whether the network sees absolute windows or windows relative to their last value.
 */
class RecursiveForecastTest {

    @TempDir
    Path dir;

    @Test
    void relativeModelsFeedBackAbsoluteValues() throws Exception {
        Path csv = Series.monthly(dir, 100);
        int t = 12;
        HyperParameters hp = new HyperParameters(4, 1, t, 1, 1, 2, 16, 0.01, 7, 0, 0, 0, true, "adam");
        PreparedData data = PreparedData.prepare(csv, Series.univariate(), hp);
        TrainingRun run = TrainingRun.train(RecurrentKind.GRU, hp, data, List.of());
        ForecastModel model = ForecastModel.of(run, data, csv);

        Forecaster.Result result = Forecaster.forecast(model, data.series(), 3);
        assertEquals("recursive", result.method());

        double[] target = data.series().target();
        double[] window = new double[t];
        System.arraycopy(target, target.length - t, window, 0, t);
        float[] expected = new float[3];
        for (int step = 0; step < 3; step++) {
            double last = window[t - 1];
            float[] x = new float[t];
            for (int j = 0; j < t; j++) {
                x[j] = (float) (window[j] - last);
            }
            float change = run.model().predict(Tensor.of(x, 1, t, 1)).toFloatArray()[0];
            expected[step] = (float) (change + last);
            System.arraycopy(window, 1, window, 0, t - 1);
            window[t - 1] = expected[step];
        }
        assertArrayEquals(data.series().unscale(expected), result.values(), 1e-9);
    }
}
