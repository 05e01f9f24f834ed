package dev.gated.gradcheck;

import dev.gated.io.LayerFactory;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gated.gradcheck.RecurrentGradientTest.Kind;
import dev.gated.layer.Layer;
import dev.gated.layer.Mode;
import dev.gated.layer.recurrent.Bidirectional;
import dev.gated.layer.recurrent.Recurrent;
import dev.gated.layer.recurrent.RecurrentState;
import dev.gated.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Recurrent dropout (one mask m (B, H) per sequence on h_{t−1} before U) and input dropout (one mask (B, I)
 * per sequence on x_t): gradient checks with the masks fixed by a training seed, for every cell with and
 * without padding masks, reversed, with an initial state; the mask's shape over time and batch; inference
 * ignoring it; the option surviving config(), replicas, Bidirectional and a model file.
 */
class RecurrentDropoutTest {

    static final int INPUT = 2;  // I
    static final int UNITS = 3;  // H
    static final double RATE = 0.4;

    /** One combination of options and shapes; every one has a mask with both dropped and kept units. */
    record Scenario(String name, int batch, int steps, boolean sequences, boolean reverse, boolean masked,
                    boolean initialState, boolean inputDropout, boolean recurrentDropout) {
        static Scenario of(String name, int batch, int steps, String flags) {
            return new Scenario(name, batch, steps, flags.contains("seq"), flags.contains("rev"),
                    flags.contains("mask"), flags.contains("h0"), flags.contains("in"), !flags.contains("only-in"));
        }
    }

    static final List<Scenario> SCENARIOS = List.of(
            Scenario.of("recurrent dropout", 4, 5, ""),
            Scenario.of("recurrent dropout+sequences", 4, 5, "seq"),
            Scenario.of("recurrent dropout+reverse+sequences", 4, 5, "rev seq"),
            Scenario.of("recurrent dropout+mask", 4, 5, "mask"),
            Scenario.of("recurrent dropout+mask+sequences", 4, 5, "mask seq"),
            Scenario.of("recurrent dropout+reverse+mask+sequences", 4, 5, "rev mask seq"),
            Scenario.of("recurrent dropout+T=1", 4, 1, "seq"),
            Scenario.of("recurrent dropout+B=1", 1, 5, "seq"),
            Scenario.of("recurrent dropout+initial state+sequences", 4, 5, "h0 seq"),
            Scenario.of("recurrent dropout+initial state+reverse+mask+sequences", 4, 5, "h0 rev mask seq"),
            Scenario.of("input+recurrent dropout+mask+sequences", 4, 5, "in mask seq"),
            Scenario.of("input dropout only+reverse+sequences", 4, 5, "only-in in rev seq"));

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
    void gradientsMatchCentralDifferencesWithAFixedMask(Kind kind, Scenario s) {
        long seed = 7000L + 100L * kind.ordinal() + SCENARIOS.indexOf(s);
        Recurrent layer = kind.create(UNITS).returnSequences(s.sequences()).goBackwards(s.reverse());
        if (s.recurrentDropout()) {
            layer.recurrentDropout(RATE);
        }
        if (s.inputDropout()) {
            layer.dropout(RATE);
        }
        Network net = Network.of(new int[] {s.steps(), INPUT}, seed, layer).jitter(seed + 1, 0.2);
        SplittableRandom random = new SplittableRandom(seed + 2);
        Tensor x = Tensors.uniform(random, -1, 1, s.batch(), s.steps(), INPUT);
        Tensor mask = s.masked() ? Tensors.mixedMask(s.batch(), s.steps()) : null;
        Mode mode = Mode.training(pickSeed(layer, s, x, mask));
        String label = kind.label + " " + s.name();
        GradientCheck check = GradientCheck.defaults();
        GradientCheck.Result result = s.initialState()
                ? checkWithInitialState(check, label, kind, layer, net, x, mask, mode, random)
                : net.checkProjection(check, label, x, mask, mode, seed + 3, true);
        result.assertPassed();
        if (mask != null) {
            RecurrentGradientTest.assertMaskedInputsGetZeroGradient(label, result, mask);
        }
        if (s.inputDropout()) {
            assertDroppedInputsGetZeroGradient(label, result, layer.inputDropoutMask(), s.steps());
        }
    }

    /**
     * A training seed whose masks drop some units and keep others (a mask of all ones or all zeros would
     * leave a wrong ⊙ m in backward unseen). B = 1 with H = 3 needs this most.
     */
    private static long pickSeed(Recurrent layer, Scenario s, Tensor x, Tensor mask) {
        for (long seed = 1; ; seed++) {
            layer.forward(x, mask, Mode.training(seed));
            if ((!s.recurrentDropout() || mixed(layer.recurrentDropoutMask()))
                    && (!s.inputDropout() || mixed(layer.inputDropoutMask()))) {
                return seed;
            }
        }
    }

    private static boolean mixed(Tensor m) {
        boolean dropped = false;
        boolean kept = false;
        for (int i = 0; i < m.size(); i++) {
            dropped |= m.get(i) == 0;
            kept |= m.get(i) != 0;
        }
        return dropped && kept;
    }

