package dev.gated.loss;

/** {@code mae = mean |ŷ − y|};  ∂/∂ŷ = sign(ŷ − y) / n (0 at ŷ = y). */
public final class MeanAbsoluteError extends ElementwiseLoss {
    @Override
    public String name() {
        return "mae";
    }

    @Override
    double value(double prediction, double target) {
        return Math.abs(prediction - target);
    }

    @Override
    double derivative(double prediction, double target) {
        return Math.signum(prediction - target);
    }
}
