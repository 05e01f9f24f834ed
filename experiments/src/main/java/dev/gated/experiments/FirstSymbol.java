package dev.gated.experiments;

import dev.gated.layer.Activation;
import dev.gated.loss.Loss;
import dev.gated.model.Sequential;
import dev.gated.tensor.Precision;
import dev.gated.tensor.Tensor;
import java.util.SplittableRandom;

/**
 * "Remember the first symbol": classify a sequence by the symbol it started with, T steps ago.
 *
 * <pre>
 * input   s_0, d_1, …, d_T      all ~ U{0 … 7}, one-hot (8 features), T' = T + 1 steps
 * target  s_0                    read from the last step's output (Dense(8) logits)
 * </pre>
 * The distractors d_t come from the same alphabet, so the network must hold s_0 itself, not just notice
 * which symbols occurred. Baseline: predicting the most frequent class, accuracy ≈ 1/8. Solved: test
 * accuracy ≥ 0.95.
 */
public final class FirstSymbol implements MemoryTask {

    public static final int SYMBOLS = 8;
    public static final double SOLVED_ACCURACY = 0.95;

    @Override
    public String name() {
        return "first-symbol";
    }

    @Override
    public int steps(int length) {
        return length + 1;
    }

    @Override
    public int features() {
        return SYMBOLS;
    }

    @Override
    public int outputs() {
        return SYMBOLS;
    }

    @Override
    public boolean perStepOutput() {
        return false;
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
            throw new IllegalArgumentException("first-symbol: length (the lag) must be at least 1 but is " + length);
        }
        SplittableRandom random = new SplittableRandom(seed);
        int steps = steps(length);
        Tensor x = Tensor.zeros(Precision.FLOAT32, count, steps, SYMBOLS);
        Tensor y = Tensor.zeros(Precision.FLOAT32, count);
        int[][] cues = new int[count][];
        for (int n = 0; n < count; n++) {
            for (int t = 0; t < steps; t++) {
                int symbol = random.nextInt(SYMBOLS);
                x.set((n * steps + t) * SYMBOLS + symbol, 1);
                if (t == 0) {
                    y.set(n, symbol);
                }
            }
            cues[n] = new int[] {0};
        }
        return new TaskData(x, y, cues);
    }

    @Override
    public String metricName() {
        return "accuracy";
    }

    @Override
    public boolean higherIsBetter() {
        return true;
    }

    @Override
    public double metric(Sequential model, TaskData data) {
        Tensor logits = model.predict(data.x());
        int right = 0;
        for (int n = 0; n < data.size(); n++) {
            right += Classes.argmax(logits, n * SYMBOLS, SYMBOLS) == (int) data.y().get(n) ? 1 : 0;
        }
        return right / (double) data.size();
    }

    /** Accuracy of always predicting the most frequent class of {@code data}. */
    @Override
    public double baseline(TaskData data, int length) {
        int[] counts = new int[SYMBOLS];
        for (int n = 0; n < data.size(); n++) {
            counts[(int) data.y().get(n)]++;
        }
        int most = 0;
        for (int c : counts) {
            most = Math.max(most, c);
        }
        return most / (double) data.size();
    }

    @Override
    public boolean solved(double metric, int length) {
        return metric >= SOLVED_ACCURACY;
    }

    @Override
    public String solvedRule() {
        return "test accuracy >= 0.95";
    }
}
