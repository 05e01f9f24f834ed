package dev.gated.loss;

/** {@code mse = mean (ŷ − y)²};  ∂/∂ŷ = 2 (ŷ − y) / n. */
public final class MeanSquaredError extends ElementwiseLoss {
    @Override
    public String name() {
        return "mse";
    }

    @Override
    double value(double prediction, double target) {
        double d = prediction - target;
        return d * d;
    }

    @Override
    double derivative(double prediction, double target) {
        return 2 * (prediction - target);
    }
}
