package dev.gated.reference;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gated.reference.RecurrentCase.Data;
import dev.gated.reference.RecurrentCase.Kind;
import dev.gated.reference.RecurrentCase.Result;
import dev.gated.reference.TorchReference.Family;
import dev.gated.reference.TorchReference.Report;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Gated's recurrent layers against PyTorch 2.7.1 itself ({@code torch.nn.RNN / LSTM / GRU}'s ops, run
 * in-process through DJL, offline — see {@link TorchReference}): the same float32 weights and inputs on both
 * sides; outputs at every step, final states, and the gradients of the input, the initial state and every
 * weight and bias compared, each within {@code |Δ| ≤ 1e-5 · max(1, |torch|)}, with the differences printed.
 *
 * <p>The loss reaches every output and every final state through fixed random weightings R:
 * <pre>
 * L = Σ output ⊙ R  +  Σ h_n ⊙ R₂  (+ Σ c_n ⊙ R₃ for LSTM)
 * </pre>
 *
 * <p><b>Parameter mapping</b> (G gates, H units, I inputs of the layer; Gated stores x·W, PyTorch W·x):
 * <pre>
 * PyTorch (per layer l, "_reverse" for the backward direction)    Gated (Cell)
 * weight_ih_l{l}   (G·H, I)                                       kernel W (I, G·H)             weight_ih = Wᵀ
 * weight_hh_l{l}   (G·H, H)                                       recurrent_kernel U (H, G·H)   weight_hh = Uᵀ
 * bias_ih_l{l} + bias_hh_l{l}   (G·H)   RNN, LSTM                 bias b (G·H): one bias, the sum
 *     so ∂L/∂b must equal both bias_ih.grad and bias_hh.grad (each bias enters the pre-activation once)
 * bias_ih_l{l}  (G·H)   GRU                                       bias b
 * bias_hh_l{l}  (G·H)   GRU                                       recurrent_bias b̂ (GruCell.recurrentBias())
 *     the GRU needs both: b̂_n sits inside the reset gate, n = tanh(x·W_n + b_n + r ⊙ (h·U_n + b̂_n))
 * gate order along G·H: LSTM i | f | g | o, GRU r | z | n (both frameworks); GRU is reset-after in both
 * h_n, c_n (L·D, B, H), slot l·D + d   ↔  finalHidden(), finalCell() of layer l's direction d
 * bidirectional output (B, T, 2H) = [forward, reverse] ↔  Bidirectional(…, CONCAT); its backwardLayer() is a
 *     goBackwards(true) Recurrent whose outputs stay aligned with t; its final state is the one after t = 0
 * </pre>
 * Dropout is off (PyTorch's {@code dropout=0}); stacked layers feed the previous layer's full output
 * sequence in, as {@code num_layers=2} does.
 *
 * <p>Each case prints one line per tensor ({@code LSTM weight_hh_l0 grad: max|Δ|=3.1e-7 rel=2.0e-7}) and a
 * {@code SUMMARY} line with the worst difference per family (outputs, final states, input grad,
 * initial-state grads, weight grads).
 */
class RecurrentReferenceTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    void oneLayer(Kind kind) {
        check(RecurrentCase.of(kind, "one layer", 1, false, false));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    void twoStackedLayers(Kind kind) {
        check(RecurrentCase.of(kind, "two stacked layers", 2, false, false));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    void bidirectional(Kind kind) {
        check(RecurrentCase.of(kind, "bidirectional", 1, true, false));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    void nonZeroInitialState(Kind kind) {
        check(RecurrentCase.of(kind, "non-zero initial state", 1, false, true));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    void twoBidirectionalLayersFromANonZeroState(Kind kind) {
        check(RecurrentCase.of(kind, "two bidirectional layers, non-zero initial state", 2, true, true));
    }

    /** The wrapper's own forward (concatenation) and backward (split, sum of ∂x), loss on the outputs only. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    void bidirectionalWrapperForwardAndBackward(Kind kind) {
        check(new RecurrentCase(kind, "Bidirectional wrapper", 1, true, false, true, false));
    }

    /** The comparison has teeth: Gated loaded with two gate blocks swapped must disagree with PyTorch. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Kind.class, names = {"LSTM", "GRU"})
    void aSwappedGatePairIsCaught(Kind kind) {
        Report report = compare(new RecurrentCase(kind, "planted bug", 1, false, false, false, true));
        System.out.println(report.summary());
        assertFalse(report.passed(), "swapping gate blocks 0 and 1 went unnoticed — the comparison cannot catch a wrong "
                + "gate order");
    }

    private static void check(RecurrentCase c) {
        Report report = compare(c);
        System.out.println(report.summary());
        assertTrue(report.passed(), report.summary());
    }

    /** Runs both sides on the case's data and compares every tensor PyTorch produced. */
    private static Report compare(RecurrentCase c) {
        Data d = c.data();
        Result torch = TorchRecurrent.run(c, d);
        Result gated = new GatedRecurrent(c, d).run();
        Report report = new Report(c.title());
        String k = c.kind().toString();
        report.compare(Family.OUTPUT, k + " output (B,T," + (c.directions() == 2 ? "2H" : "H") + ")", gated.output, torch.output);
        if (gated.hN != null) {
            report.compare(Family.STATE, k + " h_n", gated.hN, torch.hN);
            if (gated.cN != null) {
                report.compare(Family.STATE, k + " c_n", gated.cN, torch.cN);
            }
        }
        report.compare(Family.INPUT_GRAD, k + " input grad", gated.dx, torch.dx);
        report.compare(Family.INITIAL_STATE_GRAD, k + " h_0 grad", gated.dh0, torch.dh0);
        if (gated.dc0 != null) {
            report.compare(Family.INITIAL_STATE_GRAD, k + " c_0 grad", gated.dc0, torch.dc0);
        }
        boolean gru = c.kind() == Kind.GRU;
        for (int s = 0; s < c.slots(); s++) {
            String sfx = c.suffix(s);
            report.compare(Family.WEIGHT_GRAD, k + " weight_ih_" + sfx + " grad (Wᵀ)", gated.dWih[s], torch.dWih[s]);
            report.compare(Family.WEIGHT_GRAD, k + " weight_hh_" + sfx + " grad (Uᵀ)", gated.dWhh[s], torch.dWhh[s]);
            report.compare(Family.WEIGHT_GRAD, k + " bias_ih_" + sfx + " grad (b)", gated.dBih[s], torch.dBih[s]);
            report.compare(Family.WEIGHT_GRAD, k + " bias_hh_" + sfx + " grad (" + (gru ? "b̂" : "b") + ")",
                    gated.dBhh[s], torch.dBhh[s]);
        }
        return report;
    }
}
