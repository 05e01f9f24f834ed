package dev.gated.loss;

import dev.gated.layer.Activation;

/**
 * Binary cross-entropy for targets in [0, 1].
 * <pre>
 * from probabilities p:  bce = −[y log p + (1 − y) log(1 − p)],  p clipped to [ε, 1 − ε], ε = 1e−7 (as Keras)
 *                        ∂/∂p = (p − y) / (p (1 − p))
 * from logits z:         bce = max(z, 0) − z·y + log(1 + e^{−|z|})   (stable form)
 *                        ∂/∂z = σ(z) − y
 * </pre>
 */
public final class BinaryCrossEntropy extends ElementwiseLoss {

    static final double EPSILON = 1e-7;
    private final boolean fromLogits;

    public BinaryCrossEntropy(boolean fromLogits) {
        this.fromLogits = fromLogits;
    }

    @Override
    public String name() {
        return fromLogits ? "bce_logits" : "bce";
    }

    @Override
    double value(double prediction, double target) {
        if (fromLogits) {
            return Math.max(prediction, 0) - prediction * target + Math.log1p(Math.exp(-Math.abs(prediction)));
        }
        double p = clip(prediction);
        return -(target * Math.log(p) + (1 - target) * Math.log(1 - p));
    }

    @Override
    double derivative(double prediction, double target) {
        if (fromLogits) {
            return Activation.sigmoid(prediction) - target;
        }
        if (prediction < EPSILON || prediction > 1 - EPSILON) {
            return 0;
        }
        return (prediction - target) / (prediction * (1 - prediction));
    }

    private static double clip(double p) {
        return Math.min(Math.max(p, EPSILON), 1 - EPSILON);
    }
}