    private static GradientCheck.Result checkWithInitialState(GradientCheck check, String label, Kind kind,
                                                              Recurrent layer, Network net, Tensor x, Tensor mask,
                                                              Mode mode, SplittableRandom random) {
        int batch = x.dim(0);
        Tensor h0 = Tensors.uniform(random, -0.8, 0.8, batch, UNITS);
        Tensor c0 = kind.hasCellState() ? Tensors.uniform(random, -0.8, 0.8, batch, UNITS) : null;
        RecurrentState state = layer.call(x, mask, h0, c0, mode);
        Tensor r = Tensors.uniform(random, -1, 1, state.output().shape());
        Tensor rh = Tensors.uniform(random, -1, 1, batch, UNITS);
        Tensor rc = kind.hasCellState() ? Tensors.uniform(random, -1, 1, batch, UNITS) : null;
        net.zeroGrad();
        Tensor dx = layer.backward(r, rh, rc);
        Tensor[] dInitial = layer.initialStateGradients();
        List<GradientCheck.Wrt> wrt = new ArrayList<>(net.parameterGradients());
        wrt.add(GradientCheck.Wrt.of("input", x, dx));
        wrt.add(GradientCheck.Wrt.of("h0", h0, dInitial[0]));
        if (c0 != null) {
            wrt.add(GradientCheck.Wrt.of("c0", c0, dInitial[1]));
        }
        return check.run(label, () -> {
            RecurrentState s = layer.call(x, mask, h0, c0, mode);
            double loss = Tensors.dot(s.output(), r) + Tensors.dot(s.finalHidden(), rh);
            return c0 == null ? loss : loss + Tensors.dot(s.finalCell(), rc);
        }, wrt);
    }

    /** An input feature dropped for a sequence never reaches the loss: its gradient is exactly 0 at every step. */
    private static void assertDroppedInputsGetZeroGradient(String label, GradientCheck.Result result, Tensor inputMask,
                                                           int steps) {
        Tensor analytic = result.analytic("input");
        Tensor numeric = result.numeric("input");
        for (int b = 0; b < inputMask.dim(0); b++) {
            for (int i = 0; i < INPUT; i++) {
                if (inputMask.get(b * INPUT + i) != 0) {
                    continue;
                }
                for (int t = 0; t < steps; t++) {
                    int k = (b * steps + t) * INPUT + i;
                    assertEquals(0.0, analytic.get(k), 0.0, label + ": analytic ∂L/∂x at dropped " + analytic.indexOf(k));
                    assertEquals(0.0, numeric.get(k), 0.0, label + ": numeric ∂L/∂x at dropped " + analytic.indexOf(k));
                }
            }
        }
    }

    /**
     * The mask is one per sequence, the same at every step: changing row j of U changes nothing, at any step,
     * for the rows whose mask drops unit j, and changes the outputs of the rows that keep it. Rows differ.
     */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void maskIsTheSameAtEveryStepAndDiffersBetweenRows(Kind kind) {
        int batch = 16;
        int steps = 6;
        Recurrent layer = kind.create(UNITS).returnSequences(true).recurrentDropout(0.5);
        Network.of(new int[] {steps, INPUT}, 41 + kind.ordinal(), layer).jitter(42, 0.2);
        Tensor x = Tensors.uniform(new SplittableRandom(43), -1, 1, batch, steps, INPUT);
        Mode mode = Mode.training(44);
        Tensor before = layer.forward(x, null, mode);
        Tensor m = layer.recurrentDropoutMask();
        assertNotNull(m, kind.label + ": no mask in training");
        assertArrayEquals(new int[] {batch, UNITS}, m.shape());
        for (int i = 0; i < m.size(); i++) {
            assertTrue(m.get(i) == 0 || m.get(i) == 2.0, kind.label + ": mask value " + m.get(i) + " is neither 0 nor 1/(1 − 0.5)");
        }
        assertFalse(sameRows(m, batch), kind.label + ": every row drew the same mask");

        int unit = 1;
        Tensor u = layer.cell().recurrentKernel().value();
        int width = u.dim(1);
        for (int c = 0; c < width; c++) {
            u.add(unit * width + c, 0.5);
        }
        Tensor after = layer.forward(x, null, mode);
        assertArrayEquals(m.toDoubleArray(), layer.recurrentDropoutMask().toDoubleArray(), "the same seed must draw the same mask");
        int droppedRows = 0;
        int keptRows = 0;
        for (int b = 0; b < batch; b++) {
            boolean dropped = m.get(b * UNITS + unit) == 0;
            double change = 0;
            for (int k = b * steps * UNITS; k < (b + 1) * steps * UNITS; k++) {
                change = Math.max(change, Math.abs(after.get(k) - before.get(k)));
            }
            if (dropped) {
                droppedRows++;
                assertEquals(0.0, change, 0.0, kind.label + ": row " + b + " drops unit " + unit
                        + " yet U's row " + unit + " changed its outputs — the mask is not the same at every step");
            } else {
                keptRows++;
                assertTrue(change > 1e-6, kind.label + ": row " + b + " keeps unit " + unit + " but U's row " + unit
                        + " does not reach its outputs");
            }
        }
        assertTrue(droppedRows > 0 && keptRows > 0, "the test needs rows that drop and rows that keep unit " + unit);
    }

