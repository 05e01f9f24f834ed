package dev.gated.experiments;

import dev.gated.tensor.Tensor;

/** Small helpers for class scores. */
final class Classes {

    private Classes() {
    }

    /** Index of the largest of {@code width} scores starting at {@code offset}. */
    static int argmax(Tensor scores, int offset, int width) {
        int best = 0;
        for (int c = 1; c < width; c++) {
            if (scores.get(offset + c) > scores.get(offset + best)) {
                best = c;
            }
        }
        return best;
    }
}
