package dev.gated.text.classify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A seeded train/test split of row indices. Stratified: each class is shuffled on its own and
 * {@code round(n_c · testFraction)} of its rows go to the test part, so both parts keep the class proportions;
 * plain: all rows shuffled together and the last {@code round(n · testFraction)} go to the test part. Both parts
 * come back in ascending row order, so the split depends on the seed and the labels only.
 */
public record Split(int[] train, int[] test) {

    public static Split of(int[] labels, int classes, double testFraction, boolean stratified, long seed) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("test fraction must be in (0, 1) but is " + testFraction);
        }
        Random random = new Random(seed);
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        if (stratified) {
            for (int c = 0; c < classes; c++) {
                List<Integer> rows = new ArrayList<>();
                for (int i = 0; i < labels.length; i++) {
                    if (labels[i] == c) {
                        rows.add(i);
                    }
                }
                cut(rows, testFraction, random, train, test);
            }
        } else {
            List<Integer> rows = new ArrayList<>();
            for (int i = 0; i < labels.length; i++) {
                rows.add(i);
            }
            cut(rows, testFraction, random, train, test);
        }
        if (train.isEmpty() || test.isEmpty()) {
            throw new IllegalArgumentException("a test fraction of " + testFraction + " of " + labels.length
                    + " rows leaves an empty " + (train.isEmpty() ? "training" : "test") + " part");
        }
        return new Split(sorted(train), sorted(test));
    }

    private static void cut(List<Integer> rows, double fraction, Random random, List<Integer> train, List<Integer> test) {
        java.util.Collections.shuffle(rows, random);
        int n = (int) Math.round(rows.size() * fraction);
        test.addAll(rows.subList(0, n));
        train.addAll(rows.subList(n, rows.size()));
    }

    private static int[] sorted(List<Integer> rows) {
        int[] a = rows.stream().mapToInt(Integer::intValue).toArray();
        Arrays.sort(a);
        return a;
    }
}
