package dev.gated.timeseries.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MetricsTest {

    // errors A - F = 0, -1, 1, -2
    private static final double[] A = {1, 2, 3, 4};
    private static final double[] F = {1, 3, 2, 6};

    @Test
    void handComputedValues() {
        assertEquals(1.5, Metrics.mse(A, F), 1e-12);                       // (0 + 1 + 1 + 4) / 4
        assertEquals(Math.sqrt(1.5), Metrics.rmse(A, F), 1e-12);
        assertEquals(1.0, Metrics.mae(A, F), 1e-12);                       // (0 + 1 + 1 + 2) / 4
        assertEquals(100 * (0 + 0.5 + 1 / 3.0 + 0.5) / 4, Metrics.mape(A, F), 1e-12);   // 33.33 %
        assertEquals(100 * (0 + 0.4 + 0.4 + 0.4) / 4, Metrics.smape(A, F), 1e-12);      // 2|F-A|/(|A|+|F|): 30 %
        assertEquals(1 - 6 / 5.0, Metrics.r2(A, F), 1e-12);                // SSres 6, SStot 5 → -0.2
        assertEquals(1.0, Metrics.r2(A, A), 0.0);
    }

    @Test
    void mapeSkipsZeroActualsAndFailsIfAllAreZero() {
        assertEquals(50, Metrics.mape(new double[] {0, 2}, new double[] {1, 1}), 1e-12);
        assertEquals(1, Metrics.mapeSkipped(new double[] {0, 2}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Metrics.mape(new double[] {0, 0}, new double[] {1, 1}));
        assertTrue(e.getMessage().startsWith("MAPE is undefined: all 2 actual values are 0"));
        assertEquals(0, Metrics.smape(new double[] {0}, new double[] {0}), 0.0);
        assertEquals(200, Metrics.smape(new double[] {0}, new double[] {3}), 1e-12);
    }

    @Test
    void undefinedOrMismatchedInputsAreErrors() {
        assertThrows(IllegalArgumentException.class, () -> Metrics.r2(new double[] {3, 3}, new double[] {1, 2}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Metrics.mse(new double[] {1, 2}, new double[] {1}));
        assertEquals("2 actual values but 1 predictions; they must pair up one to one", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Metrics.mae(new double[0], new double[0]));
        assertThrows(IllegalArgumentException.class, () -> Metrics.mae(new double[] {Double.NaN}, new double[] {1}));
    }

    @Test
    void reportHasEverythingAndNaNWhereUndefined() {
        MetricReport r = MetricReport.of(A, F);
        assertEquals(4, r.n());
        assertEquals(1.5, r.mse(), 1e-12);
        assertEquals(-0.2, r.r2(), 1e-12);
        assertEquals(30, r.smape(), 1e-12);
        assertEquals(r.rmse(), r.asMap().get("rmse"));
        MetricReport zeros = MetricReport.of(new double[] {0, 0}, new double[] {1, 2});
        assertTrue(Double.isNaN(zeros.mape()));
        assertTrue(Double.isNaN(zeros.r2()));
        assertEquals(2, zeros.mapeSkipped());
    }
}
