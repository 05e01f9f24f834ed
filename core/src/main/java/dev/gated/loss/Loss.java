package dev.gated.loss;

import dev.gated.tensor.Tensor;

/**
 * A training objective. Predictions are (B, F) or, for sequence outputs, (B, T, F); a (B, T) mask, where
 * present, removes padded steps from both the value and the gradient.
 *
 * <p>Reduction: each position (a sample, or a sample's step) gets the loss of its F outputs — the mean for
 * elementwise losses (MSE, MAE, Huber, binary cross-entropy), the sum over classes for categorical
 * cross-entropy — and the loss is the mean over valid positions. This matches Keras's default
 * ({@code sum_over_batch_size}) and PyTorch's {@code reduction='mean'} for a single output.
 */
public interface Loss {

    /** Name as written in model files and progress lines, e.g. {@code mse}. */
    String name();

    /**
     * Returns the loss and, if {@code gradient} is not null, writes ∂loss/∂prediction into it (same shape as
     * {@code prediction}, overwritten).
     */
    double compute(Tensor prediction, Tensor target, Tensor mask, Tensor gradient);

    static Loss mse() {
        return new MeanSquaredError();
    }

    static Loss mae() {
        return new MeanAbsoluteError();
    }

    static Loss huber(double delta) {
        return new Huber(delta);
    }

    static Loss binaryCrossEntropy(boolean fromLogits) {
        return new BinaryCrossEntropy(fromLogits);
    }

    static Loss categoricalCrossEntropy(boolean fromLogits) {
        return new CategoricalCrossEntropy(fromLogits, false);
    }

    static Loss sparseCategoricalCrossEntropy(boolean fromLogits) {
        return new CategoricalCrossEntropy(fromLogits, true);
    }

    /**
     * The pinball (quantile) loss of the given levels, each in (0, 1): predictions hold {@code levels.length}
     * values per target, in the levels' order (see {@link PinballLoss}).
     */
    static Loss pinball(double... levels) {
        return new PinballLoss(levels);
    }

    /** Connectionist temporal classification over per-frame logits (B, T, C), blank = class 0; targets (B, L) padded with 0. */
    static Loss ctc() {
        return new CtcLoss();
    }

    /** Parses names used by the CLI and model files: mse, mae, huber, bce, bce_logits, cce, cce_logits, sparse_cce, sparse_cce_logits, ctc, pinball(τ,…). */
    static Loss parse(String name) {
        return switch (name) {
            case "mse", "mean_squared_error" -> mse();
            case "mae", "mean_absolute_error" -> mae();
            case "huber" -> huber(1.0);
            case "bce", "binary_crossentropy" -> binaryCrossEntropy(false);
            case "bce_logits" -> binaryCrossEntropy(true);
            case "cce", "categorical_crossentropy" -> categoricalCrossEntropy(false);
            case "cce_logits" -> categoricalCrossEntropy(true);
            case "sparse_cce", "sparse_categorical_crossentropy" -> sparseCategoricalCrossEntropy(false);
            case "sparse_cce_logits" -> sparseCategoricalCrossEntropy(true);
            case "ctc" -> ctc();
            default -> {
                if (name.startsWith("huber(") && name.endsWith(")")) {
                    yield huber(Double.parseDouble(name.substring(6, name.length() - 1)));
                }
                if (name.startsWith("pinball(") && name.endsWith(")")) {
                    yield pinball(java.util.Arrays.stream(name.substring(8, name.length() - 1).split(","))
                            .mapToDouble(Double::parseDouble).toArray());
                }
                throw new IllegalArgumentException("loss: expected one of mse, mae, huber, bce, bce_logits, cce, "
                        + "cce_logits, sparse_cce, sparse_cce_logits, ctc, pinball(0.1,0.5,0.9) but found \"" + name + "\"");
            }
        };
    }
}
