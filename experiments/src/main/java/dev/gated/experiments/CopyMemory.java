package dev.gated.experiments;

import dev.gated.layer.Activation;
import dev.gated.loss.Loss;
import dev.gated.model.Sequential;
import dev.gated.tensor.Precision;
import dev.gated.tensor.Tensor;
import java.util.SplittableRandom;

/**
 * The copy-memory task of Arjovsky, Shah &amp; Bengio, "Unitary Evolution RNNs" (ICML 2016), in its standard form.
 * Alphabet: 0 blank, 1 … 8 data symbols, 9 delimiter; inputs are one-hot (10 features), T' = T + 20 steps.
 *
 * <pre>
 * input   s_1 … s_10   0 … 0 (T−1 blanks)   9 (delimiter)   0 … 0 (10 blanks)        s_k ~ U{1 … 8}
 * target  0 … 0 (T+10 blanks)                                s_1 … s_10
 * </pre>
 * The model outputs a distribution over the 10 symbols at every step (recurrent layer returning sequences,
 * Dense(10) logits); the loss and the metric are the cross-entropy averaged over all T + 20 steps. Baseline:
 * the best model without memory predicts blanks until the delimiter and then guesses uniformly among the 8
 * symbols, scoring 10·ln 8 / (T + 20). Solved: test cross-entropy at most a tenth of that baseline (the
 * recalled symbols then carry on average less than 0.21 nats of doubt each).
 */
public final class CopyMemory implements MemoryTask {

    public static final int SYMBOLS = 8;     // data symbols 1 … 8
    public static final int RECALL = 10;     // symbols to remember
    public static final int ALPHABET = 10;   // blank, 8 symbols, delimiter
    public static final int DELIMITER = 9;

    @Override
    public String name() {
        return "copy";
    }

    @Override
    public int steps(int length) {
        return length + 2 * RECALL;
    }

    @Override
    public int features() {
        return ALPHABET;
    }

    @Override
    public int outputs() {
        return ALPHABET;
    }

    @Override
    public boolean perStepOutput() {
        return true;
    }

    @Override
    public Activation outputActivation() {
        return Activation.LINEAR;
    }

    @Override
    public Loss loss() {
        return Loss.sparseCategoricalCrossEntropy(true);
    }

    @Override
    public TaskData generate(int count, int length, long seed) {
        if (length < 1) {
            throw new IllegalArgumentException("copy: length (blanks before the delimiter, plus one) must be at least 1 "
                    + "but is " + length);
        }
        SplittableRandom random = new SplittableRandom(seed);
        int steps = steps(length);
        Tensor x = Tensor.zeros(Precision.FLOAT32, count, steps, ALPHABET);
        Tensor y = Tensor.zeros(Precision.FLOAT32, count, steps);
        int[][] cues = new int[count][RECALL];
        for (int n = 0; n < count; n++) {
            int[] input = new int[steps];
            for (int k = 0; k < RECALL; k++) {
                int symbol = 1 + random.nextInt(SYMBOLS);
                input[k] = symbol;
                y.set(n * steps + length + RECALL + k, symbol);
                cues[n][k] = k;
            }
            input[length + RECALL - 1] = DELIMITER;
            for (int t = 0; t < steps; t++) {
                x.set((n * steps + t) * ALPHABET + input[t], 1);
            }
        }
        return new TaskData(x, y, cues);
    }

    @Override
    public String metricName() {
        return "cross_entropy";
    }

    @Override
    public boolean higherIsBetter() {
        return false;
    }

    @Override
    public double metric(Sequential model, TaskData data) {
        return model.evaluate(data.dataset());
    }

    /** 10·ln 8 / (T + 20), whatever the data. */
    @Override
    public double baseline(TaskData data, int length) {
        return RECALL * Math.log(SYMBOLS) / steps(length);
    }

    @Override
    public boolean solved(double metric, int length) {
        return metric <= baseline(null, length) / 10;
    }

    @Override
    public String solvedRule() {
        return "test cross-entropy <= baseline/10";
    }

    /** Fraction of the 10 recalled symbols whose most likely output is right (for reading results). */
    public double recallAccuracy(Sequential model, TaskData data) {
        Tensor logits = model.predict(data.x());
        int steps = data.x().dim(1);
        int right = 0;
        for (int n = 0; n < data.size(); n++) {
            for (int t = steps - RECALL; t < steps; t++) {
                int best = Classes.argmax(logits, (n * steps + t) * ALPHABET, ALPHABET);
                right += best == (int) data.y().get(n * steps + t) ? 1 : 0;
            }
        }
        return right / (double) (data.size() * RECALL);
    }
}
