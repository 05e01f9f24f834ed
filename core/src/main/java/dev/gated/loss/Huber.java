package dev.gated.loss;

import dev.gated.layer.Checks;

/**
 * Huber loss: quadratic near the target, linear beyond δ (robust to outliers).
 * <pre>
 * d = ŷ − y
 * huber(d) = ½ d²             if |d| ≤ δ        ∂/∂ŷ = d
 *          = δ (|d| − ½ δ)    otherwise        ∂/∂ŷ = δ · sign(d)
 * </pre>
 */
public final class Huber extends ElementwiseLoss {

    private final double delta;

    public Huber(double delta) {
        this.delta = Checks.positive("Huber delta", delta);
    }

    @Override
    public String name() {
        return delta == 1.0 ? "huber" : "huber(" + delta + ")";
    }

    @Override
    double value(double prediction, double target) {
        double d = Math.abs(prediction - target);
        return d <= delta ? 0.5 * d * d : delta * (d - 0.5 * delta);
    }

    @Override
    double derivative(double prediction, double target) {
        double d = prediction - target;
        return Math.abs(d) <= delta ? d : delta * Math.signum(d);
    }
}
