package dev.gated.gradcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gated.layer.BuildContext;
import dev.gated.layer.Layer;
import dev.gated.layer.Mode;
import dev.gated.layer.Parameter;
import dev.gated.layer.recurrent.Bidirectional;
import dev.gated.layer.recurrent.Recurrent;
import dev.gated.layer.recurrent.RecurrentState;
import dev.gated.tensor.Precision;
import dev.gated.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Padding carries the state, so the same sequences padded on the left or on the right give the same final
 * state, the same outputs at valid steps, and the same final state as the unpadded sequence alone — whatever
 * values the padded steps hold (here: different random garbage on each side). Forward only, in double,
 * to 1e-12.
 */
class PaddingEquivalenceTest {

    static final int STEPS = 5;
    static final int INPUT = 2;
    static final int UNITS = 3;
    static final int[] LENGTHS = {5, 3, 1, 4};   // valid steps per row; row 0 fully valid
    static final double TOLERANCE = 1e-12;

    static Stream<Arguments> cases() {
        List<Arguments> list = new ArrayList<>();
        for (RecurrentGradientTest.Kind kind : RecurrentGradientTest.Kind.values()) {
            list.add(Arguments.of(kind, false));
            list.add(Arguments.of(kind, true));
        }
        return list.stream();
    }

    @ParameterizedTest(name = "{0} goBackwards={1}")
    @MethodSource("cases")
    void leftAndRightPaddingGiveTheSameStatesAndOutputs(RecurrentGradientTest.Kind kind, boolean reverse) {
        long seed = 7L * kind.ordinal() + (reverse ? 1 : 0);
        Recurrent layer = kind.create(UNITS).returnSequences(true).goBackwards(reverse);
        layer.build(new int[] {STEPS, INPUT}, new BuildContext(Precision.FLOAT64, new SplittableRandom(seed)));
        SplittableRandom random = new SplittableRandom(seed + 1);
        Tensor[] sequences = new Tensor[LENGTHS.length];
        for (int b = 0; b < LENGTHS.length; b++) {
            sequences[b] = Tensors.uniform(random, -1, 1, 1, LENGTHS[b], INPUT);
        }
        Tensor[] right = padded(sequences, false, random);
        Tensor[] left = padded(sequences, true, random);
        RecurrentState r = layer.call(right[0], right[1], null, null);
        RecurrentState l = layer.call(left[0], left[1], null, null);
        String label = kind.label + (reverse ? " reverse" : "");
        double diff = Math.max(maxDiff(r.finalHidden(), l.finalHidden()),
                kind.hasCellState() ? maxDiff(r.finalCell(), l.finalCell()) : 0);
        assertEquals(0, diff, TOLERANCE, label + ": final state, left vs right padding");
        double outDiff = validOutputDiff(r.output(), l.output(), UNITS);
        assertEquals(0, outDiff, TOLERANCE, label + ": outputs at valid steps, left vs right padding");
        double alone = 0;
        for (int b = 0; b < LENGTHS.length; b++) {
            Recurrent solo = kind.create(UNITS).returnSequences(true).goBackwards(reverse);
            solo.build(new int[] {LENGTHS[b], INPUT}, new BuildContext(Precision.FLOAT64, new SplittableRandom(seed)));
            copyWeights(layer, solo);
            RecurrentState s = solo.call(sequences[b], null, null, null);
            alone = Math.max(alone, maxDiffRow(s.finalHidden(), r.finalHidden(), b));
            if (kind.hasCellState()) {
                alone = Math.max(alone, maxDiffRow(s.finalCell(), r.finalCell(), b));
            }
        }
        assertEquals(0, alone, TOLERANCE, label + ": padded final state vs the unpadded sequence alone");
        System.out.printf(java.util.Locale.ROOT, "padding %s: left vs right final state %.1e, valid outputs %.1e, "
                + "vs unpadded %.1e%n", label, diff, outDiff, alone);
    }

