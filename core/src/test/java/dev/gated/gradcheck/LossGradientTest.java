package dev.gated.gradcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gated.loss.Loss;
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
 * ∂loss/∂prediction of every loss, on (B, F) predictions and on (B, T, F) sequence predictions with a (B, T)
 * mask (left, right and no padding, and one fully padded row); padded positions must get exactly zero
 * gradient and not change the loss. Test points keep away from the losses' kinks and clipping:
 * MAE |ŷ − y| ≥ 0.05; Huber |d| / δ ∈ [0.05, 0.95] ∪ [1.05, 2.5] (both regions; δ = 1 and, so that a
 * missing factor δ shows, δ = 0.5); probabilities in
 * [0.05, 0.95] for BCE, from a softmax for CCE; targets one-hot, label-smoothed or soft.
 */
class LossGradientTest {

    /** How to draw predictions and targets for one loss. */
    enum Kind {
        MSE("mse", Loss.mse()),
        MAE("mae", Loss.mae()),
        HUBER("huber δ=1", Loss.huber(1.0)),
        HUBER_HALF("huber δ=0.5", Loss.huber(0.5)),
        BCE("bce", Loss.binaryCrossEntropy(false)),
        BCE_LOGITS("bce logits", Loss.binaryCrossEntropy(true)),
        CCE("cce", Loss.categoricalCrossEntropy(false)),
        CCE_LOGITS("cce logits", Loss.categoricalCrossEntropy(true)),
        CCE_LOGITS_SOFT("cce logits, smoothed labels", Loss.categoricalCrossEntropy(true)),
        SPARSE_CCE("sparse cce", Loss.sparseCategoricalCrossEntropy(false)),
        SPARSE_CCE_LOGITS("sparse cce logits", Loss.sparseCategoricalCrossEntropy(true));

        final String label;
        final Loss loss;

        Kind(String label, Loss loss) {
            this.label = label;
            this.loss = loss;
        }

        boolean sparse() {
            return this == SPARSE_CCE || this == SPARSE_CCE_LOGITS;
        }
    }

    static Stream<Arguments> cases() {
        List<Arguments> list = new ArrayList<>();
        for (Kind k : Kind.values()) {
            list.add(Arguments.of(k, new int[] {4, 3}, false));
            list.add(Arguments.of(k, new int[] {1, 3}, false));
            list.add(Arguments.of(k, new int[] {5, 4, 3}, true));
        }
        return list.stream();
    }

    @ParameterizedTest(name = "{0} {1} masked={2}")
    @MethodSource("cases")
    void gradientMatchesCentralDifferences(Kind kind, int[] shape, boolean masked) {
        SplittableRandom random = new SplittableRandom(17L * kind.ordinal() + shape.length);
        Tensor[] data = data(kind, shape, random);
        Tensor prediction = data[0];
        Tensor target = data[1];
        Tensor mask = masked ? maskWithEmptyRow(shape[0], shape[1]) : null;
        Tensor gradient = prediction.zerosLike();
        kind.loss.compute(prediction, target, mask, gradient);
        String label = "loss " + kind.label + " " + java.util.Arrays.toString(shape) + (masked ? " masked" : "");
        GradientCheck.Result r = GradientCheck.defaults().run(label,
                () -> kind.loss.compute(prediction, target, mask, null),
                List.of(GradientCheck.Wrt.of("prediction", prediction, gradient))).assertPassed();
        if (masked) {
            int width = shape[2];
            for (int p = 0; p < mask.size(); p++) {
                if (mask.get(p) == 0) {
                    for (int j = 0; j < width; j++) {
                        int i = p * width + j;
                        assertEquals(0.0, gradient.get(i), 0.0, label + ": analytic gradient at padded " + prediction.indexOf(i));
                        assertEquals(0.0, r.numeric("prediction").get(i), 0.0, label + ": the loss changes with padded " + prediction.indexOf(i));
                    }
                }
            }
        }
    }

