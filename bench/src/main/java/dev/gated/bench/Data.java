package dev.gated.bench;

import java.util.SplittableRandom;

/** The same inputs for every library: x (B, T, I) ~ U(−1, 1), y (B, 1) ~ U(−1, 1). */
final class Data {

    final float[] x;
    final float[] y;

    Data(Shape s, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        x = new float[s.batch() * s.steps() * s.input()];
        y = new float[s.batch()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextDouble(-1, 1);
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) random.nextDouble(-1, 1);
        }
    }
}
