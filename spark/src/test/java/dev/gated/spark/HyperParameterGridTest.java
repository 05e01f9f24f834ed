package dev.gated.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gated.forecast.HyperParameters;
import dev.gated.layer.recurrent.RecurrentKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class HyperParameterGridTest {

    @Test
    void everyPointKeepsTheBaseSettingsTheGridDoesNotVary() {
        HyperParameters base = new HyperParameters(8, 2, 6, 3, 2, 7, 16, 0.01, 5, 4, 0.1, 1.5, true, "rmsprop", 3);
        HyperParameterGrid grid = new HyperParameterGrid(List.of(RecurrentKind.LSTM, RecurrentKind.GRU),
                List.of(16, 32), List.of(12), List.of(1e-3, 3e-3));
        List<HyperParameterGrid.Point> points = grid.points(base);
        assertEquals(8, points.size());
        assertEquals(RecurrentKind.GRU, points.get(7).cell());
        HyperParameters last = points.get(7).hp();
        assertEquals(new HyperParameters(32, 2, 12, 3, 2, 7, 16, 3e-3, 5, 4, 0.1, 1.5, true, "rmsprop", 3), last,
                "the grid varies units, window and learning rate only; every other setting, the learning-rate "
                        + "plateau included, comes from the base");
    }
}
