package dev.gated.optim;

import dev.gated.layer.Checks;
import dev.gated.layer.Parameter;
import dev.gated.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/** Shared bookkeeping: learning rate, step count and {@code slotsPerParameter} state tensors per parameter. */
abstract class SlottedOptimizer implements Optimizer {

    private double learningRate;
    private long iterations;
    private final int slotsPerParameter;
    private final List<Tensor> slots = new ArrayList<>();

    SlottedOptimizer(double learningRate, int slotsPerParameter) {
        this.learningRate = Checks.positive("learning rate", learningRate);
        this.slotsPerParameter = slotsPerParameter;
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public void setLearningRate(double learningRate) {
        this.learningRate = Checks.positive("learning rate", learningRate);
    }

    @Override
    public long iterations() {
        return iterations;
    }

    @Override
    public void step(List<Parameter> parameters) {
        if (slots.isEmpty() && slotsPerParameter > 0) {
            for (Parameter p : parameters) {
                for (int s = 0; s < slotsPerParameter; s++) {
                    slots.add(p.value().zerosLike());
                }
            }
        }
        iterations++;
        for (int i = 0; i < parameters.size(); i++) {
            update(parameters.get(i), i);
        }
    }

    /** Updates one parameter; {@code index} picks its slots. */
    abstract void update(Parameter parameter, int index);

    Tensor slot(int parameterIndex, int slot) {
        return slots.get(parameterIndex * slotsPerParameter + slot);
    }

    @Override
    public List<Tensor> state() {
        return List.copyOf(slots);
    }

    @Override
    public void restore(long iterations, List<Tensor> state, List<Parameter> parameters) {
        if (!state.isEmpty() && state.size() != parameters.size() * slotsPerParameter) {
            throw new IllegalArgumentException(name() + ": saved optimizer state has " + state.size()
                    + " tensors but this model needs " + parameters.size() * slotsPerParameter);
        }
        this.iterations = iterations;
        slots.clear();
        slots.addAll(state);
    }
}
