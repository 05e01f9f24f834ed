package dev.gated.forecast;

import dev.gated.layer.recurrent.RecurrentKind;
import dev.gated.timeseries.TimeSeriesTable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Hyper-parameter search for {@code gated tune}: seeded random search without replacement over a grid of cell,
 * window, units and learning rate, each candidate trained on the training part (with the base settings' early
 * stopping) and ranked by its RMSE on the <b>validation part only</b>:
 * <pre>
 *   grid      cells × windows × units × learning rates        (the whole grid when trials ≥ its size)
 *   order     the grid shuffled with the seed; trial i trains candidate i
 *   stop      after {@code trials} trials, or when {@code minutes} have passed (a started trial is finished)
 *   select    lowest validation RMSE (target units); the test part's values are never read
 * </pre>
 * Each trial prepares the data again for its window (same rows in each part, scaler fitted on the training rows).
 * With {@code --val-split} the validation windows are the last fraction of each trial's training windows, so
 * trials with different windows are ranked on nearly but not exactly the same targets; with a row split
 * ({@code --split TRAIN,VAL}) every trial is ranked on the same validation rows.
 */
public final class TuneSearch {

    /**
     * The values to search; each list non-empty.
     */
    public record Space(List<RecurrentKind> cells, List<Integer> windows, List<Integer> units,
                        List<Double> learningRates) {
        public Space {
            for (List<?> l : List.of(cells, windows, units, learningRates)) {
                if (l.isEmpty()) {
                    throw new IllegalArgumentException("tune: every searched setting needs at least one value");
                }
            }
            cells = List.copyOf(cells);
            windows = List.copyOf(windows);
            units = List.copyOf(units);
            learningRates = List.copyOf(learningRates);
        }

        /** Number of candidates in the grid. */
        public int size() {
            return cells.size() * windows.size() * units.size() * learningRates.size();
        }
    }

    /**
     * One trained candidate.
     *
     * @param number  1-based order in which it was trained
     * @param valRmse RMSE on the validation targets, target units
     */
    public record Trial(int number, RecurrentKind kind, HyperParameters hp, double valRmse, int epochs,
                        double seconds) {
    }

    /**
     * @param leaderboard the trials, best validation RMSE first
     * @param best        the winning trial's training run (its model is the one to save)
     * @param bestData    the data prepared for the winner's window
     */
    public record Result(List<Trial> leaderboard, TrainingRun best, PreparedData bestData) {
    }

    private TuneSearch() {
    }

    /** The grid in the seed's random order. */
    public static List<Candidate> order(Space space, HyperParameters base, long seed) {
        List<Candidate> all = new ArrayList<>();
        for (RecurrentKind k : space.cells()) {
            for (int w : space.windows()) {
                for (int u : space.units()) {
                    for (double lr : space.learningRates()) {
                        all.add(new Candidate(k, new HyperParameters(u, base.layers(), w, base.horizon(),
                                base.stride(), base.epochs(), base.batch(), lr, base.seed(), base.patience(),
                                base.dropout(), base.clip(), base.relative(), base.optimizer(), base.plateau(),
                                base.quantiles())));
                    }
                }
            }
        }
        Collections.shuffle(all, new Random(seed));
        return all;
    }

    /** A point of the grid: a cell and its hyper-parameters. */
    public record Candidate(RecurrentKind kind, HyperParameters hp) {
    }

    /**
     * Runs the search on {@code table} read with {@code spec}.
     *
     * @param trials   the most candidates to train
     * @param minutes  the wall-clock budget; no trial starts after it
     * @param progress called after each trial
     * @throws IllegalArgumentException when the split has no validation part
     */
    public static Result run(TimeSeriesTable table, DataSpec spec, HyperParameters base, Space space, int trials,
                             double minutes, long seed, Consumer<Trial> progress) {
        if (trials < 1) {
            throw new IllegalArgumentException("--trials must be >= 1, got " + trials);
        }
        if (!(minutes > 0)) {
            throw new IllegalArgumentException("--minutes must be > 0, got " + minutes);
        }
        long deadline = System.nanoTime() + (long) (minutes * 60e9);
        List<Trial> done = new ArrayList<>();
        TrainingRun bestRun = null;
        PreparedData bestData = null;
        double bestRmse = Double.POSITIVE_INFINITY;
        List<Candidate> order = order(space, base, seed);
        for (int i = 0; i < Math.min(trials, order.size()) && (i == 0 || System.nanoTime() < deadline); i++) {
            Candidate c = order.get(i);
            PreparedData data = PreparedData.prepare(table, spec, c.hp().windowing(), null);
            if (data.validation() == null) {
                throw new IllegalArgumentException("tune ranks candidates on the validation part, and this split has "
                        + "none; give --split TRAIN,VAL (e.g. 0.6,0.2) or --val-split F");
            }
            TrainingRun run = TrainingRun.train(c.kind(), c.hp(), data, List.of());
            double rmse = PartForecast.ofModel(run.model(), data.validation(), data.series()).metrics().rmse();
            Trial t = new Trial(i + 1, c.kind(), c.hp(), Double.isFinite(rmse) ? rmse : Double.POSITIVE_INFINITY,
                    run.epochs(), run.seconds());
            done.add(t);
            progress.accept(t);
            if (t.valRmse() < bestRmse || bestRun == null) {
                bestRmse = t.valRmse();
                bestRun = run;
                bestData = data;
            }
        }
        List<Trial> board = new ArrayList<>(done);
        board.sort(Comparator.comparingDouble(Trial::valRmse).thenComparingInt(Trial::number));
        return new Result(List.copyOf(board), bestRun, bestData);
    }
}
