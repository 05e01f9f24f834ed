package dev.gated.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gated.timeseries.baseline.MovingAverageBaseline;
import dev.gated.timeseries.baseline.SeasonalNaiveBaseline;
import dev.gated.timeseries.scale.ScalerKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The baselines every model is compared with, and the rows that rank them. */
class ScoreboardTest {

    @TempDir
    Path dir;

    @Test
    void theSeasonIsDetectedOnTheTrainingRows() {
        PreparedData p = PreparedData.prepare(Series.monthly(dir, 120), Series.univariate(), Series.small(1));
        List<String> warnings = new ArrayList<>();
        List<Baselines.Named> b = Baselines.standard(p, 12, warnings::add);
        assertEquals(List.of("naive", "seasonal_naive", "moving_average"), b.stream().map(Baselines.Named::name).toList());
        assertEquals(12, assertInstanceOf(SeasonalNaiveBaseline.class, b.get(1).baseline()).period());
        assertTrue(b.get(1).detected());
        assertEquals("moving-average(12)", assertInstanceOf(MovingAverageBaseline.class, b.get(2).baseline()).name());
        assertTrue(warnings.isEmpty(), warnings.toString());
    }

    @Test
    void periodAndMovingAverageWindowCanBeGiven() {
        DataSpec spec = new DataSpec("Value", null, null, DataSpec.parseMissing("error"), ScalerKind.MINMAX,
                SplitSpec.parse("0.6,0.2", null, 0), 6, 3);
        PreparedData p = PreparedData.prepare(Series.monthly(dir, 120), spec, Series.small(1));
        List<Baselines.Named> b = Baselines.standard(p, 12, w -> { });
        assertEquals(6, ((SeasonalNaiveBaseline) b.get(1).baseline()).period());
        assertTrue(!b.get(1).detected());
        assertEquals("moving-average(3)", b.get(2).baseline().name());
    }

    @Test
    void rowsScoreTheSameTargetsAndMarkOneBest() {
        PreparedData p = PreparedData.prepare(Series.monthly(dir, 120), Series.univariate(), Series.small(1));
        Scoreboard board = new Scoreboard();
        board.addBaselines(p, 12, w -> { });
        List<ResultRow> rows = board.rows();
        assertEquals(3, rows.size());
        assertEquals(1, rows.stream().filter(ResultRow::best).count());
        double lowest = rows.stream().mapToDouble(ResultRow::testRmse).min().orElseThrow();
        assertEquals(lowest, rows.stream().filter(ResultRow::best).findFirst().orElseThrow().testRmse());
        assertEquals(12.0, rows.get(1).testRmse(), 1e-3, "a season plus a trend of 1 a row: seasonal naive is "
                + "off by one year of trend exactly");
        for (Scoreboard.Entry e : board.entries()) {
            assertEquals(p.test().count(), e.test().actual().length);
        }
    }
}
