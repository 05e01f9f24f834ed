package dev.gated.experiments;

import dev.gated.layer.recurrent.RecurrentKind;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gated.loss.Loss;
import dev.gated.tensor.Precision;
import dev.gated.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The generators' statistics, structure and determinism. */
class GeneratorTest {

    @Test
    void addingBaselineIsTheTargetVarianceOneSixth() {
        AddingProblem task = new AddingProblem();
        TaskData data = task.generate(40_000, 20, 7);
        double baseline = task.baseline(data, 20);
        // the MSE of a constant 1 is Var(y) = 1/6; its standard error over 40,000 examples is ≈ 0.0008
        assertEquals(1.0 / 6, baseline, 0.004, "always-1 MSE");
        double mean = 0;
        for (int n = 0; n < data.size(); n++) {
            mean += data.y().get(n) / data.size();
        }
        assertEquals(1.0, mean, 0.01, "E[y] = 1");
    }

    @Test
    void addingHasOneMarkerInEachHalfAndTheTargetIsTheirSum() {
        int length = 11;  // odd: first half is t = 0 … 5, second t = 6 … 10
        TaskData data = new AddingProblem().generate(5000, length, 3);
        int[] firstCounts = new int[length];
        int[] secondCounts = new int[length];
        for (int n = 0; n < data.size(); n++) {
            double sum = 0;
            int markers = 0;
            for (int t = 0; t < length; t++) {
                double value = data.x().get((n * length + t) * 2);
                double marker = data.x().get((n * length + t) * 2 + 1);
                assertTrue(value >= 0 && value < 1, "value in [0, 1)");
                if (marker == 1) {
                    markers++;
                    sum += value;
                } else {
                    assertEquals(0, marker);
                }
            }
            assertEquals(2, markers, "two markers in example " + n);
            assertEquals(sum, data.y().get(n), 1e-6, "target = sum of the marked values");
            int a = data.cues()[n][0];
            int b = data.cues()[n][1];
            assertTrue(a < 6 && b >= 6, "a=" + a + " in the first half, b=" + b + " in the second");
            firstCounts[a]++;
            secondCounts[b]++;
        }
        for (int t = 0; t < 6; t++) {
            assertEquals(5000 / 6.0, firstCounts[t], 120, "first marker uniform over the first half, t=" + t);
        }
        for (int t = 6; t < length; t++) {
            assertEquals(5000 / 5.0, secondCounts[t], 130, "second marker uniform over the second half, t=" + t);
        }
    }

    @Test
    void copyMemoryHasTheStandardLayout() {
        int length = 7;
        CopyMemory task = new CopyMemory();
        TaskData data = task.generate(3000, length, 5);
        int steps = length + 20;
        assertArrayEquals(new int[] {3000, steps, 10}, data.x().shape());
        assertArrayEquals(new int[] {3000, steps}, data.y().shape());
        int[] symbolCounts = new int[10];
        for (int n = 0; n < data.size(); n++) {
            int[] input = new int[steps];
            for (int t = 0; t < steps; t++) {
                input[t] = oneHot(data.x(), (n * steps + t) * 10, 10);
            }
            for (int t = 0; t < steps; t++) {
                int target = (int) data.y().get(n * steps + t);
                if (t < 10) {
                    assertTrue(input[t] >= 1 && input[t] <= 8, "data symbol at t=" + t);
                    symbolCounts[input[t]]++;
                } else if (t == length + 9) {
                    assertEquals(CopyMemory.DELIMITER, input[t], "delimiter after T-1 blanks");
                } else {
                    assertEquals(0, input[t], "blank at t=" + t);
                }
                if (t < length + 10) {
                    assertEquals(0, target, "blank target before recall, t=" + t);
                } else {
                    assertEquals(input[t - length - 10], target, "recall of symbol " + (t - length - 10));
                }
            }
        }
        for (int s = 1; s <= 8; s++) {
            assertEquals(30_000 / 8.0, symbolCounts[s], 250, "symbol " + s + " uniform");
        }
    }

