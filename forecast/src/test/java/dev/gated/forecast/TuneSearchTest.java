package dev.gated.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
            List.of(6, 12), List.of(2, 4), List.of(0.01, 0.03), List.of(1), List.of(0.0));
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
    void layersAndDropoutAreSearchedAndTheRestComesFromTheBase() {
        TuneSearch.Space space = new TuneSearch.Space(List.of(RecurrentKind.GRU), List.of(12), List.of(4),
                List.of(0.01), List.of(1, 2), List.of(0.0, 0.25));
        List<TuneSearch.Candidate> all = space.candidates(BASE);
        assertEquals(4, space.size());
        assertEquals(List.of(1, 1, 2, 2), all.stream().map(c -> c.hp().layers()).toList());
        assertEquals(List.of(0.0, 0.25, 0.0, 0.25), all.stream().map(c -> c.hp().dropout()).toList());
        assertEquals(BASE.batch(), all.get(3).hp().batch());
        assertEquals(TuneSearch.order(space, BASE, 3).subList(0, 2), TuneSearch.draw(space, BASE, 2, 3),
                "the trials are the first of the seed's order");
    }

    @Test
    void rungBudgetsGrowByEtaUpToTheFullEpochs() {
        assertArrayEquals(new int[] {7, 20, 60}, TuneSearch.rungEpochs(9, 3, 60));
        assertArrayEquals(new int[] {15, 30, 60}, TuneSearch.rungEpochs(5, 2, 60));
        assertArrayEquals(new int[] {60}, TuneSearch.rungEpochs(2, 3, 60), "fewer trials than eta: one rung");
        assertArrayEquals(new int[] {60}, TuneSearch.rungEpochs(9, 0, 60), "no halving: one rung");
        assertArrayEquals(new int[] {1, 1, 2}, TuneSearch.rungEpochs(9, 3, 2), "at least one epoch a rung");
    }

    @Test
    void halvingKeepsTheBestThirdOnValidationAtEachRungAndIgnoresTheTestPart() {
        HyperParameters base = new HyperParameters(4, 1, 12, 1, 1, 9, 16, 0.01, 7, 0, 0, 0, false);
        TuneSearch.Space space = new TuneSearch.Space(List.of(RecurrentKind.GRU, RecurrentKind.LSTM),
                List.of(6, 12), List.of(2, 4), List.of(0.003, 0.03), List.of(1), List.of(0.0));
        TimeSeriesTable table = Series.monthlyTable(120);
        TuneSearch.Result a = TuneSearch.run(table, Series.univariate(), base, space, 9, 10, 5, 3, t -> { });
        assertEquals(3, a.rungs().size());
        assertEquals(List.of(1, 3, 9), a.rungs().stream().map(TuneSearch.Rung::epochs).toList());
        assertEquals(List.of(9, 3, 1), a.rungs().stream().map(r -> r.ranked().size()).toList());
        for (int r = 0; r < 2; r++) {
            TuneSearch.Rung rung = a.rungs().get(r);
            List<TuneSearch.Trial> byRmse = new ArrayList<>(rung.ranked());
            byRmse.sort(java.util.Comparator.comparingDouble(TuneSearch.Trial::valRmse));
            List<Integer> best = byRmse.subList(0, rung.ranked().size() / 3).stream().map(TuneSearch.Trial::number)
                    .toList();
            assertEquals(new HashSet<>(best), new HashSet<>(rung.kept()), "rung " + r + " keeps its best third");
            assertEquals(new HashSet<>(rung.kept()), new HashSet<>(a.rungs().get(r + 1).ranked().stream()
                    .map(TuneSearch.Trial::number).toList()), "only the kept trials train in rung " + (r + 1));
            for (TuneSearch.Trial t : rung.ranked()) {
                assertEquals(rung.epochs(), t.epochs(), "trained to the rung's budget: " + t);
            }
        }
        TuneSearch.Trial winner = a.rungs().get(2).ranked().get(0);
        assertEquals(9, winner.epochs());
        assertEquals(winner, a.leaderboard().get(0));
        assertEquals(9, a.leaderboard().size());
        assertEquals(9, a.best().epochs());
        assertEquals(winner.hp(), a.best().hp());
        double rescored = PartForecast.ofModel(a.best().model(), a.bestData().validation(), a.bestData().series())
                .metrics().rmse();
        assertEquals(winner.valRmse(), rescored, 1e-12, "the saved model is the one scored");

        TuneSearch.Result b = TuneSearch.run(withOtherTestValues(table), Series.univariate(), base, space, 9, 10, 5,
                3, t -> { });
        for (int r = 0; r < 3; r++) {
            assertEquals(a.rungs().get(r).kept(), b.rungs().get(r).kept(), "rung " + r);
            assertEquals(scores(a.rungs().get(r)), scores(b.rungs().get(r)), "rung " + r
                    + " does not depend on the test part");
        }
    }

    @Test
    void whenTheTimeIsUpOnlyTheFirstTrialRunsAndWins() {
        HyperParameters base = new HyperParameters(4, 1, 12, 1, 1, 9, 16, 0.01, 7, 0, 0, 0, false);
        TuneSearch.Result r = TuneSearch.run(Series.monthlyTable(120), Series.univariate(), base, SPACE, 9, 1e-12, 5,
                3, t -> { });
        assertEquals(1, r.rungs().size(), "no rung after the time is up");
        assertEquals(1, r.leaderboard().size());
        assertEquals(1, r.leaderboard().get(0).number());
        assertEquals(r.leaderboard().get(0).hp(), r.best().hp());
        assertEquals(List.of(), r.rungs().get(0).kept());
    }

    /** Each trial of a rung as number, settings, validation RMSE and epochs (not its wall time). */
    private static List<String> scores(TuneSearch.Rung rung) {
        return rung.ranked().stream().map(t -> t.number() + " " + t.kind() + " " + t.hp() + " " + t.valRmse() + " "
                + t.epochs()).toList();
    }

    @Test
    void aSplitWithoutValidationIsRefused() {
        DataSpec noValidation = Series.univariate().withSplit(SplitSpec.parse("0.8", null, 0));
        var e = assertThrows(IllegalArgumentException.class, () -> TuneSearch.run(Series.monthlyTable(120),
                noValidation, BASE, SPACE, 1, 1, 1, t -> { }));
        assertTrue(e.getMessage().contains("validation part"), e.getMessage());
    }
}
