package dev.gated.timeseries.split;

import dev.gated.timeseries.RowRange;
import java.util.ArrayList;
import java.util.List;

/**
 * Rolling-origin evaluation with an expanding training window (time-series cross-validation):
 * <pre>
 *   origin_k = initialTrain + k · step
 *   fold k:  train = [0, origin_k)    test = [origin_k, origin_k + testSize)
 *   for k = 0, 1, … while origin_k + testSize &le; n
 * </pre>
 * Each fold's test rows are strictly after its training rows; later folds train on more history.
 */
public final class RollingOrigin {

    private RollingOrigin() {
    }

    /**
     * @param n            rows in the series
     * @param initialTrain rows in the first fold's training part, &ge; 1
     * @param testSize     rows forecast per fold, &ge; 1
     * @param step         how far the origin moves between folds, &ge; 1 (= testSize for non-overlapping tests)
     */
    public static List<Fold> expanding(int n, int initialTrain, int testSize, int step) {
        if (initialTrain < 1 || testSize < 1 || step < 1) {
            throw new IllegalArgumentException("rolling origin needs initialTrain >= 1, testSize >= 1 and step >= 1;"
                    + " got " + initialTrain + ", " + testSize + ", " + step);
        }
        if (initialTrain + testSize > n) {
            throw new IllegalArgumentException("rolling origin: the first fold needs initialTrain + testSize = "
                    + (initialTrain + testSize) + " rows but the series has " + n);
        }
        List<Fold> folds = new ArrayList<>();
        for (int origin = initialTrain; origin + testSize <= n; origin += step) {
            folds.add(new Fold(folds.size(), new RowRange(0, origin), new RowRange(origin, origin + testSize)));
        }
        return List.copyOf(folds);
    }
}
