package dev.gated.forecast;

import dev.gated.layer.recurrent.RecurrentKind;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gated.model.Sequential;
import org.junit.jupiter.api.Test;

/** The memory estimate counts at least the parameters the network really has, and not many more. */
class MemoryEstimateTest {

    @Test
    void parameterCountIsAnUpperBoundWithinTenPercent() {
        for (RecurrentKind kind : RecurrentKind.values()) {
            for (int[] c : new int[][] {{1, 1, 1, 1}, {50, 1, 1, 1}, {32, 3, 4, 24}, {7, 2, 9, 3}}) {
                HyperParameters hp = new HyperParameters(c[0], c[1], 12, c[3], 1, 1, 32, 0.001, 1, 0, 0, 0, false);
                Sequential model = Networks.build(kind, hp, c[2]);
                long estimated = MemoryEstimate.of(kind, hp, c[2], 0).modelBytes() / (4 * Float.BYTES);
                long actual = model.parameterCount();
                String what = kind + " units " + c[0] + " layers " + c[1] + " features " + c[2] + " horizon " + c[3]
                        + ": estimated " + estimated + ", actual " + actual;
                assertTrue(estimated >= actual && estimated <= actual * 1.1 + 8, what);
            }
        }
    }

    @Test
    void theDefaultsFitAndAnImpossibleRequestNamesItsLargestPart() {
        HyperParameters defaults = new HyperParameters(50, 1, 10, 1, 1, 20, 32, 0.001, 42, 0, 0, 0, false);
        assertDoesNotThrow(() -> MemoryEstimate.of(RecurrentKind.LSTM, defaults, 1, 100_000).requireFits(256L << 20));
        HyperParameters huge = new HyperParameters(16_384, 8, 10, 1, 1, 20, 32, 0.001, 42, 0, 0, 0, false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MemoryEstimate.of(RecurrentKind.GRU, huge, 1, 100).requireFits(8L << 30));
        assertTrue(e.getMessage().contains("weights, gradients and optimizer state")
                && e.getMessage().contains("--units") && e.getMessage().contains("8.0 GB"), e.getMessage());
    }
}
