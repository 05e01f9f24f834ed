package dev.gated.optim;

import dev.gated.layer.Parameter;
import dev.gated.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * Updates weights from their gradients. State (moments, velocities) lives here, one slot per parameter in
 * model order, created on the first step; it can be exported and restored so that a resumed run continues
 * exactly where a checkpoint left it.
 */
public interface Optimizer {

    /** Name as written in model files: sgd, rmsprop, adam, adamw. */
    String name();

    double learningRate();

    void setLearningRate(double learningRate);

    /** One update of every parameter from its accumulated gradient. */
    void step(List<Parameter> parameters);

    /** Hyper-parameters as text (for model files and summaries). */
    Map<String, String> config();

    /** Number of steps taken so far. */
    long iterations();

    /** The state tensors in a fixed order (empty before the first step). */
    List<Tensor> state();

    /** Restores state exported by {@link #state()} for the given parameters. */
    void restore(long iterations, List<Tensor> state, List<Parameter> parameters);

    static Optimizer parse(String name, double learningRate) {
        return switch (name) {
            case "sgd" -> new Sgd(learningRate, 0, false);
            case "rmsprop" -> new RmsProp(learningRate, 0.9, 1e-7);
            case "adam" -> new Adam(learningRate);
            case "adamw" -> new AdamW(learningRate, 0.01);
            default -> throw new IllegalArgumentException("optimizer: expected one of sgd, rmsprop, adam, adamw but found \""
                    + name + "\"");
        };
    }

    /** Creates an optimizer from {@link #config()} output. */
    static Optimizer fromConfig(String name, Map<String, String> config) {
        double lr = Double.parseDouble(config.get("learning_rate"));
        return switch (name) {
            case "sgd" -> new Sgd(lr, Double.parseDouble(config.get("momentum")), Boolean.parseBoolean(config.get("nesterov")));
            case "rmsprop" -> new RmsProp(lr, Double.parseDouble(config.get("rho")), Double.parseDouble(config.get("epsilon")));
            case "adam" -> new Adam(lr, Double.parseDouble(config.get("beta1")), Double.parseDouble(config.get("beta2")),
                    Double.parseDouble(config.get("epsilon")));
            case "adamw" -> new AdamW(lr, Double.parseDouble(config.get("beta1")), Double.parseDouble(config.get("beta2")),
                    Double.parseDouble(config.get("epsilon")), Double.parseDouble(config.get("weight_decay")));
            default -> parse(name, lr);
        };
    }
}
