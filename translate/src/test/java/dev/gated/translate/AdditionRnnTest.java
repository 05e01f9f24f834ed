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
    void theModelLearnsTwoDigitSumsAndStopsAtTheTarget() {
        AdditionProblems p = AdditionProblems.generate(1500, 2, true, 3);
        double majority = majorityAccuracy(p);
        List<AdditionRnn.Epoch> seen = new ArrayList<>();
        double target = majority + 0.05;
        AdditionRnn.Result r = AdditionRnn.train(p, 48, 6, target, 16, 0.01, 3, seen::add);
        System.out.println("addition, 2 digits, 1,350 problems, Adam 0.01: validation character accuracy by epoch "
                + r.epochs().stream().map(e -> String.format(java.util.Locale.ROOT, "%.3f", e.characterAccuracy())).toList()
                + ", the most frequent symbol per position " + String.format(java.util.Locale.ROOT, "%.3f", majority));
        assertEquals(r.epochs(), seen);
        assertTrue(r.firstReaching() > 0, "never beat the most frequent symbol per position (" + majority + ") by 0.05: " + r.epochs());
        assertEquals(r.firstReaching(), r.epochs().size(), "training stops at the first epoch reaching the target");
        for (AdditionRnn.Epoch e : r.epochs().subList(0, r.epochs().size() - 1)) {
            assertTrue(e.characterAccuracy() < target, "an earlier epoch had reached the target: " + r.epochs());
        }
        assertEquals(4 * (48 * (12 + 48) + 48) + 4 * (48 * 96 + 48) + 12 * 48 + 12, r.parameters(), "Keras's parameter count");
    }

    /** Validation character accuracy of predicting, at each answer position, the training part's most frequent symbol there. */
    private static double majorityAccuracy(AdditionProblems p) {
        int right = 0;
        int total = 0;
        for (int t = 0; t < p.answerLength(); t++) {
            int[] counts = new int[128];
            for (String a : p.answers().subList(0, p.validationStart())) {
                counts[a.charAt(t)]++;
            }
            int best = 0;
            for (int c = 1; c < counts.length; c++) {
                best = counts[c] > counts[best] ? c : best;
            }
            for (String a : p.answers().subList(p.validationStart(), p.size())) {
                right += a.charAt(t) == best ? 1 : 0;
                total++;
            }
        }
        return (double) right / total;
    }
}
