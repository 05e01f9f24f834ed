package dev.gated.model;

import dev.gated.tensor.Tensor;
import java.util.function.DoubleBinaryOperator;

/** The built-in {@link Metric}s. */
final class Metrics {

    private Metrics() {
    }

    /** Number of positions (rows, or rows × steps) of a prediction whose last axis has {@code width} values. */
    private static int positions(Tensor prediction, int width) {
        return prediction.size() / width;
    }

    /** Whether position {@code pos} counts: no mask, or a mask of the positions' (B, T) layout with 1 there. */
    private static boolean valid(Tensor mask, int pos, int positions) {
        return mask == null || mask.size() != positions || mask.get(pos) != 0;
    }

    /** A per-element score averaged over the outputs of each position, then over positions. */
    record Elementwise(String name, DoubleBinaryOperator score, boolean rootOfMean) implements Metric {
        @Override
        public void update(Tally tally, Tensor prediction, Tensor target, Tensor mask) {
            int width = prediction.dim(prediction.rank() - 1);
            int positions = positions(prediction, width);
            if (target.size() != prediction.size()) {
                throw new IllegalArgumentException(name + ": targets have shape " + target.shapeString()
                        + " but predictions " + prediction.shapeString());
            }
            for (int pos = 0; pos < positions; pos++) {
                if (!valid(mask, pos, positions)) {
                    continue;
                }
                double s = 0;
                for (int j = 0; j < width; j++) {
                    s += score.applyAsDouble(prediction.get(pos * width + j), target.get(pos * width + j));
                }
                tally.add(s / width, 1);
            }
        }

        @Override
        public double result(Tally tally) {
            double mean = tally.count == 0 ? Double.NaN : tally.sum / tally.count;
            return rootOfMean ? Math.sqrt(mean) : mean;
        }
    }

    /** Whether the true class is among the k largest scores; targets are class indices (sparse) or one-hot. */
    record TopK(String name, int k, boolean sparse) implements Metric {
        @Override
        public void update(Tally tally, Tensor prediction, Tensor target, Tensor mask) {
            int classes = prediction.dim(prediction.rank() - 1);
            int positions = positions(prediction, classes);
            int expected = sparse ? positions : positions * classes;
            if (target.size() != expected) {
                throw new IllegalArgumentException(name + ": expected " + (sparse ? "one class index" : "a one-hot row")
                        + " per position (" + expected + " values) but the targets have shape " + target.shapeString());
            }
            for (int pos = 0; pos < positions; pos++) {
                if (!valid(mask, pos, positions)) {
                    continue;
                }
                int truth = sparse ? (int) target.get(pos) : argmax(target, pos * classes, classes);
                double truthScore = prediction.get(pos * classes + truth);
                int larger = 0;
                for (int c = 0; c < classes; c++) {
                    double v = prediction.get(pos * classes + c);
                    if (v > truthScore || (v == truthScore && c < truth)) {
                        larger++;
                    }
                }
                tally.add(larger < k ? 1 : 0, 1);
            }
        }

        private static int argmax(Tensor t, int off, int n) {
            int best = 0;
            for (int c = 1; c < n; c++) {
                if (t.get(off + c) > t.get(off + best)) {
                    best = c;
                }
            }
            return best;
        }
    }
}
