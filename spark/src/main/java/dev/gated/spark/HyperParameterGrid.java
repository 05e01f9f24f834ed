package dev.gated.spark;

import dev.gated.forecast.HyperParameters;
import dev.gated.forecast.TuneSearch;
import dev.gated.layer.recurrent.RecurrentKind;
import java.util.ArrayList;
import java.util.List;

/**
 * A grid of the settings most worth searching for a recurrent forecaster: every combination of
 * <pre>
 *   cell × units × window × learning rate        (|cells|·|units|·|windows|·|rates| points)
 * </pre>
 * the other hyper-parameters (layers, horizon, epochs, batch, seed, …) taken from a base setting. The search
 * space of {@code gated tune} (cells, windows, units, learning rates, layers and dropouts) gives its trials with
 * {@link #search}, so a cluster can run the same trials on many series.
 *
 * @param cells  lstm, gru, rnn
 * @param units  hidden units per recurrent layer
 * @param windows input steps T
 * @param rates  learning rates
 */
public record HyperParameterGrid(List<RecurrentKind> cells, List<Integer> units, List<Integer> windows,
                                 List<Double> rates) {

    public HyperParameterGrid {
        cells = nonEmpty(cells, "cells");
        units = nonEmpty(units, "units");
        windows = nonEmpty(windows, "windows");
        rates = nonEmpty(rates, "learning rates");
    }

    private static <T> List<T> nonEmpty(List<T> values, String what) {
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("the grid needs at least one value of " + what);
        }
        return List.copyOf(values);
    }

    /** Number of points. */
    public int size() {
        return cells.size() * units.size() * windows.size() * rates.size();
    }

    /**
     * One (cell, hyper-parameters) per point, in the order cell, units, window, rate; every value is
     * validated here, on the driver, with the command line's messages (e.g. "--window must be in …").
     */
    public List<Point> points(HyperParameters base) {
        List<Point> out = new ArrayList<>();
        for (RecurrentKind cell : cells) {
            for (int u : units) {
                for (int w : windows) {
                    for (double lr : rates) {
                        out.add(new Point(cell, new HyperParameters(u, base.layers(), w, base.horizon(),
                                base.stride(), base.epochs(), base.batch(), lr, base.seed(), base.patience(),
                                base.dropout(), base.clip(), base.relative(), base.optimizer(), base.plateau())));
                    }
                }
            }
        }
        return out;
    }

    /**
     * The trials {@code gated tune --trials N --search-seed SEED} draws from {@code space} ({@link TuneSearch#draw}:
     * the grid cells × windows × units × learning rates × layers × dropouts shuffled with the seed, the first
     * {@code trials}), as points.
     */
    public static List<Point> search(TuneSearch.Space space, HyperParameters base, int trials, long seed) {
        return TuneSearch.draw(space, base, trials, seed).stream().map(c -> new Point(c.kind(), c.hp())).toList();
    }

    /** One point of the grid. */
    public record Point(RecurrentKind cell, HyperParameters hp) {
    }
}
