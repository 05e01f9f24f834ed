package dev.gated.extension;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gated.gradcheck.GradientCheck;
import dev.gated.io.LayerFactory;
import dev.gated.layer.Dense;
import dev.gated.layer.Mode;
import dev.gated.layer.Parameter;
import dev.gated.layer.recurrent.Recurrent;
import dev.gated.loss.Loss;
import dev.gated.model.Fit;
import dev.gated.model.Model;
import dev.gated.model.Sequential;
import dev.gated.model.StreamState;
import dev.gated.optim.Adam;
import dev.gated.tensor.Precision;
import dev.gated.tensor.Shape;
import dev.gated.tensor.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user-written cell, from outside the engine's packages: runs over time with masks and reversal, is
 * gradient-checked by the public checker, trains in a custom loop, streams, and saves once registered.
 */
class UserCellTest {

    @TempDir
    Path dir;

    static Tensor uniform(long seed, int... shape) {
        SplittableRandom random = new SplittableRandom(seed);
        Tensor t = Tensor.zeros(Precision.FLOAT64, shape);
        for (int i = 0; i < t.size(); i++) {
            t.set(i, 2 * random.nextDouble() - 1);
        }
        return t;
    }

    static double dot(Tensor a, Tensor b) {
        double s = 0;
        for (int i = 0; i < a.size(); i++) {
            s += a.get(i) * b.get(i);
        }
        return s;
    }

    @Test
    void gradientCheckerAcceptsAUserCell() {
        for (boolean backwards : new boolean[] {false, true}) {
            Sequential model = Sequential.input(Shape.anyLength(3)).precision(Precision.FLOAT64).seed(4)
                    .add(new Recurrent(new MinimalGatedCell(4)).returnSequences(true).goBackwards(backwards))
                    .add(new Dense(2)).build();
            SplittableRandom jitter = new SplittableRandom(5);
            for (Parameter p : model.parameters()) {
                for (int i = 0; i < p.value().size(); i++) {
                    p.value().add(i, 0.2 * (2 * jitter.nextDouble() - 1));
                }
            }
            Tensor x = uniform(6, 3, 5, 3);
            Tensor mask = Tensor.of(new double[] {1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 1, 1, 1}, 3, 5);
            Tensor r = uniform(7, 3, 5, 2);
            for (Parameter p : model.parameters()) {
                p.zeroGrad();
            }
            model.forward(List.of(x), java.util.Arrays.asList(mask), Mode.INFERENCE, null);
            model.backward(List.of(r));
            List<GradientCheck.Wrt> wrt = new ArrayList<>(GradientCheck.Wrt.parameters("mgu", model.parameters()));
            GradientCheck.Result result = GradientCheck.defaults().run("user-written minimal gated unit"
                    + (backwards ? ", reversed" : "") + ", masked", () ->
                    dot(model.forward(List.of(x), java.util.Arrays.asList(mask), Mode.INFERENCE, null).outputs().get(0), r), wrt);
            result.assertPassed();
        }
    }

    @Test
    void trainsStreamsAndSavesOnceRegistered() throws Exception {
        LayerFactory.registerCell("minimal_gated", MinimalGatedCell::new);
        Sequential model = Sequential.input(Shape.anyLength(1)).seed(8)
                .add(new Recurrent(new MinimalGatedCell(8))).add(new Dense(1));
        model.compile(new Adam(0.02), Loss.mse());
        Tensor x = Tensor.zeros(Precision.FLOAT32, 128, 6, 1);
        Tensor y = Tensor.zeros(Precision.FLOAT32, 128, 1);
        SplittableRandom random = new SplittableRandom(9);
        for (int i = 0; i < 128; i++) {
            double sum = 0;
            for (int t = 0; t < 6; t++) {
                double v = random.nextDouble();
                x.set(i * 6 + t, v);
                sum += v;
            }
            y.set(i, sum / 6);
        }
        var history = model.fit(x, y, Fit.epochs(30).quiet());
        assertTrue(history.finalLoss() < 0.2 * history.loss()[0], "loss " + history.loss()[0] + " → " + history.finalLoss());
        StreamState state = model.newState(128);
        Tensor streamed = null;
        for (int t = 0; t < 6; t++) {
            streamed = model.step(state, x.timeSlice(t, t + 1));
        }
        assertArrayEquals(model.predict(x).toFloatArray(), streamed.toFloatArray(), 1e-6f);
        Path file = dir.resolve("mgu.gated");
        model.save(file);
        Model loaded = Model.load(file);
        assertArrayEquals(model.predict(x).toFloatArray(), loaded.predict(x).toFloatArray());
    }
}
