package dev.gated.gradcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gated.layer.Mode;
import dev.gated.layer.recurrent.Cell;
import dev.gated.layer.recurrent.Recurrent;
import dev.gated.layer.recurrent.RecurrentState;
import dev.gated.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Gradient checks of every recurrent cell under every layer option: return sequences or last output only,
 * reversed direction, masks (left, right and no padding in one batch; also holes between valid steps),
 * T = 1, B = 1, a given initial state
 * (whose gradient is checked too) and PyTorch initialisation. L = Σ output ⊙ R (+ Σ h_T ⊙ R_h + Σ c_T ⊙ R_c
 * when the initial state is given, so the final-state gradient inputs of backward are exercised).
 */
class RecurrentGradientTest {

    static final int INPUT = 2;  // I
    static final int UNITS = 3;  // H

    /** The four cells. */
    enum Kind {
        SIMPLE_RNN("SimpleRNN", Recurrent::simpleRnn),
        LSTM("LSTM", Recurrent::lstm),
        GRU("GRU", Recurrent::gru),
        GRU_RESET_BEFORE("GRU reset-before", Recurrent::gruResetBefore);

        final String label;
        final IntFunction<Recurrent> factory;

        Kind(String label, IntFunction<Recurrent> factory) {
            this.label = label;
            this.factory = factory;
        }

        Recurrent create(int units) {
            return factory.apply(units);
        }

        boolean hasCellState() {
            return this == LSTM;
        }
    }

    /** One combination of options and shapes. */
    record Scenario(String name, int batch, int steps, boolean sequences, boolean reverse, boolean masked,
                    boolean initialState, boolean pytorchInit, boolean gaps) {
        static Scenario of(String name, int batch, int steps, String flags) {
            return new Scenario(name, batch, steps, flags.contains("seq"), flags.contains("rev"),
                    flags.contains("mask"), flags.contains("h0"), flags.contains("torch"), flags.contains("gaps"));
        }

        Tensor mask() {
            if (!masked) {
                return null;
            }
            return gaps ? Tensors.gappedMask(batch, steps) : Tensors.mixedMask(batch, steps);
        }
    }

    static final List<Scenario> SCENARIOS = List.of(
            Scenario.of("last", 3, 4, ""),
            Scenario.of("sequences", 3, 4, "seq"),
            Scenario.of("reverse", 3, 4, "rev"),
            Scenario.of("reverse+sequences", 3, 4, "rev seq"),
            Scenario.of("mask", 4, 5, "mask"),
            Scenario.of("mask+sequences", 4, 5, "mask seq"),
            Scenario.of("reverse+mask", 4, 5, "rev mask"),
            Scenario.of("reverse+mask+sequences", 4, 5, "rev mask seq"),
            Scenario.of("T=1", 3, 1, ""),
            Scenario.of("T=1+sequences", 3, 1, "seq"),
            Scenario.of("B=1", 1, 4, ""),
            Scenario.of("B=1+sequences+reverse", 1, 4, "seq rev"),
            Scenario.of("B=1+T=1", 1, 1, ""),
            Scenario.of("initial state", 3, 4, "h0"),
            Scenario.of("initial state+sequences", 3, 4, "h0 seq"),
            Scenario.of("initial state+reverse+mask+sequences", 4, 5, "h0 rev mask seq"),
            Scenario.of("pytorch init+sequences", 3, 4, "torch seq"),
            Scenario.of("mask with gaps", 4, 5, "mask gaps"),
            Scenario.of("initial state+mask with gaps+reverse", 4, 5, "h0 mask gaps rev"));

    static Stream<Arguments> cases() {
        List<Arguments> list = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            for (Scenario s : SCENARIOS) {
                list.add(Arguments.of(kind, s));
            }
        }
        return list.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void gradientsMatchCentralDifferences(Kind kind, Scenario s) {
        long seed = 1000L * kind.ordinal() + SCENARIOS.indexOf(s);
        Recurrent layer = kind.create(UNITS).returnSequences(s.sequences()).goBackwards(s.reverse());
        if (s.pytorchInit()) {
            layer.init(Cell.Init.PYTORCH);
        }
        Network net = Network.of(new int[] {s.steps(), INPUT}, seed, layer);
        if (!s.pytorchInit()) {
            net.jitter(seed + 1, 0.2);
        }
        SplittableRandom random = new SplittableRandom(seed + 2);
        Tensor x = Tensors.uniform(random, -1, 1, s.batch(), s.steps(), INPUT);
        Tensor mask = s.mask();
        String label = kind.label + " " + s.name();
        GradientCheck check = GradientCheck.defaults();
        GradientCheck.Result result = s.initialState()
                ? checkWithInitialState(check, label, kind, layer, net, x, mask, random)
                : net.checkProjection(check, label, x, mask, Mode.INFERENCE, seed + 3, true);
        result.assertPassed();
        if (mask != null) {
            assertMaskedInputsGetZeroGradient(label, result, mask);
        }
    }

    private static GradientCheck.Result checkWithInitialState(GradientCheck check, String label, Kind kind,
                                                              Recurrent layer, Network net, Tensor x, Tensor mask,
                                                              SplittableRandom random) {
        int batch = x.dim(0);
        Tensor h0 = Tensors.uniform(random, -0.8, 0.8, batch, UNITS);
        Tensor c0 = kind.hasCellState() ? Tensors.uniform(random, -0.8, 0.8, batch, UNITS) : null;
        RecurrentState state = layer.call(x, mask, h0, c0);
        Tensor r = Tensors.uniform(random, -1, 1, state.output().shape());
        Tensor rh = Tensors.uniform(random, -1, 1, batch, UNITS);
        Tensor rc = kind.hasCellState() ? Tensors.uniform(random, -1, 1, batch, UNITS) : null;
        net.zeroGrad();
        Tensor dx = layer.backward(r, rh, rc);
        Tensor[] dInitial = layer.initialStateGradients();
        assertEquals(kind.hasCellState() ? 2 : 1, dInitial.length, label + ": initialStateGradients() length");
        List<GradientCheck.Wrt> wrt = new ArrayList<>(net.parameterGradients());
        wrt.add(GradientCheck.Wrt.of("input", x, dx));
        wrt.add(GradientCheck.Wrt.of("h0", h0, dInitial[0]));
        if (c0 != null) {
            wrt.add(GradientCheck.Wrt.of("c0", c0, dInitial[1]));
        }
        return check.run(label, () -> {
            RecurrentState s = layer.call(x, mask, h0, c0);
            double loss = Tensors.dot(s.output(), r) + Tensors.dot(s.finalHidden(), rh);
            return c0 == null ? loss : loss + Tensors.dot(s.finalCell(), rc);
        }, wrt);
    }

    /** A padded step's input never reaches the output: its gradient must be exactly 0, analytic and numeric. */
    static void assertMaskedInputsGetZeroGradient(String label, GradientCheck.Result result, Tensor mask) {
        Tensor analytic = result.analytic("input");
        Tensor numeric = result.numeric("input");
        int features = analytic.dim(2);
        int checked = 0;
        for (int bt = 0; bt < mask.size(); bt++) {
            if (mask.get(bt) != 0) {
                continue;
            }
            for (int f = 0; f < features; f++) {
                int i = bt * features + f;
                assertEquals(0.0, analytic.get(i), 0.0, label + ": analytic ∂L/∂x at padded " + analytic.indexOf(i));
                assertEquals(0.0, numeric.get(i), 0.0, label + ": numeric ∂L/∂x at padded " + analytic.indexOf(i));
                checked++;
            }
        }
        assertEquals(Tensors.padded(mask) * features, checked);
    }
}