    /** The memoryless predictor — sure blanks, then uniform over the 8 symbols — scores 10·ln 8/(T+20) under the loss. */
    @Test
    void copyBaselineIsTheLossOfTheBestMemorylessPredictor() {
        int length = 30;
        CopyMemory task = new CopyMemory();
        TaskData data = task.generate(50, length, 9);
        int steps = length + 20;
        Tensor logits = Tensor.zeros(Precision.FLOAT32, 50, steps, 10);
        for (int n = 0; n < 50; n++) {
            for (int t = 0; t < steps; t++) {
                int off = (n * steps + t) * 10;
                for (int c = 0; c < 10; c++) {
                    boolean recall = t >= length + 10;
                    boolean likely = recall ? c >= 1 && c <= 8 : c == 0;
                    logits.set(off + c, likely ? 0 : -100);
                }
            }
        }
        double loss = task.loss().compute(logits, data.y(), null, null);
        assertEquals(10 * Math.log(8) / (length + 20), loss, 1e-5);
        assertEquals(10 * Math.log(8) / (length + 20), task.baseline(data, length), 1e-12);
        assertTrue(task.solved(task.baseline(data, length) / 11, length));
        assertFalse(task.solved(task.baseline(data, length) / 9, length));
    }

    @Test
    void firstSymbolLabelsAreUniformAndAreTheFirstInput() {
        int length = 12;
        FirstSymbol task = new FirstSymbol();
        TaskData data = task.generate(16_000, length, 11);
        int steps = length + 1;
        assertArrayEquals(new int[] {16_000, steps, 8}, data.x().shape());
        int[] counts = new int[8];
        for (int n = 0; n < data.size(); n++) {
            int label = (int) data.y().get(n);
            assertEquals(oneHot(data.x(), n * steps * 8, 8), label);
            counts[label]++;
        }
        for (int c = 0; c < 8; c++) {
            assertEquals(2000, counts[c], 150, "class " + c);
        }
        double baseline = task.baseline(data, length);
        assertTrue(baseline >= 0.125 && baseline < 0.135, "majority-class accuracy ≈ 1/8: " + baseline);
    }

    @Test
    void theSameSeedGivesTheSameExamplesAndAnotherSeedOthers() {
        for (String name : MemoryTask.NAMES) {
            MemoryTask task = MemoryTask.of(name);
            TaskData a = task.generate(20, 15, 42);
            TaskData b = task.generate(20, 15, 42);
            TaskData c = task.generate(20, 15, 43);
            assertArrayEquals(a.x().toFloatArray(), b.x().toFloatArray(), name);
            assertArrayEquals(a.y().toFloatArray(), b.y().toFloatArray(), name);
            assertFalse(java.util.Arrays.equals(a.x().toFloatArray(), c.x().toFloatArray()), name + ": seed matters");
        }
    }

    @Test
    void badNamesAndLengthsAreRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MemoryTask.of("adding-problem"));
        assertTrue(e.getMessage().contains("adding, copy, first-symbol"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new AddingProblem().generate(1, 1, 0));
        assertTrue(e.getMessage().contains("at least 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RecurrentKind.parse("transformer"));
        assertTrue(e.getMessage().contains("lstm, gru or rnn"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Budget(0, 10, 10, 4, 4, 0.01, 1, 4));
        assertTrue(e.getMessage().startsWith("--epochs"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Budget(1, 10, 10, 4, 4, 2, 1, 4));
        assertTrue(e.getMessage().startsWith("--lr"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Budget(1, 10, 10, 4, 4, 0.01, -1, 4));
        assertTrue(e.getMessage().startsWith("--clip"), e.getMessage());
    }

    @Test
    void addingSolvedRuleIsAHundredTimesBelowTheVariance() {
        AddingProblem task = new AddingProblem();
        assertTrue(task.solved(0.00166, 50));
        assertFalse(task.solved(0.00167, 50));
        assertEquals(Loss.mse().name(), task.loss().name());
    }

    static int oneHot(Tensor x, int offset, int width) {
        int hot = -1;
        for (int c = 0; c < width; c++) {
            double v = x.get(offset + c);
            if (v == 1) {
                assertEquals(-1, hot, "exactly one hot feature");
                hot = c;
            } else {
                assertEquals(0, v);
            }
        }
        assertTrue(hot >= 0, "one hot feature");
        return hot;
    }
}
