package dev.gated.timeseries.split;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gated.timeseries.RowRange;
import java.util.List;
import org.junit.jupiter.api.Test;

class SplitTest {

    @Test
    void byFractionsRoundsDown() {
        ChronologicalSplit s = ChronologicalSplit.byFractions(144, 0.67, 0);
        assertEquals(new RowRange(0, 96), s.train());
        assertTrue(s.validation().isEmpty());
        assertEquals(new RowRange(96, 144), s.test());
        ChronologicalSplit three = ChronologicalSplit.byFractions(100, 0.7, 0.1);
        assertEquals(new RowRange(70, 80), three.validation());
        assertEquals(new RowRange(80, 100), three.test());
    }

    @Test
    void informerAndExplicitRows() {
        assertEquals(ChronologicalSplit.byRows(8640, 11520, 14400), ChronologicalSplit.INFORMER_ETT_HOUR);
        assertEquals(2880, ChronologicalSplit.INFORMER_ETT_HOUR.test().length());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ChronologicalSplit.INFORMER_ETT_HOUR.requireWithin(144));
        assertEquals("the training rows [0, 8640) reach past the end of the series, which has 144 rows "
                + "(valid rows are [0, 144))", e.getMessage());
    }

    @Test
    void partsOutOfOrderOrBadFractionsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ChronologicalSplit(new RowRange(0, 10),
                new RowRange(5, 12), new RowRange(12, 20)));
        assertThrows(IllegalArgumentException.class, () -> ChronologicalSplit.byFractions(100, 0.8, 0.3));
        assertThrows(IllegalArgumentException.class, () -> ChronologicalSplit.byFractions(100, 0, 0.3));
        assertThrows(IllegalArgumentException.class, () -> ChronologicalSplit.byRows(10, 5, 20));
        assertThrows(IllegalArgumentException.class, () -> new RowRange(4, 3));
    }

    @Test
    void rollingOriginExpands() {
        List<Fold> folds = RollingOrigin.expanding(20, 10, 3, 3);
        // origins 10, 13, 16 (19 + 3 > 20)
        assertEquals(3, folds.size());
        assertEquals(new RowRange(0, 10), folds.get(0).train());
        assertEquals(new RowRange(10, 13), folds.get(0).test());
        assertEquals(new RowRange(0, 16), folds.get(2).train());
        assertEquals(new RowRange(16, 19), folds.get(2).test());
        assertEquals(16, folds.get(2).origin());
        for (Fold f : folds) {
            assertEquals(f.train().end(), f.test().start(), "test starts at the origin");
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RollingOrigin.expanding(10, 8, 3, 1));
        assertTrue(e.getMessage().contains("needs initialTrain + testSize = 11 rows but the series has 10"));
    }
}
