package dev.gated.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gated.layer.Dense;
import dev.gated.layer.recurrent.Recurrent;
import dev.gated.loss.Loss;
import dev.gated.optim.Adam;
import dev.gated.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The tutorial program every LSTM introduction shows, in Java: 490 windows of 10 samples of sin(x) on
 * linspace(0, 100, 500), LSTM(50) + Dense(1), Adam, MSE, 20 epochs, batch 32.
 */
class SineYardstickTest {

    static Tensor[] sineWindows() {
        int points = 500;
        int window = 10;
        int n = points - window;
        double[] xs = new double[points];
        for (int i = 0; i < points; i++) {
            xs[i] = 100.0 * i / (points - 1);
        }
        float[] x = new float[n * window];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < window; t++) {
                x[i * window + t] = (float) Math.sin(xs[i + t]);
            }
            y[i] = (float) Math.sin(xs[i + window]);
        }
        return new Tensor[] {Tensor.of(x, n, window, 1), Tensor.of(y, n, 1)};
    }

    @Test
    void lstmLearnsTheSineWaveBelowOneThousandth() {
        Tensor[] data = sineWindows();
        Sequential model = Sequential.input(10, 1)
                .add(Recurrent.lstm(50))
                .add(new Dense(1));
        model.compile(new Adam(0.001), Loss.mse());
        History history = model.fit(data[0], data[1], Fit.epochs(20));
        System.out.println(model.summary());
        System.out.println("final training MSE " + history.finalLoss());
        assertTrue(history.finalLoss() < 1e-3, "final MSE " + history.finalLoss());
    }
}
