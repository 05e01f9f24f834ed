package dev.gated.experiments;

import dev.gated.layer.Activation;
import dev.gated.loss.Loss;
import dev.gated.model.Sequential;
import dev.gated.tensor.Precision;
import dev.gated.tensor.Tensor;
import java.util.SplittableRandom;

/**
 * The adding problem (Hochreiter &amp; Schmidhuber, 1997; in the form of Le et al., 2015 and Arjovsky et al., 2016):
 *
 * <pre>
 * x_t = (v_t, m_t)     v_t ~ U[0, 1],  t = 0 … T−1
 * m_t = 1 at exactly two steps: a ~ U{0 … ⌈T/2⌉−1} (first half) and b ~ U{⌈T/2⌉ … T−1} (second half); 0 elsewhere
 * y   = v_a + v_b      read from the last step's output: the first number must be kept T−a ≥ T/2 steps
 * </pre>
 * Baseline: always predict 1 = E[y]; its MSE is Var(y) = 2·(1/12) = 1/6 ≈ 0.167. Solved (as in Campos et al.,
 * "Skip RNN", ICLR 2018): test MSE at least 100× below that variance, i.e. MSE &lt; 1/600 ≈ 0.00167.
 */
public final class AddingProblem implements MemoryTask {

    /** Var(v_a + v_b) for two independent U[0, 1] numbers. */
    public static final double TARGET_VARIANCE = 1.0 / 6;

    @Override
    public String name() {
        return "adding";
    }

    @Override
    public int steps(int length) {
        return length;
    }

    @Override
    public int features() {
        return 2;
    }

    @Override
    public int outputs() {
        return 1;
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
        return Loss.mse();
    }

    @Override
    public TaskData generate(int count, int length, long seed) {
        if (length < 2) {
            throw new IllegalArgumentException("adding: length must be at least 2 (one marker in each half) but is "
                    + length);
        }
        SplittableRandom random = new SplittableRandom(seed);
        int half = (length + 1) / 2;
        Tensor x = Tensor.zeros(Precision.FLOAT32, count, length, 2);
        Tensor y = Tensor.zeros(Precision.FLOAT32, count, 1);
        int[][] cues = new int[count][];
        for (int n = 0; n < count; n++) {
            int a = random.nextInt(half);
            int b = half + random.nextInt(length - half);
            int row = n * length * 2;
            for (int t = 0; t < length; t++) {
                x.set(row + 2 * t, (float) random.nextDouble());
            }
            x.set(row + 2 * a + 1, 1);
            x.set(row + 2 * b + 1, 1);
            y.set(n, x.get(row + 2 * a) + x.get(row + 2 * b));
            cues[n] = new int[] {a, b};
        }
        return new TaskData(x, y, cues);
    }

    @Override
    public String metricName() {
        return "mse";
    }

    @Override
    public boolean higherIsBetter() {
        return false;
    }

    @Override
    public double metric(Sequential model, TaskData data) {
        Tensor prediction = model.predict(data.x());
        double sum = 0;
        for (int n = 0; n < data.size(); n++) {
            double e = prediction.get(n) - data.y().get(n);
            sum += e * e;
        }
        return sum / data.size();
    }

    /** MSE of always predicting 1 on {@code data} (≈ 1/6 over many examples). */
    @Override
    public double baseline(TaskData data, int length) {
        double sum = 0;
        for (int n = 0; n < data.size(); n++) {
            double e = 1 - data.y().get(n);
            sum += e * e;
        }
        return sum / data.size();
    }

    @Override
    public boolean solved(double metric, int length) {
        return metric < TARGET_VARIANCE / 100;
    }

    @Override
    public String solvedRule() {
        return "test MSE < Var(y)/100 = 0.00167";
    }
}
