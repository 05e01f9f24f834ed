package dev.gated.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Keras's addition_rnn recipe and a tiny run of its model; the full run (three digits, 50,000 problems) is in docs/translation.md. */
class AdditionRnnTest {

    @Test
    void problemsFollowKerasRecipe() {
        AdditionProblems p = AdditionProblems.generate(2000, 3, true, 5);
        assertEquals(2000, p.size());
        assertEquals(1800, p.validationStart());
        Set<String> pairs = new HashSet<>();
        for (int i = 0; i < p.size(); i++) {
            String q = p.questions().get(i);
            String a = p.answers().get(i);
            assertEquals(7, q.length(), q);
            assertEquals(4, a.length(), a);
            String[] operands = new StringBuilder(q).reverse().toString().strip().split("\\+");
            long x = Long.parseLong(operands[0]);
            long y = Long.parseLong(operands[1]);
            assertTrue(operands[0].length() <= 3 && operands[1].length() <= 3, q);
            assertEquals(Long.toString(x + y), a.strip(), q);
            assertTrue(pairs.add(Math.min(x, y) + "+" + Math.max(x, y)), "pair used twice: " + q);
        }
        assertEquals(p, AdditionProblems.generate(2000, 3, true, 5), "seeded");
        AdditionProblems forward = AdditionProblems.generate(50, 2, false, 5);
        assertTrue(forward.questions().get(0).matches("\\d{1,2}\\+\\d{1,2} *"), forward.questions().get(0));
        assertEquals(1, (int) forward.questionTensor(0, 1).toDoubleArray()[0] + (int) forward.questionTensor(0, 1).toDoubleArray()[1]
                + (int) java.util.Arrays.stream(forward.questionTensor(0, 1).toDoubleArray(), 2, 12).sum(), "one-hot");
    }

    @Test
    void badSizesAreOneLineErrors() {
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class, () -> AdditionProblems.generate(100, 1, true, 1));
        assertEquals("size: expected 10 to 55 problems for 1-digit operands (there are no more distinct pairs) but found 100", tooMany.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AdditionProblems.generate(100, 0, true, 1));
    }

    @Test
    void theModelLearnsTwoDigitSums() {
        AdditionProblems p = AdditionProblems.generate(1500, 2, true, 3);
        List<AdditionRnn.Epoch> seen = new ArrayList<>();
        AdditionRnn.Result r = AdditionRnn.train(p, 48, 4, 1.0, 32, 3, seen::add);
        assertEquals(r.epochs(), seen);
        assertEquals(4, r.epochs().size());
        double first = r.epochs().get(0).characterAccuracy();
        double last = r.epochs().get(3).characterAccuracy();
        System.out.println("addition, 2 digits, 1,350 problems: validation character accuracy by epoch "
                + r.epochs().stream().map(e -> String.format(java.util.Locale.ROOT, "%.3f", e.characterAccuracy())).toList());
        assertTrue(last > first + 0.1, "validation character accuracy " + first + " → " + last);
        assertTrue(r.epochs().get(3).validationLoss() < 0.9 * r.epochs().get(0).validationLoss(), "validation loss " + r.epochs());
        assertEquals(0, r.firstReaching());
    }

    @Test
    void stopsAtTheFirstEpochReachingTheTarget() {
        AdditionProblems p = AdditionProblems.generate(500, 2, true, 3);
        AdditionRnn.Result r = AdditionRnn.train(p, 16, 5, 0.05, 32, 3, e -> { });
        assertEquals(1, r.firstReaching());
        assertEquals(1, r.epochs().size(), "training stops once the target is reached");
        assertEquals(4 * (16 * (12 + 16) + 16) + 4 * (16 * 32 + 16) + 12 * 16 + 12, r.parameters(), "Keras's parameter count");
    }
}
