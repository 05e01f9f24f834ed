package dev.gated.optim;

import dev.gated.layer.Checks;
import dev.gated.layer.Parameter;
import dev.gated.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * RMSprop (Hinton, Coursera lecture 6e, 2012).
 * <pre>
 * s ← ρ s + (1 − ρ) g²
 * w ← w − η g / (√s + ε)
 * </pre>
 */
public final class RmsProp extends SlottedOptimizer {

    private final double rho;
    private final double epsilon;

    public RmsProp(double learningRate, double rho, double epsilon) {
        super(learningRate, 1);
        this.rho = Checks.fraction("RMSprop rho", rho);
        this.epsilon = Checks.positive("RMSprop epsilon", epsilon);
    }

    public RmsProp(double learningRate) {
        this(learningRate, 0.9, 1e-7);
    }

    @Override
    public String name() {
        return "rmsprop";
    }

    @Override
    void update(Parameter parameter, int index) {
        Tensor w = parameter.value();
        Tensor g = parameter.grad();
        Tensor s = slot(index, 0);
        double lr = learningRate();
        for (int i = 0; i < w.size(); i++) {
            double gi = g.get(i);
            double si = rho * s.get(i) + (1 - rho) * gi * gi;
            s.set(i, si);
            w.add(i, -lr * gi / (Math.sqrt(si) + epsilon));
        }
    }

    @Override
    public Map<String, String> config() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("learning_rate", Double.toString(learningRate()));
        c.put("rho", Double.toString(rho));
        c.put("epsilon", Double.toString(epsilon));
        return c;
    }
}
