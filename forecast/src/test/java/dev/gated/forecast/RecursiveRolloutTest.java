package dev.gated.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gated.layer.recurrent.RecurrentKind;
import dev.gated.tensor.Tensor;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The batched rollout is the one-window recursion, window by window, and stops at the part's last row. */
class RecursiveRolloutTest {

    @TempDir
    Path dir;

    @Test
    void eachWindowIsRolledAsTheOneWindowRecursionUntilThePartEnds() {
        Path csv = Series.monthly(dir, 100);
        int t = 12;
        HyperParameters hp = new HyperParameters(4, 1, t, 1, 1, 2, 16, 0.01, 7, 0, 0, 0, true, "adam");
        PreparedData data = PreparedData.prepare(csv, Series.univariate(), hp);
        TrainingRun run = TrainingRun.train(RecurrentKind.GRU, hp, data, List.of());
        Part test = data.test();
        int steps = 5;
        double[] rolled = RecursiveRollout.roll(run.model(), test, steps, true, 3);
        int n = test.count();
        int[] start = test.windows().targetStart();
        for (int i = 0; i < n; i++) {
            double[] window = new double[t];
            for (int j = 0; j < t; j++) {
                window[j] = test.windows().x(i, j, 0);
            }
            for (int s = 0; s < steps; s++) {
                if (start[i] + s >= test.rows().end()) {
                    assertTrue(Double.isNaN(rolled[i * steps + s]), "window " + i + " step " + s + " is past the part");
                    continue;
                }
                double last = window[t - 1];
                float[] x = new float[t];
                for (int j = 0; j < t; j++) {
                    x[j] = (float) (window[j] - last);
                }
                double next = run.model().predict(Tensor.of(x, 1, t, 1)).toFloatArray()[0] + last;
                assertEquals(next, rolled[i * steps + s], 1e-5, "window " + i + " step " + s);
                System.arraycopy(window, 1, window, 0, t - 1);
                window[t - 1] = rolled[i * steps + s];
            }
        }
        assertTrue(Double.isNaN(rolled[(n - 1) * steps + 1]), "the last window has one target row left");
        double[] every3 = RecursiveRollout.roll(run.model(), test, steps, true, 2, 3);
        for (int i = 0; i < n; i++) {
            for (int s = 0; s < steps; s++) {
                double expected = i % 3 == 0 ? rolled[i * steps + s] : Double.NaN;
                assertEquals(expected, every3[i * steps + s], 1e-6, "every 3rd window: " + i + ", step " + s);
            }
        }
    }
}
