package dev.gated.loss;

import dev.gated.tensor.Tensor;

/**
 * Categorical cross-entropy over the last axis (C classes), with one-hot or sparse (class index) targets.
 * <pre>
 * from probabilities p:  cce = −Σ_c y_c log p_c   (p clipped to [ε, 1]),   ∂/∂p_c = −y_c / p_c
 * from logits z:         cce = −Σ_c y_c (z_c − logΣ_k e^{z_k}),            ∂/∂z_c = softmax(z)_c · Σ_k y_k − y_c
 * sparse targets:        y = one_hot(index)
 * </pre>
 * The loss is summed over classes and averaged over valid positions.
 */
public final class CategoricalCrossEntropy implements Loss {

    private final boolean fromLogits;
    private final boolean sparse;

    public CategoricalCrossEntropy(boolean fromLogits, boolean sparse) {
        this.fromLogits = fromLogits;
        this.sparse = sparse;
    }

    @Override
    public String name() {
        return (sparse ? "sparse_cce" : "cce") + (fromLogits ? "_logits" : "");
    }

    @Override
    public double compute(Tensor prediction, Tensor target, Tensor mask, Tensor gradient) {
        Positions pos = Positions.of(name(), prediction, target, mask, sparse);
        int classes = pos.width();
        double[] y = new double[classes];
        double sum = 0;
        for (int p = 0; p < pos.count(); p++) {
            int off = p * classes;
            if (!pos.isValid(p)) {
                if (gradient != null) {
                    gradient.fill(off, classes, 0);
                }
                continue;
            }
            targetRow(target, p, classes, y);
            sum += fromLogits ? fromLogits(prediction, off, y, gradient, pos.valid())
                    : fromProbabilities(prediction, off, y, gradient, pos.valid());
        }
        return sum / pos.valid();
    }

    private void targetRow(Tensor target, int position, int classes, double[] y) {
        if (sparse) {
            java.util.Arrays.fill(y, 0);
            double v = target.get(position);
            int c = (int) v;
            if (c != v || c < 0 || c >= classes) {
                throw new IllegalArgumentException(name() + ": target at position " + position + " is " + v
                        + " but must be a class index in [0, " + classes + ")");
            }
            y[c] = 1;
        } else {
            for (int c = 0; c < classes; c++) {
                y[c] = target.get(position * classes + c);
            }
        }
    }

    private static double fromProbabilities(Tensor prediction, int off, double[] y, Tensor gradient, int valid) {
        double loss = 0;
        for (int c = 0; c < y.length; c++) {
            double p = prediction.get(off + c);
            double clipped = Math.max(p, BinaryCrossEntropy.EPSILON);
            loss -= y[c] * Math.log(clipped);
            if (gradient != null) {
                gradient.set(off + c, p < BinaryCrossEntropy.EPSILON ? 0 : -y[c] / p / valid);
            }
        }
        return loss;
    }

    private static double fromLogits(Tensor prediction, int off, double[] y, Tensor gradient, int valid) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < y.length; c++) {
            max = Math.max(max, prediction.get(off + c));
        }
        double sumExp = 0;
        for (int c = 0; c < y.length; c++) {
            sumExp += Math.exp(prediction.get(off + c) - max);
        }
        double logSumExp = max + Math.log(sumExp);
        double loss = 0;
        double ySum = 0;
        for (int c = 0; c < y.length; c++) {
            loss -= y[c] * (prediction.get(off + c) - logSumExp);
            ySum += y[c];
        }
        if (gradient != null) {
            for (int c = 0; c < y.length; c++) {
                double softmax = Math.exp(prediction.get(off + c) - logSumExp);
                gradient.set(off + c, (softmax * ySum - y[c]) / valid);
            }
        }
        return loss;
    }
}
