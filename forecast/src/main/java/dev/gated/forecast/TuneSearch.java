package dev.gated.forecast;

import dev.gated.layer.recurrent.RecurrentKind;
import dev.gated.timeseries.TimeSeriesTable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Hyper-parameter search for {@code gated tune}: seeded random search without replacement over a grid of cell,
 * window, units, learning rate, layers and dropout, each candidate trained on the training part (with the base
 * settings' early stopping) and ranked by its RMSE on the <b>validation part only</b>:
 * <pre>
 *   grid      cells × windows × units × learning rates × layers × dropouts
 *   order     the grid shuffled with the seed; the first n = min(trials, grid size) candidates are the trials
 *   stop      no training starts after {@code minutes} (a started one is finished)
 *   select    lowest validation RMSE (target units); the test part's values are never read
 * </pre>
 * With successive halving (η = {@code halving} &ge; 2; Jamieson and Talwalkar, AISTATS 2016, the inner loop of
 * Li et al.'s Hyperband), the n trials are trained in rungs of growing epoch budgets, keeping the best 1/η on
 * validation after each rung:
 * <pre>
 *   s        = ⌊log_η n⌋                         the last rung's index (s = 0: one rung, plain random search)
 *   rung r   = 0 … s: every trial still in trains on to E_r = max(1, round(E·η^(r−s))) epochs in all
 *              (E = the base's epochs; the last rung trains to E), continuing its network (see {@link RungTraining})
 *   keep     after rung r &lt; s: the ⌈n_r / η⌉ trials of lowest validation RMSE (ties: the earlier trial)
 *   e.g.     n = 9, η = 3, E = 60: 9 trials × 7 epochs, the best 3 on to 20, the best 1 on to 60
 * </pre>
 * A trial that early stopping ended keeps its score and competes in the next rung without training more. When
 * the time runs out inside a rung the search stops there, and the winner is the trial of lowest validation RMSE
 * in the last rung (trained or carried from the one before).
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
                        List<Double> learningRates, List<Integer> layers, List<Double> dropouts) {
        public Space {
            for (List<?> l : List.of(cells, windows, units, learningRates, layers, dropouts)) {
                if (l.isEmpty()) {
                    throw new IllegalArgumentException("tune: every searched setting needs at least one value");
                }
            }
            cells = List.copyOf(cells);
            windows = List.copyOf(windows);
            units = List.copyOf(units);
            learningRates = List.copyOf(learningRates);
            layers = List.copyOf(layers);
            dropouts = List.copyOf(dropouts);
        }

        /** Number of candidates in the grid. */
        public int size() {
            return cells.size() * windows.size() * units.size() * learningRates.size() * layers.size()
                    * dropouts.size();
        }

        /**
         * Every candidate, in the order cell, window, units, learning rate, layers, dropout; the other settings
         * from {@code base}. Each value is validated here, with the command line's messages.
         */
        public List<Candidate> candidates(HyperParameters base) {
            List<Candidate> all = new ArrayList<>();
            for (RecurrentKind k : cells) {
                for (int w : windows) {
                    for (int u : units) {
                        for (double lr : learningRates) {
                            for (int layer : layers) {
                                for (double d : dropouts) {
                                    all.add(new Candidate(k, new HyperParameters(u, layer, w, base.horizon(),
                                            base.stride(), base.epochs(), base.batch(), lr, base.seed(),
                                            base.patience(), d, base.clip(), base.relative(), base.optimizer(),
                                            base.plateau(), base.quantiles())));
                                }
                            }
                        }
                    }
                }
            }
            return all;
        }
    }

    /**
     * One trained candidate, as scored after the last rung it trained in.
     *
     * @param number  1-based order in which it was drawn
     * @param valRmse RMSE on the validation targets, target units
     * @param epochs  epochs run in all
     * @param seconds training time in all
     * @param rung    the last rung it reached (0 without halving)
     */
    public record Trial(int number, RecurrentKind kind, HyperParameters hp, double valRmse, int epochs,
                        double seconds, int rung) {
    }

    /**
     * One rung of successive halving.
     *
     * @param epochs the epoch budget E_r
     * @param ranked the trials scored at this rung, best validation RMSE first
     * @param kept   the numbers of the trials kept for the next rung (empty after the last rung)
     */
    public record Rung(int epochs, List<Trial> ranked, List<Integer> kept) {
    }

    /**
     * @param leaderboard the trials: those of the last rung run in its ranking (the winner first), then the others
     *                    by the rung they reached (furthest first) and validation RMSE
     * @param rungs       the rungs run (one without halving)
     * @param best        the winning trial's training run (its model is the one to save)
     * @param bestData    the data prepared for the winner's window
     */
    public record Result(List<Trial> leaderboard, List<Rung> rungs, TrainingRun best, PreparedData bestData) {
    }

    private TuneSearch() {
    }

    /** The grid in the seed's random order. */
    public static List<Candidate> order(Space space, HyperParameters base, long seed) {
        List<Candidate> all = space.candidates(base);
        Collections.shuffle(all, new Random(seed));
        return all;
    }

    /** The trials a search of {@code trials} draws: the first of {@link #order}. */
    public static List<Candidate> draw(Space space, HyperParameters base, int trials, long seed) {
        if (trials < 1) {
            throw new IllegalArgumentException("--trials must be >= 1, got " + trials);
        }
        List<Candidate> all = order(space, base, seed);
        return List.copyOf(all.subList(0, Math.min(trials, all.size())));
    }

    /** A point of the grid: a cell and its hyper-parameters. */
    public record Candidate(RecurrentKind kind, HyperParameters hp) {
    }

    /** The epoch budget of each rung for n trials, halving rate η (&lt; 2: one rung) and E epochs at most. */
    public static int[] rungEpochs(int n, int eta, int epochs) {
        if (eta < 2 || n < 2) {
            return new int[] {epochs};
        }
        int s = 0;
        for (long p = eta; p <= n; p *= eta) {
            s++;
        }
        int[] out = new int[s + 1];
        for (int r = 0; r <= s; r++) {
            out[r] = (int) Math.max(1, Math.round(epochs * Math.pow(eta, r - s)));
        }
        return out;
    }

    /** As {@link #run(TimeSeriesTable, DataSpec, HyperParameters, Space, int, double, long, int, Consumer)} without halving. */
    public static Result run(TimeSeriesTable table, DataSpec spec, HyperParameters base, Space space, int trials,
                             double minutes, long seed, Consumer<Trial> progress) {
        return run(table, spec, base, space, trials, minutes, seed, 0, progress);
    }

    /**
     * Runs the search on {@code table} read with {@code spec}.
     *
     * @param trials   the most candidates to train
     * @param minutes  the wall-clock budget; no training starts after it
     * @param halving  η of successive halving, or 0 (or 1) for none
     * @param progress called after each trial's training in each rung
     * @throws IllegalArgumentException when the split has no validation part
     */
    public static Result run(TimeSeriesTable table, DataSpec spec, HyperParameters base, Space space, int trials,
                             double minutes, long seed, int halving, Consumer<Trial> progress) {
        if (!(minutes > 0)) {
            throw new IllegalArgumentException("--minutes must be > 0, got " + minutes);
        }
        if (halving < 0) {
            throw new IllegalArgumentException("--halving must be >= 2 (or 0 for none), got " + halving);
        }
        long deadline = System.nanoTime() + (long) (minutes * 60e9);
        List<Candidate> drawn = draw(space, base, trials, seed);
        int[] budgets = rungEpochs(drawn.size(), halving, base.epochs());
        boolean rungs = budgets.length > 1;
        Map<Integer, Contender> contenders = new LinkedHashMap<>();
        List<Rung> done = new ArrayList<>();
        List<Integer> alive = new ArrayList<>();
        for (int i = 1; i <= drawn.size(); i++) {
            alive.add(i);
        }
        boolean outOfTime = false;
        for (int r = 0; r < budgets.length && !outOfTime; r++) {
            List<Trial> scored = new ArrayList<>();
            for (int number : alive) {
                Contender c = contenders.get(number);
                boolean first = contenders.isEmpty();
                if (!first && System.nanoTime() >= deadline) {
                    outOfTime = true;
                    if (c != null) {
                        scored.add(c.trial);   // carried from the rung before, untrained in this one
                    }
                    continue;
                }
                if (c == null) {
                    c = new Contender(drawn.get(number - 1), number, table, spec, rungs);
                    contenders.put(number, c);
                }
                c.trainTo(budgets[r], r);
                scored.add(c.trial);
                progress.accept(c.trial);
                if (r == budgets.length - 1) {
                    releaseAllButTheBest(scored, contenders);   // the last rung: only the winner's model is needed
                }
            }
            scored.sort(BY_RMSE);
            List<Integer> kept = new ArrayList<>();
            if (r < budgets.length - 1 && !outOfTime) {
                int keep = (scored.size() + halving - 1) / halving;
                scored.subList(0, keep).forEach(t -> kept.add(t.number()));
                scored.subList(keep, scored.size()).forEach(t -> contenders.get(t.number()).release());
            }
            done.add(new Rung(budgets[r], List.copyOf(scored), List.copyOf(kept)));
            alive = kept;
        }
        List<Trial> last = done.get(done.size() - 1).ranked();
        Contender best = contenders.get(last.get(0).number());
        List<Trial> rest = new ArrayList<>();
        contenders.values().stream().filter(c -> !last.contains(c.trial)).forEach(c -> rest.add(c.trial));
        rest.sort(Comparator.comparingInt((Trial t) -> -t.rung()).thenComparing(BY_RMSE));
        List<Trial> board = new ArrayList<>(last);
        board.addAll(rest);
        return new Result(List.copyOf(board), List.copyOf(done), best.run(), best.data);
    }

    /** Frees the network and data of every trial of {@code scored} but the best so far. */
    private static void releaseAllButTheBest(List<Trial> scored, Map<Integer, Contender> contenders) {
        Trial best = scored.stream().min(BY_RMSE).orElseThrow();
        scored.stream().filter(t -> t != best).forEach(t -> contenders.get(t.number()).release());
    }

    private static final Comparator<Trial> BY_RMSE = Comparator.comparingDouble(Trial::valRmse)
            .thenComparingInt(Trial::number);

    /** A drawn trial: its data, its training (one call without halving, continued by rung with it), its score. */
    private static final class Contender {
        final Candidate candidate;
        final int number;
        PreparedData data;
        RungTraining rungs;
        TrainingRun whole;
        Trial trial;

        Contender(Candidate candidate, int number, TimeSeriesTable table, DataSpec spec, boolean inRungs) {
            this.candidate = candidate;
            this.number = number;
            this.data = PreparedData.prepare(table, spec, candidate.hp().windowing(), null);
            if (data.validation() == null) {
                throw new IllegalArgumentException("tune ranks candidates on the validation part, and this split has "
                        + "none; give --split TRAIN,VAL (e.g. 0.6,0.2) or --val-split F");
            }
            this.rungs = inRungs ? new RungTraining(candidate.kind(), candidate.hp(), data) : null;
        }

        void trainTo(int epochs, int rung) {
            TrainingRun run;
            if (rungs == null) {
                whole = TrainingRun.train(candidate.kind(), candidate.hp(), data, List.of());
                run = whole;
            } else {
                rungs.trainTo(epochs);
                run = rungs.run();
            }
            double rmse = PartForecast.ofModel(run.model(), data.validation(), data.series()).metrics().rmse();
            trial = new Trial(number, candidate.kind(), candidate.hp(), Double.isFinite(rmse) ? rmse
                    : Double.POSITIVE_INFINITY, run.epochs(), run.seconds(), rung);
        }

        TrainingRun run() {
            return rungs == null ? whole : rungs.run();
        }

        /** Drops the network and the data of a trial out of the running; its score stays. */
        void release() {
            data = null;
            rungs = null;
            whole = null;
        }
    }
}
