package dev.gated.forecast;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gated.layer.Dense;
import dev.gated.loss.Loss;
import dev.gated.model.EpochRecord;
import dev.gated.model.Sequential;
import dev.gated.optim.Adam;
import org.junit.jupiter.api.Test;

/** The guard lets noisy but healthy training through and stops a loss that explodes while staying finite. */
class DivergenceGuardTest {

    private final Sequential model = compiled();

    private static Sequential compiled() {
        Sequential m = Sequential.input(2, 1).add(new Dense(1));
        m.compile(new Adam(0.5), Loss.mse());
        return m;
    }

    @Test
    void noisyHealthyLossesPass() {
        DivergenceGuard guard = new DivergenceGuard();
        double[] epochLosses = {0.3, 0.05, 0.004, 0.0009, 0.002, 0.0007};
        assertDoesNotThrow(() -> {
            for (int e = 0; e < epochLosses.length; e++) {
                for (int b = 0; b < 20; b++) {
                    guard.onBatchEnd(model, e, b, epochLosses[e] * (b % 3 == 0 ? 20 : 0.5)); // spiky batches
                }
                guard.onEpochEnd(model, new EpochRecord(e, epochLosses[e], Double.NaN, 0.5, 0.1));
            }
        }, "a spiky but falling loss is not divergence");
    }

    @Test
    void aBatchLossTenThousandTimesTheFirstStopsTraining() {
        DivergenceGuard guard = new DivergenceGuard();
        guard.onBatchEnd(model, 0, 0, 0.4);
        guard.onBatchEnd(model, 0, 1, 300);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> guard.onBatchEnd(model, 0, 2, 1e6));
        assertTrue(e.getMessage().contains("epoch 1, batch 3") && e.getMessage().contains("first batch's loss was 0.4")
                && e.getMessage().contains("learning rate (now 0.5)"), e.getMessage());
    }

    @Test
    void anEpochLossAHundredTimesTheLowestStopsTraining() {
        DivergenceGuard guard = new DivergenceGuard();
        guard.onBatchEnd(model, 0, 0, 2);
        guard.onEpochEnd(model, new EpochRecord(0, 0.02, Double.NaN, 0.5, 0.1));
        guard.onEpochEnd(model, new EpochRecord(1, 1.5, Double.NaN, 0.5, 0.1));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> guard.onEpochEnd(model, new EpochRecord(2, 2.5, Double.NaN, 0.5, 0.1)));
        assertTrue(e.getMessage().contains("lowest epoch loss was 0.02"), e.getMessage());
    }
}
