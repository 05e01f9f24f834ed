package dev.gated.model;

import dev.gated.tensor.Tensor;

/**
 * A number reported beside the loss (Keras's {@code metrics=[...]}): accumulated over the batches of an
 * epoch or of an evaluation as a sum over positions and a count of positions, so the result does not
 * depend on the batching. A position is an example, or one valid step of a masked sequence output.
 *
 * <pre>
 * binary_accuracy        mean over outputs of [ (p ≥ 0.5) = y ]                        y ∈ {0, 1}
 * categorical_accuracy   [ argmax p = argmax y ]                                       y one-hot
 * sparse_categorical_accuracy   [ argmax p = y ]                                       y a class index
 * sparse_top_k_accuracy  [ y among the k largest p ]
 * mae, mse               mean of |p − y|, (p − y)²      rmse = √mse (over all positions, not per batch)
 * </pre>
 */
public interface Metric {

    /** The name shown in progress lines and History, e.g. {@code accuracy}. */
    String name();

    /** Adds this batch to {@code tally}: predictions (B, …, F), targets as the loss takes them, mask (B, T) or null. */
    void update(Tally tally, Tensor prediction, Tensor target, Tensor mask);

    /** The metric from a tally; the mean by default. */
    default double result(Tally tally) {
        return tally.count == 0 ? Double.NaN : tally.sum / tally.count;
    }

    /** A running sum and count. */
    final class Tally {
        double sum;
        double count;

        public void add(double value, double positions) {
            sum += value;
            count += positions;
        }

        public double sum() {
            return sum;
        }

        public double count() {
            return count;
        }
    }

    static Metric binaryAccuracy() {
        return new Metrics.Elementwise("binary_accuracy", (p, y) -> (p >= 0.5) == (y >= 0.5) ? 1 : 0, false);
    }

    static Metric categoricalAccuracy() {
        return new Metrics.TopK("categorical_accuracy", 1, false);
    }

    static Metric sparseCategoricalAccuracy() {
        return new Metrics.TopK("sparse_categorical_accuracy", 1, true);
    }

    /** Whether the target class (an index) is among the {@code k} largest predictions. */
    static Metric sparseTopKAccuracy(int k) {
        return new Metrics.TopK("sparse_top_" + k + "_accuracy", k, true);
    }

    /** Whether the target class (one-hot) is among the {@code k} largest predictions. */
    static Metric topKAccuracy(int k) {
        return new Metrics.TopK("top_" + k + "_accuracy", k, false);
    }

    static Metric mae() {
        return new Metrics.Elementwise("mae", (p, y) -> Math.abs(p - y), false);
    }

    static Metric mse() {
        return new Metrics.Elementwise("mse", (p, y) -> (p - y) * (p - y), false);
    }

    static Metric rmse() {
        return new Metrics.Elementwise("rmse", (p, y) -> (p - y) * (p - y), true);
    }

    /** Parses the names {@link #name()} gives (and Keras's "accuracy" for binary accuracy). */
    static Metric parse(String name) {
        return switch (name) {
            case "binary_accuracy", "accuracy" -> binaryAccuracy();
            case "categorical_accuracy" -> categoricalAccuracy();
            case "sparse_categorical_accuracy" -> sparseCategoricalAccuracy();
            case "mae" -> mae();
            case "mse" -> mse();
            case "rmse" -> rmse();
            default -> {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("(sparse_)?top_(\\d+)_accuracy").matcher(name);
                if (m.matches()) {
                    int k = Integer.parseInt(m.group(2));
                    yield m.group(1) != null ? sparseTopKAccuracy(k) : topKAccuracy(k);
                }
                throw new IllegalArgumentException("metric: expected binary_accuracy, categorical_accuracy, "
                        + "sparse_categorical_accuracy, [sparse_]top_K_accuracy, mae, mse or rmse but found \"" + name + "\"");
            }
        };
    }
}
