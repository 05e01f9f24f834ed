package dev.gated.gradcheck;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gated.layer.Activation;
import dev.gated.layer.Dense;
import dev.gated.layer.Mode;
import dev.gated.layer.Parameter;
import dev.gated.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Dense with every activation, on (B, F) and time-distributed (B, T, F) input, B = 1 included. */
class DenseGradientTest {

    static final int FEATURES = 4;
    static final int UNITS = 3;
    /** ReLU inputs are kept this far from the kink at 0, far beyond the stencil's ±2e-4. */
    static final double RELU_MARGIN = 0.02;

    static Stream<Arguments> cases() {
        List<Arguments> list = new ArrayList<>();
        for (Activation a : Activation.values()) {
            list.add(Arguments.of(a, new int[] {3, FEATURES}));
            list.add(Arguments.of(a, new int[] {2, 3, FEATURES}));
            list.add(Arguments.of(a, new int[] {1, FEATURES}));
        }
        return list.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void gradientsMatchCentralDifferences(Activation activation, int[] shape) {
        Dense dense = new Dense(UNITS, activation);
        int[] exampleShape = java.util.Arrays.copyOfRange(shape, 1, shape.length);
        long seed = 31L * activation.ordinal() + shape.length * 7L + shape[0];
        Network net = Network.of(exampleShape, seed, dense).jitter(seed + 1, 0.3);
        Tensor x = input(dense, shape, seed + 2, activation == Activation.RELU);
        String label = "Dense " + activation.label() + " " + (shape.length == 2 ? "2-D" : "3-D") + " B=" + shape[0];
        net.checkProjection(GradientCheck.defaults(), label, x, null, Mode.INFERENCE, seed + 3, true).assertPassed();
    }

    /** Random input; for ReLU, redrawn until every pre-activation x·W + b is at least RELU_MARGIN from 0. */
    private static Tensor input(Dense dense, int[] shape, long seed, boolean avoidZero) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int attempt = 0; attempt < 1000; attempt++) {
            Tensor x = Tensors.uniform(random, -1, 1, shape);
            if (!avoidZero || minAbsPreActivation(dense, x) > RELU_MARGIN) {
                return x;
            }
        }
        throw new AssertionError("no input found whose ReLU pre-activations all lie " + RELU_MARGIN + " from 0 — "
                + "use fewer rows or another seed");
    }

    static double minAbsPreActivation(Dense dense, Tensor x) {
        List<Parameter> p = dense.parameters();
        Tensor w = p.get(0).value();
        Tensor b = p.get(1).value();
        int rows = x.size() / FEATURES;
        double min = Double.POSITIVE_INFINITY;
        for (int r = 0; r < rows; r++) {
            for (int u = 0; u < UNITS; u++) {
                double z = b.get(u);
                for (int f = 0; f < FEATURES; f++) {
                    z += x.get(r * FEATURES + f) * w.get(f * UNITS + u);
                }
                min = Math.min(min, Math.abs(z));
            }
        }
        assertTrue(Double.isFinite(min));
        return min;
    }
}
