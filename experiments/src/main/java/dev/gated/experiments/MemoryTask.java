package dev.gated.experiments;

import dev.gated.layer.Activation;
import dev.gated.loss.Loss;
import dev.gated.model.Sequential;
import java.util.List;

/**
 * A synthetic task whose answer depends on an input seen {@code length} steps before the output: the
 * measuring stick of long-term memory. Each task states its metric, the score of the best model that
 * remembers nothing (the trivial baseline), and the rule by which it counts as solved.
 */
public interface MemoryTask {

    /** {@code adding}, {@code copy} or {@code first-symbol}. */
    String name();

    /** T': the steps of one input sequence for lag parameter T ({@code length}). */
    int steps(int length);

    /** F: input features per step. */
    int features();

    /** Units of the Dense layer on top of the recurrent layer. */
    int outputs();

    /** True when the model outputs every step (recurrent layer with returnSequences). */
    boolean perStepOutput();

    Activation outputActivation();

    Loss loss();

    /** {@code count} examples at lag {@code length}; the same seed gives the same examples. */
    TaskData generate(int count, int length, long seed);

    /** {@code mse}, {@code cross_entropy} or {@code accuracy}. */
    String metricName();

    boolean higherIsBetter();

    /** The task's metric of the trained model on {@code data}. */
    double metric(Sequential model, TaskData data);

    /** The metric of the memoryless baseline on {@code data} (see the task's class comment). */
    double baseline(TaskData data, int length);

    /** Whether {@code metric} counts as solved, by {@link #solvedRule()}. */
    boolean solved(double metric, int length);

    /** The rule in words, for tables and docs. */
    String solvedRule();

    List<String> NAMES = List.of("adding", "copy", "first-symbol");

    /** The task of this name: adding, copy or first-symbol. */
    static MemoryTask of(String name) {
        return switch (name) {
            case "adding" -> new AddingProblem();
            case "copy" -> new CopyMemory();
            case "first-symbol" -> new FirstSymbol();
            default -> throw new IllegalArgumentException("expected one of " + String.join(", ", NAMES)
                    + " but found \"" + name + "\"");
        };
    }
}
