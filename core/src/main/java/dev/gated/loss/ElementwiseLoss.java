package dev.gated.loss;

import dev.gated.tensor.Tensor;

/** Base for losses that score each output separately and average: loss = mean over valid positions and outputs. */
abstract class ElementwiseLoss implements Loss {

    /** The loss of one output. */
    abstract double value(double prediction, double target);

    /** ∂value/∂prediction. */
    abstract double derivative(double prediction, double target);

    @Override
    public double compute(Tensor prediction, Tensor target, Tensor mask, Tensor gradient) {
        Positions pos = Positions.of(name(), prediction, target, mask, false);
        double scale = 1.0 / ((double) pos.valid() * pos.width());
        double sum = 0;
        for (int p = 0; p < pos.count(); p++) {
            boolean valid = pos.isValid(p);
            for (int j = 0; j < pos.width(); j++) {
                int i = p * pos.width() + j;
                if (valid) {
                    sum += value(prediction.get(i), target.get(i));
                }
                if (gradient != null) {
                    gradient.set(i, valid ? derivative(prediction.get(i), target.get(i)) * scale : 0);
                }
            }
        }
        return sum * scale;
    }
}
