package dev.gated.gradcheck;

import dev.gated.layer.Mode;
import dev.gated.layer.recurrent.Bidirectional;
import dev.gated.layer.recurrent.Recurrent;
import dev.gated.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bidirectional wrapping of every cell, with each merge mode, last output or sequences, masked or not. */
class BidirectionalGradientTest {

    /** Options of one case. */
    record Variant(String name, boolean sequences, boolean masked, boolean innerReversed) {
    }

    static final List<Variant> VARIANTS = List.of(
            new Variant("last", false, false, false),
            new Variant("sequences", true, false, false),
            new Variant("mask", false, true, false),
            new Variant("mask+sequences", true, true, false),
            new Variant("inner goBackwards+mask+sequences", true, true, true));

    static Stream<Arguments> cases() {
        List<Arguments> list = new ArrayList<>();
        for (RecurrentGradientTest.Kind kind : RecurrentGradientTest.Kind.values()) {
            for (Bidirectional.Merge merge : Bidirectional.Merge.values()) {
                for (Variant v : VARIANTS) {
                    list.add(Arguments.of(kind, merge, v));
                }
            }
        }
        return list.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void gradientsMatchCentralDifferences(RecurrentGradientTest.Kind kind, Bidirectional.Merge merge, Variant v) {
        int batch = v.masked() ? 4 : 2;
        int steps = 4;
        long seed = 100L * kind.ordinal() + 10L * merge.ordinal() + VARIANTS.indexOf(v);
        Recurrent inner = kind.create(2).returnSequences(v.sequences()).goBackwards(v.innerReversed());
        Network net = Network.of(new int[] {steps, 2}, seed, new Bidirectional(inner, merge)).jitter(seed + 1, 0.2);
        Tensor x = Tensors.uniform(new SplittableRandom(seed + 2), -1, 1, batch, steps, 2);
        Tensor mask = v.masked() ? Tensors.mixedMask(batch, steps) : null;
        String label = "Bidirectional " + kind.label + " " + merge.name().toLowerCase(java.util.Locale.ROOT) + " " + v.name();
        GradientCheck.Result r = net.checkProjection(GradientCheck.defaults(), label, x, mask, Mode.INFERENCE, seed + 3, true)
                .assertPassed();
        if (mask != null) {
            RecurrentGradientTest.assertMaskedInputsGetZeroGradient(label, r, mask);
        }
    }
}