    private static boolean sameRows(Tensor m, int batch) {
        for (int b = 1; b < batch; b++) {
            for (int j = 0; j < UNITS; j++) {
                if (m.get(b * UNITS + j) != m.get(j)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Inference ignores both rates; a training forward with rates 0 is the plain layer too. */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void inferenceIgnoresTheMasks(Kind kind) {
        int batch = 5;
        int steps = 4;
        Recurrent plain = kind.create(UNITS).returnSequences(true);
        Recurrent dropped = kind.create(UNITS).returnSequences(true).dropout(0.3).recurrentDropout(0.5);
        Network.of(new int[] {steps, INPUT}, 51, plain);
        Network.of(new int[] {steps, INPUT}, 51, dropped);
        Tensor x = Tensors.uniform(new SplittableRandom(52), -1, 1, batch, steps, INPUT);
        Tensor mask = Tensors.mixedMask(batch, steps);
        Tensor reference = plain.forward(x, mask, Mode.INFERENCE);
        assertArrayEquals(reference.toDoubleArray(), dropped.forward(x, mask, Mode.INFERENCE).toDoubleArray(), kind.label + ": inference");
        assertNull(dropped.recurrentDropoutMask());
        assertNull(dropped.inputDropoutMask());
        assertArrayEquals(reference.toDoubleArray(), plain.forward(x, mask, Mode.training(53)).toDoubleArray(), kind.label + ": rate 0 in training");
        Tensor trained = dropped.forward(x, mask, Mode.training(53));
        assertFalse(Arrays.equals(reference.toDoubleArray(), trained.toDoubleArray()), kind.label + ": training with dropout changed nothing");
        assertArrayEquals(trained.toDoubleArray(), dropped.forward(x, mask, Mode.training(53)).toDoubleArray(), kind.label + ": same seed, same output");
        assertFalse(Arrays.equals(trained.toDoubleArray(), dropped.forward(x, mask, Mode.training(54)).toDoubleArray()),
                kind.label + ": another seed should draw other masks");
    }

    @Test
    void optionSurvivesConfigReplicaAndBidirectional() {
        Recurrent layer = Recurrent.gruResetBefore(4).returnSequences(true).dropout(0.1).recurrentDropout(0.25);
        assertEquals("0.25", layer.config().get("recurrent_dropout"));
        assertEquals("0.1", layer.config().get("dropout"));
        assertFalse(Recurrent.lstm(4).config().containsKey("recurrent_dropout"), "rate 0 is not written");
        Recurrent rebuilt = (Recurrent) LayerFactory.create(layer.type(), layer.config());
        assertEquals(0.25, rebuilt.recurrentDropoutRate());
        assertEquals(0.1, rebuilt.dropoutRate());
        assertEquals(layer.config(), rebuilt.config());

        Network.of(new int[] {3, INPUT}, 61, layer);
        Recurrent replica = layer.replica();
        assertEquals(0.25, replica.recurrentDropoutRate());
        assertEquals(0.1, replica.dropoutRate());

        Bidirectional bi = new Bidirectional(Recurrent.lstm(3).returnSequences(true).recurrentDropout(0.5));
        assertEquals(0.5, bi.backwardLayer().recurrentDropoutRate());
        Layer biRebuilt = LayerFactory.create(bi.type(), bi.config());
        assertEquals(0.5, ((Bidirectional) biRebuilt).forwardLayer().recurrentDropoutRate());
        assertEquals(0.5, ((Bidirectional) biRebuilt).backwardLayer().recurrentDropoutRate());
        Network.of(new int[] {4, INPUT}, 62, bi);
        bi.forward(Tensors.uniform(new SplittableRandom(63), -1, 1, 8, 4, INPUT), null, Mode.training(64));
        assertFalse(Arrays.equals(bi.forwardLayer().recurrentDropoutMask().toDoubleArray(),
                        bi.backwardLayer().recurrentDropoutMask().toDoubleArray()),
                "the two directions of a Bidirectional should draw different masks");
        assertEquals(0.5, bi.replica().backwardLayer().recurrentDropoutRate());
    }

    @Test
    void optionsAreRejectedOutOfRangeAndAfterBuild() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Recurrent.lstm(3).recurrentDropout(1.0));
        assertTrue(e.getMessage().contains("recurrentDropout"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Recurrent.gru(3).dropout(-0.1));
        Recurrent built = Recurrent.simpleRnn(3);
        Network.of(new int[] {2, INPUT}, 71, built);
        IllegalStateException late = assertThrows(IllegalStateException.class, () -> built.recurrentDropout(0.2));
        assertTrue(late.getMessage().contains("recurrentDropout"), late.getMessage());
    }
}
