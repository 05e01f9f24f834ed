package dev.gated.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gated.data.Dataset;
import dev.gated.layer.Dense;
import dev.gated.layer.recurrent.Recurrent;
import dev.gated.loss.Loss;
import dev.gated.optim.Adam;
import dev.gated.tensor.Precision;
import dev.gated.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Evaluation of masked sequence outputs averages over valid steps, independent of how rows fall into batches. */
class MaskedEvaluationTest {

    @Test
    void maskedLossIsTheMeanOverValidStepsWhateverTheBatching() {
        int n = 300;
        int steps = 6;
        Tensor x = Tensor.zeros(Precision.FLOAT64, n, steps, 1);
        Tensor y = Tensor.zeros(Precision.FLOAT64, n, steps, 1);
        Tensor mask = Tensor.zeros(Precision.FLOAT64, n, steps);
        for (int i = 0; i < n; i++) {
            int valid = i < 256 ? 1 : steps; // the first batch of 256 rows is mostly padding, the rest is not
            for (int t = 0; t < steps; t++) {
                x.set(i * steps + t, Math.sin(0.3 * (i + t)));
                y.set(i * steps + t, Math.cos(0.3 * (i + t)));
                mask.set(i * steps + t, t >= steps - valid ? 1 : 0);
            }
        }
        Sequential model = Sequential.input(steps, 1).precision(Precision.FLOAT64).seed(2)
                .add(Recurrent.gru(3).returnSequences(true)).add(new Dense(1));
        model.compile(new Adam(0.01), Loss.mse());
        Dataset data = new Dataset(x, y, mask);
        double evaluated = model.evaluate(data);

        Tensor prediction = model.predict(x, mask);
        double sum = 0;
        int valid = 0;
        for (int i = 0; i < n * steps; i++) {
            if (mask.get(i) != 0) {
                double d = prediction.get(i) - y.get(i);
                sum += d * d;
                valid++;
            }
        }
        assertEquals(sum / valid, evaluated, 1e-12);
    }
}
