package dev.gated.inspect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gated.layer.BuildContext;
import dev.gated.layer.Dense;
import dev.gated.layer.Layer;
import dev.gated.layer.Mode;
import dev.gated.layer.Parameter;
import dev.gated.layer.recurrent.Recurrent;
import dev.gated.loss.Loss;
import dev.gated.model.Fit;
import dev.gated.model.Sequential;
import dev.gated.optim.Adam;
import dev.gated.tensor.Precision;
import dev.gated.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The inspection's numbers against the cell equations computed by hand from the weights, and its gradient
 * norms against the loss's own gradient (last step) and central finite differences (earlier steps).
 */
class InspectorTest {

    static final int T = 4;  // time steps
    static final int I = 2;  // input features
    static final int H = 3;  // hidden units

    /** A FLOAT64 model recurrent(H) → Dense(1), MSE, every weight and bias drawn from U(−0.8, 0.8). */
    static Sequential model(String cell, long seed) {
        IntFunction<Recurrent> factory = factory(cell);
        Sequential model = Sequential.input(T, I).seed(seed).precision(Precision.FLOAT64)
                .add(factory.apply(H)).add(new Dense(1));
        model.compile(new Adam(0.01), Loss.mse());
        SplittableRandom random = new SplittableRandom(seed + 100);
        for (Parameter p : model.parameters()) {
            for (int k = 0; k < p.value().size(); k++) {
                p.value().set(k, random.nextDouble(-0.8, 0.8));
            }
        }
        return model;
    }

    static IntFunction<Recurrent> factory(String cell) {
        return switch (cell) {
            case "lstm" -> Recurrent::lstm;
            case "gru" -> Recurrent::gru;
            case "simple_rnn" -> Recurrent::simpleRnn;
            default -> throw new IllegalArgumentException(cell);
        };
    }

    static Tensor input(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = new double[T * I];
        for (int k = 0; k < x.length; k++) {
            x[k] = random.nextDouble(-1, 1);
        }
        return Tensor.of(x, T, I);
    }

    static final Tensor TARGET = Tensor.of(new double[] {0.7}, 1);

    static Recurrent recurrent(Sequential model) {
        return (Recurrent) model.layers().get(0);
    }

