package dev.gated.optim;

import dev.gated.layer.Checks;
import dev.gated.layer.Parameter;
import dev.gated.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stochastic gradient descent with optional momentum (Keras's formulation).
 * <pre>
 * no momentum:   w ← w − η g
 * momentum μ:    v ← μ v − η g;   w ← w + v
 * Nesterov:      v ← μ v − η g;   w ← w + μ v − η g
 * </pre>
 */
public final class Sgd extends SlottedOptimizer {

    private final double momentum;
    private final boolean nesterov;

    public Sgd(double learningRate, double momentum, boolean nesterov) {
        super(learningRate, momentum > 0 ? 1 : 0);
        this.momentum = Checks.fraction("SGD momentum", momentum);
        this.nesterov = nesterov;
        if (nesterov && momentum == 0) {
            throw new IllegalArgumentException("SGD nesterov: needs a momentum > 0 but momentum is 0");
        }
    }

    public Sgd(double learningRate) {
        this(learningRate, 0, false);
    }

    @Override
    public String name() {
        return "sgd";
    }

    @Override
    void update(Parameter parameter, int index) {
        Tensor w = parameter.value();
        Tensor g = parameter.grad();
        double lr = learningRate();
        if (momentum == 0) {
            for (int i = 0; i < w.size(); i++) {
                w.add(i, -lr * g.get(i));
            }
            return;
        }
        Tensor v = slot(index, 0);
        for (int i = 0; i < w.size(); i++) {
            double velocity = momentum * v.get(i) - lr * g.get(i);
            v.set(i, velocity);
            w.add(i, nesterov ? momentum * velocity - lr * g.get(i) : velocity);
        }
    }

    @Override
    public Map<String, String> config() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("learning_rate", Double.toString(learningRate()));
        c.put("momentum", Double.toString(momentum));
        c.put("nesterov", Boolean.toString(nesterov));
        return c;
    }
}
