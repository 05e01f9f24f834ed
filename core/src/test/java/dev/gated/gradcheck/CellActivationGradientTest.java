package dev.gated.gradcheck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gated.layer.Mode;
import dev.gated.layer.recurrent.Bidirectional;
import dev.gated.layer.recurrent.CellActivation;
import dev.gated.layer.recurrent.Recurrent;
import dev.gated.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Gradient checks of SimpleRNN, LSTM and GRU (reset after and before) with every non-default
 * {@link CellActivation} as {@code activation} and, for the gated cells, as {@code recurrentActivation}:
 * L = Σ output ⊙ R over a masked, reversed batch with every step returned, all parameters and the input.
 * The kinks of relu and the hard sigmoids are measure-zero; inputs are drawn so no pre-activation sits
 * within the finite-difference step of one (a crossing would show up as a failed element, not pass silently).
 */
class CellActivationGradientTest {

    static final int INPUT = 2;
    static final int UNITS = 3;

    enum Kind {
        SIMPLE_RNN(Recurrent::simpleRnn),
        LSTM(Recurrent::lstm),
        GRU(Recurrent::gru),
        GRU_RESET_BEFORE(Recurrent::gruResetBefore);

        final IntFunction<Recurrent> factory;

        Kind(IntFunction<Recurrent> factory) {
            this.factory = factory;
        }
    }

    static Stream<Arguments> cases() {
        List<Arguments> list = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            for (CellActivation a : CellActivation.values()) {
                if (a != CellActivation.TANH) {
                    list.add(Arguments.of(kind, "activation", a));
                }
                if (a != CellActivation.SIGMOID && kind != Kind.SIMPLE_RNN) {
                    list.add(Arguments.of(kind, "recurrent_activation", a));
                }
            }
        }
        return list.stream();
    }

    @ParameterizedTest(name = "{0} {1}={2}")
    @MethodSource("cases")
    void gradientsMatchCentralDifferences(Kind kind, String option, CellActivation value) {
        long seed = 31L * kind.ordinal() + 7L * value.ordinal() + option.length();
        Recurrent layer = kind.factory.apply(UNITS).returnSequences(true).goBackwards(true);
        if (option.equals("activation")) {
            layer.activation(value);
        } else {
            layer.recurrentActivation(value);
        }
        int batch = 4;
        int steps = 5;
        Network net = Network.of(new int[] {steps, INPUT}, seed, layer).jitter(seed + 1, 0.2);
        Tensor x = Tensors.uniform(new SplittableRandom(seed + 2), -1, 1, batch, steps, INPUT);
        Tensor mask = Tensors.mixedMask(batch, steps);
        String label = kind + " " + option + "=" + value;
        GradientCheck check = GradientCheck.builder().threePoint(1e-6).maxRelativeError(1e-5).build();
        GradientCheck.Result result = net.checkProjection(check, label, x, mask, Mode.INFERENCE, seed + 3, true);
        result.assertPassed();
        RecurrentGradientTest.assertMaskedInputsGetZeroGradient(label, result, mask);
    }

    @Test
    void defaultsAreTanhAndSigmoidAndUnusedOptionsAreRefused() {
        Recurrent lstm = Recurrent.lstm(2);
        assertEquals(CellActivation.TANH, lstm.cell().activation());
        assertEquals(CellActivation.SIGMOID, lstm.cell().recurrentActivation());
        assertTrue(lstm.config().keySet().stream().noneMatch(k -> k.contains("activation")),
                "default cells write no activation keys, so their model files are unchanged");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Recurrent.simpleRnn(2).recurrentActivation(CellActivation.HARD_SIGMOID_KERAS2));
        assertTrue(e.getMessage().contains("no gates"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CellActivation.parse("hard_sigmoid"));
        assertTrue(e.getMessage().contains("hard_sigmoid_keras2 (clip(0.2x + 0.5, 0, 1))"), e.getMessage());
    }

    @Test
    void theTwoHardSigmoidsAreKerasTwoAndKerasThree() {
        double[] x = {-4, -2.5, -1, 0, 0.7, 2.5, 3.2};
        double[] keras2 = new double[x.length];
        double[] keras3 = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            keras2[i] = CellActivation.HARD_SIGMOID_KERAS2.apply(x[i]);
            keras3[i] = CellActivation.HARD_SIGMOID_KERAS3.apply(x[i]);
        }
        // Keras 2: clip(0.2x + 0.5, 0, 1); Keras 3: relu6(x + 3) / 6, values worked by hand
        assertArrayEquals(new double[] {0, 0, 0.3, 0.5, 0.64, 1, 1}, keras2, 1e-15);
        assertArrayEquals(new double[] {0, 0.5 / 6, 2.0 / 6, 0.5, 3.7 / 6, 5.5 / 6, 1}, keras3, 1e-15);
    }

    /** A batch large enough to be split across threads gives each row the answer it gets alone. */
    @Test
    void largeBatchesSplitAcrossThreadsGiveEachRowsOwnAnswer() {
        for (Kind kind : Kind.values()) {
            Recurrent layer = kind.factory.apply(48).returnSequences(true).activation(CellActivation.RELU);
            if (kind != Kind.SIMPLE_RNN) {
                layer.recurrentActivation(CellActivation.HARD_SIGMOID_KERAS3);
            }
            Network net = Network.of(new int[] {4, 8}, 5, layer);
            Tensor x = Tensors.uniform(new SplittableRandom(6), -2, 2, 96, 4, 8);
            Tensor all = net.forward(x, null, Mode.INFERENCE);
            int per = all.size() / 96;
            float[] whole = all.toFloatArray();
            for (int b = 0; b < 96; b += 17) {
                Tensor row = Tensor.zeros(x.precision(), 1, 4, 8);
                row.copyFrom(x, b * 32, 0, 32);
                float[] alone = net.forward(row, null, Mode.INFERENCE).toFloatArray();
                assertArrayEquals(alone, java.util.Arrays.copyOfRange(whole, b * per, (b + 1) * per), kind + " row " + b);
            }
        }
    }

    @Test
    void bidirectionalMirrorsTheActivations() {
        Bidirectional bi = new Bidirectional(Recurrent.gru(3).activation(CellActivation.RELU)
                .recurrentActivation(CellActivation.HARD_SIGMOID_KERAS3));
        assertEquals(CellActivation.RELU, bi.backwardLayer().cell().activation());
        assertEquals(CellActivation.HARD_SIGMOID_KERAS3, bi.backwardLayer().cell().recurrentActivation());
        assertEquals("hard_sigmoid_keras3", bi.config().get("recurrent_activation"));
    }
}