    /** A masked sequence loss is the same loss over the valid positions alone (mean over valid positions only). */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.EnumSource(Kind.class)
    void maskedLossEqualsTheLossOfTheValidPositionsAlone(Kind kind) {
        int[] shape = {5, 4, 3};
        Tensor[] data = data(kind, shape, new SplittableRandom(77L + kind.ordinal()));
        Tensor mask = maskWithEmptyRow(shape[0], shape[1]);
        int valid = mask.size() - Tensors.padded(mask);
        int width = shape[2];
        int targetWidth = kind.sparse() ? 1 : width;
        Tensor p = Tensor.zeros(Precision.FLOAT64, valid, width);
        Tensor y = kind.sparse() ? Tensor.zeros(Precision.FLOAT64, valid) : Tensor.zeros(Precision.FLOAT64, valid, width);
        int row = 0;
        for (int pos = 0; pos < mask.size(); pos++) {
            if (mask.get(pos) != 0) {
                p.copyFrom(data[0], pos * width, row * width, width);
                y.copyFrom(data[1], pos * targetWidth, row * targetWidth, targetWidth);
                row++;
            }
        }
        double masked = kind.loss.compute(data[0], data[1], mask, null);
        double alone = kind.loss.compute(p, y, null, null);
        assertEquals(alone, masked, 1e-12 * Math.abs(alone), kind.label + ": masked loss vs the valid positions alone");
    }

    /** Mixed padding, and the last row fully padded. */
    static Tensor maskWithEmptyRow(int batch, int steps) {
        Tensor mask = Tensors.mixedMask(batch, steps);
        mask.fill((batch - 1) * steps, steps, 0);
        return mask;
    }

    /** {prediction, target}. */
    static Tensor[] data(Kind kind, int[] shape, SplittableRandom random) {
        Tensor p = Tensor.zeros(Precision.FLOAT64, shape);
        int classes = shape[shape.length - 1];
        int positions = p.size() / classes;
        Tensor y = kind.sparse() ? Tensor.zeros(Precision.FLOAT64, java.util.Arrays.copyOf(shape, shape.length - 1))
                : p.zerosLike();
        for (int i = 0; i < p.size(); i++) {
            switch (kind) {
                case MSE -> {
                    p.set(i, uniform(random, -1, 1));
                    y.set(i, uniform(random, -1, 1));
                }
                case MAE -> {
                    double d = uniform(random, 0.05, 1) * (random.nextBoolean() ? 1 : -1);
                    y.set(i, uniform(random, -1, 1));
                    p.set(i, y.get(i) + d);
                }
                case HUBER, HUBER_HALF -> {
                    // alternate the quadratic (|d| ≤ 0.95 δ) and linear (|d| ≥ 1.05 δ) regions, both signs
                    double delta = kind == Kind.HUBER ? 1.0 : 0.5;
                    double magnitude = delta * (i % 2 == 0 ? uniform(random, 0.05, 0.95) : uniform(random, 1.05, 2.5));
                    y.set(i, uniform(random, -1, 1));
                    p.set(i, y.get(i) + magnitude * (i % 4 < 2 ? 1 : -1));
                }
                case BCE -> {
                    p.set(i, uniform(random, 0.05, 0.95));
                    y.set(i, i % 3 == 2 ? uniform(random, 0, 1) : random.nextInt(2));   // hard and soft targets
                }
                case BCE_LOGITS -> {
                    p.set(i, uniform(random, -3, 3));
                    y.set(i, i % 3 == 2 ? uniform(random, 0, 1) : random.nextInt(2));
                }
                default -> p.set(i, uniform(random, -2, 2));
            }
        }
        if (kind == Kind.CCE || kind == Kind.SPARSE_CCE) {
            softmaxRows(p, positions, classes);
        }
        for (int pos = 0; pos < positions; pos++) {
            int c = random.nextInt(classes);
            switch (kind) {
                case CCE, CCE_LOGITS -> y.set(pos * classes + c, 1);
                case CCE_LOGITS_SOFT -> {
                    for (int j = 0; j < classes; j++) {
                        y.set(pos * classes + j, j == c ? 0.9 : 0.1 / (classes - 1));
                    }
                }
                case SPARSE_CCE, SPARSE_CCE_LOGITS -> y.set(pos, c);
                default -> { }
            }
        }
        return new Tensor[] {p, y};
    }

    private static double uniform(SplittableRandom random, double lo, double hi) {
        return lo + (hi - lo) * random.nextDouble();
    }

    static void softmaxRows(Tensor t, int rows, int width) {
        for (int r = 0; r < rows; r++) {
            double sum = 0;
            for (int j = 0; j < width; j++) {
                sum += Math.exp(t.get(r * width + j));
            }
            for (int j = 0; j < width; j++) {
                t.set(r * width + j, Math.exp(t.get(r * width + j)) / sum);
            }
        }
    }
}
