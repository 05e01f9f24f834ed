package dev.gated.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gated.forecast.HyperParameters;
import dev.gated.forecast.TuneSearch;
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

    @Test
    void aTuneSearchSpaceGivesTheTrialsGatedTuneDraws() {
        HyperParameters base = new HyperParameters(8, 1, 6, 1, 1, 7, 16, 0.01, 5, 4, 0, 0, true);
        TuneSearch.Space space = new TuneSearch.Space(List.of(RecurrentKind.LSTM, RecurrentKind.GRU), List.of(6, 12),
                List.of(16, 32), List.of(1e-3), List.of(1, 2), List.of(0.0, 0.2));
        List<HyperParameterGrid.Point> points = HyperParameterGrid.search(space, base, 5, 9);
        List<TuneSearch.Candidate> tune = TuneSearch.order(space, base, 9);
        assertEquals(5, points.size());
        for (int i = 0; i < 5; i++) {
            assertEquals(tune.get(i).kind(), points.get(i).cell());
            assertEquals(tune.get(i).hp(), points.get(i).hp());
        }
        assertEquals(32, HyperParameterGrid.search(space, base, 100, 9).size(), "at most the whole grid");
        assertTrue(HyperParameterGrid.search(space, base, 32, 9).stream().anyMatch(p -> p.hp().layers() == 2
                && p.hp().dropout() == 0.2), "layers and dropout are searched");
    }
}
