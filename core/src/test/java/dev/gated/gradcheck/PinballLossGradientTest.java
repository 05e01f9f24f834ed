package dev.gated.gradcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gated.loss.Loss;
import dev.gated.tensor.Precision;
import dev.gated.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The pinball (quantile) loss: ∂loss/∂prediction against central differences on (B, F·Q) and masked
 * (B, T, F·Q) predictions (test points keep |ŷ − y| ≥ 0.05, away from the kink), its value against a hand
 * computation and against MAE, and its name read back by {@link Loss#parse}.
 */
class PinballLossGradientTest {

    private static final double[] LEVELS = {0.1, 0.5, 0.9};

    @Test
    void gradientMatchesCentralDifferencesOnBatchOutputs() {
        check(new int[] {4, 2 * LEVELS.length}, new int[] {4, 2}, null);
    }

    @Test
    void gradientMatchesCentralDifferencesOnMaskedSequences() {
        Tensor mask = LossGradientTest.maskWithEmptyRow(5, 4);
        Tensor gradient = check(new int[] {5, 4, 2 * LEVELS.length}, new int[] {5, 4, 2}, mask);
        int width = 2 * LEVELS.length;
        for (int p = 0; p < mask.size(); p++) {
            for (int j = 0; j < width; j++) {
                if (mask.get(p) == 0) {
                    assertEquals(0.0, gradient.get(p * width + j), 0.0, "gradient at a padded position");
                }
            }
        }
    }

    private static Tensor check(int[] predictionShape, int[] targetShape, Tensor mask) {
        SplittableRandom random = new SplittableRandom(5);
        Tensor p = Tensor.zeros(Precision.FLOAT64, predictionShape);
        Tensor y = Tensor.zeros(Precision.FLOAT64, targetShape);
        int q = LEVELS.length;
        for (int i = 0; i < y.size(); i++) {
            y.set(i, random.nextDouble(-1, 1));
            for (int k = 0; k < q; k++) {
                double d = random.nextDouble(0.05, 1) * (random.nextBoolean() ? 1 : -1);
                p.set(i * q + k, y.get(i) + d);
            }
        }
        Loss loss = Loss.pinball(LEVELS);
        Tensor gradient = p.zerosLike();
        loss.compute(p, y, mask, gradient);
        GradientCheck.defaults().run("pinball " + java.util.Arrays.toString(predictionShape),
                () -> loss.compute(p, y, mask, null), List.of(GradientCheck.Wrt.of("prediction", p, gradient)))
                .assertPassed();
        return gradient;
    }

    @Test
    void valueIsTheMeanOfTheTiltedAbsoluteErrors() {
        // one target y = 1; predictions 0 (under by 1) for τ = 0.1, 3 (over by 2) for τ = 0.9
        Tensor p = Tensor.of(new float[] {0f, 3f}, 1, 2);
        Tensor y = Tensor.of(new float[] {1f}, 1, 1);
        double expected = (0.1 * 1 + (1 - 0.9) * 2) / 2;   // ρ_0.1(1) = 0.1, ρ_0.9(−2) = 0.2
        assertEquals(expected, Loss.pinball(0.1, 0.9).compute(p, y, null, null), 1e-7);
    }

    @Test
    void medianLevelAloneIsHalfTheMeanAbsoluteError() {
        SplittableRandom random = new SplittableRandom(9);
        Tensor p = Tensor.zeros(Precision.FLOAT64, 6, 3);
        Tensor y = p.zerosLike();
        for (int i = 0; i < p.size(); i++) {
            p.set(i, random.nextDouble(-2, 2));
            y.set(i, random.nextDouble(-2, 2));
        }
        assertEquals(Loss.mae().compute(p, y, null, null) / 2, Loss.pinball(0.5).compute(p, y, null, null), 1e-12);
    }

    @Test
    void nameIsReadBackAndBadShapesAreRefusedWithTheRule() {
        Loss loss = Loss.pinball(0.05, 0.5, 0.95);
        assertEquals("pinball(0.05,0.5,0.95)", loss.name());
        assertEquals(loss.name(), Loss.parse(loss.name()).name());
        var e = assertThrows(IllegalArgumentException.class, () -> loss.compute(Tensor.zeros(Precision.FLOAT64, 2, 4),
                Tensor.zeros(Precision.FLOAT64, 2, 2), null, null));
        assertTrue(e.getMessage().contains("3 quantile levels need 3 predictions per target"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Loss.pinball(0.5, 1.0));
    }
}
