package dev.gated.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gated.layer.recurrent.RecurrentKind;
import dev.gated.timeseries.TimeSeriesTable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The search ranks on the validation part only: changing every test value changes nothing it chooses. */
class TuneSearchTest {

    static final TuneSearch.Space SPACE = new TuneSearch.Space(List.of(RecurrentKind.GRU, RecurrentKind.LSTM),
            List.of(6, 12), List.of(2, 4), List.of(0.01, 0.03));
    static final HyperParameters BASE = Series.small(1);

    /** The monthly series with the rows of the test part (the last 20% of 120) replaced by other values. */
    static TimeSeriesTable withOtherTestValues(TimeSeriesTable t) {
        double[] v = t.column("Value").clone();
        for (int r = 96; r < v.length; r++) {
            v[r] = 3 * v[r] + 50 * Math.cos(r);
        }
        int[] lines = new int[t.rowCount()];
        for (int r = 0; r < lines.length; r++) {
            lines[r] = t.sourceLine(r);
        }
        return new TimeSeriesTable(t.source(), t.timeColumnName(), t.time(), t.columnNames(), new double[][] {v}, lines);
    }

    @Test
    void theTestPartDoesNotChangeTheLeaderboardOrTheWinner() {
        TimeSeriesTable table = Series.monthlyTable(120);
        TimeSeriesTable other = withOtherTestValues(table);
        TuneSearch.Result a = TuneSearch.run(table, Series.univariate(), BASE, SPACE, 3, 10, 5, t -> { });
        TuneSearch.Result b = TuneSearch.run(other, Series.univariate(), BASE, SPACE, 3, 10, 5, t -> { });
        assertNotEquals(java.util.Arrays.toString(a.bestData().test().windows().y()),
                java.util.Arrays.toString(b.bestData().test().windows().y()), "the two files' test parts differ");
        assertEquals(3, a.leaderboard().size());
        for (int i = 0; i < 3; i++) {
            TuneSearch.Trial x = a.leaderboard().get(i);
            TuneSearch.Trial y = b.leaderboard().get(i);
            assertEquals(x.kind(), y.kind());
            assertEquals(x.hp(), y.hp());
            assertEquals(x.valRmse(), y.valRmse(), 0.0, "validation RMSE of trial " + x.number());
        }
        assertTrue(a.leaderboard().get(0).valRmse() <= a.leaderboard().get(2).valRmse(), "best first");
        assertEquals(a.best().hp(), a.leaderboard().get(0).hp(), "the winner is the leaderboard's first");
    }

    @Test
    void theSeedOrdersTheWholeGridWithoutRepeats() {
        List<TuneSearch.Candidate> order = TuneSearch.order(SPACE, BASE, 5);
        assertEquals(16, order.size());
        assertEquals(16, new HashSet<>(order).size());
        assertEquals(order, TuneSearch.order(SPACE, BASE, 5));
        assertNotEquals(order, TuneSearch.order(SPACE, BASE, 6));
        List<Integer> windows = new ArrayList<>();
        order.forEach(c -> windows.add(c.hp().window()));
        assertTrue(windows.contains(6) && windows.contains(12));
    }

    @Test
    void aSplitWithoutValidationIsRefused() {
        DataSpec noValidation = Series.univariate().withSplit(SplitSpec.parse("0.8", null, 0));
        var e = assertThrows(IllegalArgumentException.class, () -> TuneSearch.run(Series.monthlyTable(120),
                noValidation, BASE, SPACE, 1, 1, 1, t -> { }));
        assertTrue(e.getMessage().contains("validation part"), e.getMessage());
    }
}