    static double[][] matrix(Tensor t, int rows, int cols) {
        double[][] m = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                m[r][c] = t.get(r * cols + c);
            }
        }
        return m;
    }

    /** z = x_t·W + h·U + b, column k. */
    static double projection(double[][] w, double[][] u, double[] b, Tensor x, int t, double[] h, int k) {
        return inputPart(w, b, x, t, k) + recurrentPart(u, new double[b.length], h, k);
    }

    /** x_t·W + b, column k. */
    static double inputPart(double[][] w, double[] b, Tensor x, int t, int k) {
        double z = b[k];
        for (int i = 0; i < I; i++) {
            z += x.get(t * I + i) * w[i][k];
        }
        return z;
    }

    /** h·U + b̂, column k. */
    static double recurrentPart(double[][] u, double[] bHat, double[] h, int k) {
        double z = bHat[k];
        for (int j = 0; j < H; j++) {
            z += h[j] * u[j][k];
        }
        return z;
    }

    static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    @Test
    void lstmStepsMatchTheEquationsByHand() {
        Sequential model = model("lstm", 1);
        Tensor x = input(2);
        LayerTrace trace = Inspector.inspect(model, x, TARGET).trace();
        List<Parameter> p = recurrent(model).parameters();
        double[][] w = matrix(p.get(0).value(), I, 4 * H);
        double[][] u = matrix(p.get(1).value(), H, 4 * H);
        double[] b = p.get(2).value().toDoubleArray();
        double[] h = new double[H];
        double[] c = new double[H];
        assertEquals(List.of("i", "f", "g", "o"), trace.gateNames());
        for (int t = 0; t < T; t++) {
            double[] in = new double[H];
            double[] fg = new double[H];
            double[] g = new double[H];
            double[] o = new double[H];
            double[] hNext = new double[H];
            for (int j = 0; j < H; j++) {
                in[j] = sigmoid(projection(w, u, b, x, t, h, j));
                fg[j] = sigmoid(projection(w, u, b, x, t, h, H + j));
                g[j] = Math.tanh(projection(w, u, b, x, t, h, 2 * H + j));
                o[j] = sigmoid(projection(w, u, b, x, t, h, 3 * H + j));
            }
            for (int j = 0; j < H; j++) {
                c[j] = fg[j] * c[j] + in[j] * g[j];
                hNext[j] = o[j] * Math.tanh(c[j]);
            }
            h = hNext;
            StepState s = trace.steps().get(t);
            assertEquals(t, s.t());
            assertArrayEquals(in, s.gates().get("i"), 1e-12, "i at t=" + t);
            assertArrayEquals(fg, s.gates().get("f"), 1e-12, "f at t=" + t);
            assertArrayEquals(g, s.gates().get("g"), 1e-12, "g at t=" + t);
            assertArrayEquals(o, s.gates().get("o"), 1e-12, "o at t=" + t);
            assertArrayEquals(c, s.cell(), 1e-12, "c at t=" + t);
            assertArrayEquals(h, s.hidden(), 1e-12, "h at t=" + t);
        }
    }

    @Test
    void gruStepsMatchTheEquationsByHand() {
        Sequential model = model("gru", 3);
        Tensor x = input(4);
        LayerTrace trace = Inspector.inspect(model, x, TARGET).trace();
        List<Parameter> p = recurrent(model).parameters();
        double[][] w = matrix(p.get(0).value(), I, 3 * H);
        double[][] u = matrix(p.get(1).value(), H, 3 * H);
        double[] b = p.get(2).value().toDoubleArray();
        double[] bHat = p.get(3).value().toDoubleArray();  // recurrent bias: reset applied after U
        double[] h = new double[H];
        assertEquals(List.of("r", "z", "n"), trace.gateNames());
        assertNull(trace.cellStates());
        for (int t = 0; t < T; t++) {
            double[] r = new double[H];
            double[] z = new double[H];
            double[] n = new double[H];
            double[] hNext = new double[H];
            for (int j = 0; j < H; j++) {
                // x·W + b and h·U + b̂ kept apart: the reset gate multiplies only the recurrent part of n
                double[] xPart = new double[3];
                double[] hPart = new double[3];
                for (int gate = 0; gate < 3; gate++) {
                    int k = gate * H + j;
                    xPart[gate] = inputPart(w, b, x, t, k);
                    hPart[gate] = recurrentPart(u, bHat, h, k);
                }
                r[j] = sigmoid(xPart[0] + hPart[0]);
                z[j] = sigmoid(xPart[1] + hPart[1]);
                n[j] = Math.tanh(xPart[2] + r[j] * hPart[2]);
                hNext[j] = (1 - z[j]) * n[j] + z[j] * h[j];
            }
            h = hNext;
            StepState s = trace.steps().get(t);
            assertArrayEquals(r, s.gates().get("r"), 1e-12, "r at t=" + t);
            assertArrayEquals(z, s.gates().get("z"), 1e-12, "z at t=" + t);
            assertArrayEquals(n, s.gates().get("n"), 1e-12, "n at t=" + t);
            assertArrayEquals(h, s.hidden(), 1e-12, "h at t=" + t);
            assertNull(s.cell());
        }
    }

    @Test
    void simpleRnnGateIsTheHiddenState() {
        Sequential model = model("simple_rnn", 5);
        Tensor x = input(6);
        LayerTrace trace = Inspector.inspect(model, x, TARGET).trace();
        List<Parameter> p = recurrent(model).parameters();
        double[][] w = matrix(p.get(0).value(), I, H);
        double[][] u = matrix(p.get(1).value(), H, H);
        double[] b = p.get(2).value().toDoubleArray();
        double[] h = new double[H];
        for (int t = 0; t < T; t++) {
            double[] next = new double[H];
            for (int j = 0; j < H; j++) {
                next[j] = Math.tanh(projection(w, u, b, x, t, h, j));
            }
            h = next;
            assertArrayEquals(h, trace.steps().get(t).hidden(), 1e-12, "h at t=" + t);
            assertArrayEquals(h, trace.steps().get(t).gates().get("h"), 1e-12);
        }
    }

    /** Last-output model: ∂L/∂h_{T−1} = ∂L/∂ŷ · W_denseᵀ, with ∂L/∂ŷ = 2(ŷ − y) for MSE on one output. */
    @ParameterizedTest
    @ValueSource(strings = {"lstm", "gru", "simple_rnn"})
    void lastStepGradientNormIsTheOutputGradientThroughTheDenseLayer(String cell) {
        Sequential model = model(cell, 11);
        Inspection in = Inspector.inspect(model, input(12), TARGET);
        double prediction = in.output()[0];
        assertEquals(model.predict(input(12).reshape(1, T, I)).get(0), prediction, 1e-12);
        assertEquals((prediction - 0.7) * (prediction - 0.7), in.loss(), 1e-12);
        Tensor dense = model.layers().get(1).parameters().get(0).value();  // (H, 1)
        double norm = 0;
        for (int j = 0; j < H; j++) {
            norm += dense.get(j) * dense.get(j);
        }
        double expected = Math.abs(2 * (prediction - 0.7)) * Math.sqrt(norm);
        assertEquals(expected, in.trace().gradientNorms()[T - 1], 1e-12);
    }

    /** ‖∂L/∂h_t‖ against central differences of L(h_t) with c_t held fixed, for t = 0 … T−2. */
    @ParameterizedTest
    @ValueSource(strings = {"lstm", "gru", "simple_rnn"})
    void earlierStepGradientNormsMatchFiniteDifferences(String cell) {
        Sequential model = model(cell, 21);
        Tensor x = input(22);
        LayerTrace trace = Inspector.inspect(model, x, TARGET).trace();
        double eps = 1e-6;
        for (int t = 0; t < T - 1; t++) {
            StepState s = trace.steps().get(t);
            double sum = 0;
            for (int j = 0; j < H; j++) {
                double[] plus = s.hidden().clone();
                double[] minus = s.hidden().clone();
                plus[j] += eps;
                minus[j] -= eps;
                double d = (lossFrom(model, cell, x, t, plus, s.cell()) - lossFrom(model, cell, x, t, minus, s.cell()))
                        / (2 * eps);
                sum += d * d;
            }
            double fd = Math.sqrt(sum);
            double engine = s.gradientNorm();
            assertTrue(Math.abs(fd - engine) <= 1e-7 * Math.max(1, engine),
                    cell + " t=" + t + ": finite differences " + fd + " vs inspection " + engine);
        }
    }

    /** L of the model's remaining steps t+1 … T−1 run from state (h, c) at step t, same weights. */
    static double lossFrom(Sequential model, String cell, Tensor x, int t, double[] h, double[] c) {
        int rest = T - 1 - t;
        Recurrent tail = factory(cell).apply(H);
        tail.build(new int[] {rest, I}, new BuildContext(Precision.FLOAT64, new SplittableRandom(0)));
        List<Parameter> from = recurrent(model).parameters();
        List<Parameter> to = tail.parameters();
        for (int k = 0; k < from.size(); k++) {
            to.get(k).value().copyFrom(from.get(k).value());
        }
        Tensor suffix = Tensor.zeros(Precision.FLOAT64, 1, rest, I);
        suffix.copyFrom(x, (t + 1) * I, 0, rest * I);
        Tensor out = tail.call(suffix, null, Tensor.of(h.clone(), 1, H),
                c == null ? null : Tensor.of(c.clone(), 1, H)).output();
        Layer dense = model.layers().get(1);
        Tensor prediction = dense.forward(out, null, Mode.INFERENCE);
        return Loss.mse().compute(prediction, TARGET, null, null);
    }

    /** With the batch's mean loss, example b's gradient is its own divided by B: ‖·‖² adds up over examples. */
    @Test
    void batchGradientNormsCombineThePerExampleNorms() {
        Sequential model = model("lstm", 31);
        int batch = 3;
        Tensor xs = Tensor.zeros(Precision.FLOAT64, batch, T, I);
        Tensor ys = Tensor.zeros(Precision.FLOAT64, batch, 1);
        double[] sumSquares = new double[T];
        for (int b = 0; b < batch; b++) {
            Tensor x = input(40 + b);
            Tensor y = Tensor.of(new double[] {0.1 * b}, 1);
            xs.copyFrom(x, 0, b * T * I, T * I);
            ys.set(b, 0.1 * b);
            double[] norms = Inspector.inspect(model, x, y).trace().gradientNorms();
            for (int t = 0; t < T; t++) {
                sumSquares[t] += (norms[t] / batch) * (norms[t] / batch);
            }
        }
        double[] batchNorms = Inspector.gradientNorms(model, Loss.mse(), xs, ys, null).get(0);
        for (int t = 0; t < T; t++) {
            assertEquals(Math.sqrt(sumSquares[t]), batchNorms[t], 1e-12, "t=" + t);
        }
    }

    /** Inspecting between epochs changes nothing: the twin that was never inspected trains to the same weights. */
    @Test
    void inspectionLeavesTrainingUntouched() {
        Sequential inspected = model("gru", 51);
        Sequential twin = model("gru", 51);
        Tensor xs = Tensor.zeros(Precision.FLOAT64, 8, T, I);
        Tensor ys = Tensor.zeros(Precision.FLOAT64, 8, 1);
        for (int b = 0; b < 8; b++) {
            xs.copyFrom(input(60 + b), 0, b * T * I, T * I);
            ys.set(b, b / 8.0);
        }
        inspected.fit(xs, ys, Fit.epochs(1).batchSize(3).quiet());
        twin.fit(xs, ys, Fit.epochs(1).batchSize(3).quiet());
        Inspector.inspect(inspected, input(70), TARGET);
        assertNull(recurrent(inspected).hiddenGradientNorms(), "recording switched back off");
        inspected.fit(xs, ys, Fit.epochs(2).batchSize(3).quiet().resume());
        twin.fit(xs, ys, Fit.epochs(2).batchSize(3).quiet().resume());
        for (int k = 0; k < twin.parameters().size(); k++) {
            assertArrayEquals(twin.parameters().get(k).value().toDoubleArray(),
                    inspected.parameters().get(k).value().toDoubleArray(), 0.0);
        }
    }

    @Test
    void refusesABatchAndAnUncompiledModel() {
        Sequential model = model("lstm", 81);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Inspector.inspect(model, Tensor.zeros(Precision.FLOAT64, 2, T, I), Tensor.zeros(Precision.FLOAT64, 2)));
        assertTrue(e.getMessage().contains("one sequence at a time"), e.getMessage());
        Sequential raw = Sequential.input(T, I).add(Recurrent.lstm(H)).add(new Dense(1));
        IllegalStateException s = assertThrows(IllegalStateException.class, () -> Inspector.inspect(raw, input(1), TARGET));
        assertTrue(s.getMessage().contains("compile"), s.getMessage());
        IllegalArgumentException g = assertThrows(IllegalArgumentException.class,
                () -> Inspector.inspect(model, input(1), TARGET).trace().gate("r"));
        assertTrue(g.getMessage().contains("[i, f, g, o]"), g.getMessage());
    }
}