    @ParameterizedTest(name = "Bidirectional {0} returnSequences={1}")
    @MethodSource("cases")
    void bidirectionalLeftAndRightPaddingAgree(RecurrentGradientTest.Kind kind, boolean sequences) {
        Layer bi = new Bidirectional(kind.create(UNITS).returnSequences(sequences), Bidirectional.Merge.CONCAT);
        bi.build(new int[] {STEPS, INPUT}, new BuildContext(Precision.FLOAT64, new SplittableRandom(kind.ordinal())));
        SplittableRandom random = new SplittableRandom(99 + kind.ordinal());
        Tensor[] seqs = new Tensor[LENGTHS.length];
        for (int b = 0; b < LENGTHS.length; b++) {
            seqs[b] = Tensors.uniform(random, -1, 1, 1, LENGTHS[b], INPUT);
        }
        Tensor[] right = padded(seqs, false, random);
        Tensor[] left = padded(seqs, true, random);
        Tensor r = bi.forward(right[0], right[1], Mode.INFERENCE);
        Tensor l = bi.forward(left[0], left[1], Mode.INFERENCE);
        double diff = sequences ? validOutputDiff(r, l, 2 * UNITS) : maxDiff(r, l);
        System.out.printf(java.util.Locale.ROOT, "padding Bidirectional %s %s: left vs right %.1e%n",
                kind.label, sequences ? "valid outputs" : "final states", diff);
        assertEquals(0, diff, TOLERANCE, "Bidirectional " + kind.label + ": left vs right padding");
    }

    /** {x (B, T, I), mask (B, T)}: each sequence placed at the start (right padding) or end (left padding). */
    static Tensor[] padded(Tensor[] sequences, boolean leftPad, SplittableRandom garbage) {
        int batch = sequences.length;
        Tensor x = Tensors.uniform(garbage, -3, 3, batch, STEPS, INPUT);
        Tensor mask = Tensor.zeros(Precision.FLOAT64, batch, STEPS);
        for (int b = 0; b < batch; b++) {
            int start = leftPad ? STEPS - LENGTHS[b] : 0;
            x.copyFrom(sequences[b], 0, (b * STEPS + start) * INPUT, LENGTHS[b] * INPUT);
            mask.fill(b * STEPS + start, LENGTHS[b], 1);
        }
        return new Tensor[] {x, mask};
    }

    /** Compares outputs (B, T, W) at valid steps: step k of row b sits at k (right) and T − L_b + k (left). */
    static double validOutputDiff(Tensor right, Tensor left, int width) {
        double max = 0;
        for (int b = 0; b < LENGTHS.length; b++) {
            for (int k = 0; k < LENGTHS[b]; k++) {
                int ri = (b * STEPS + k) * width;
                int li = (b * STEPS + STEPS - LENGTHS[b] + k) * width;
                for (int j = 0; j < width; j++) {
                    max = Math.max(max, Math.abs(right.get(ri + j) - left.get(li + j)));
                }
            }
        }
        return max;
    }

    static double maxDiff(Tensor a, Tensor b) {
        double max = 0;
        for (int i = 0; i < a.size(); i++) {
            max = Math.max(max, Math.abs(a.get(i) - b.get(i)));
        }
        return max;
    }

    /** Row 0 of {@code alone} (1, H) against row {@code row} of {@code batch} (B, H). */
    static double maxDiffRow(Tensor alone, Tensor batch, int row) {
        int h = alone.size();
        double max = 0;
        for (int j = 0; j < h; j++) {
            max = Math.max(max, Math.abs(alone.get(j) - batch.get(row * h + j)));
        }
        return max;
    }

    static void copyWeights(Recurrent from, Recurrent to) {
        List<Parameter> a = from.parameters();
        List<Parameter> b = to.parameters();
        for (int i = 0; i < a.size(); i++) {
            b.get(i).value().copyFrom(a.get(i).value());
        }
    }
}
