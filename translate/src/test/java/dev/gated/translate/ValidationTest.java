package dev.gated.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Validation from the training sentences only, early stopping that keeps the best weights, and recurrent dropout. */
class ValidationTest {

    private static List<Example> numbered(int n) {
        List<Example> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Example("s" + i, List.of("t" + i, "u" + i)));
        }
        return out;
    }

    private static String letters(java.util.Random random, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append((char) ('a' + random.nextInt(8)));
        }
        return s.toString();
    }

    @Test
    void validationIsASeededShareOfTheTrainingSentencesWithAllTheirTranslations() {
        List<Example> train = numbered(100);
        ValidationSplit a = ValidationSplit.of(train, 0.1, 42);
        assertEquals(10, a.validation().size());
        assertEquals(90, a.fit().size());
        Set<Example> union = new HashSet<>(a.fit());
        union.addAll(a.validation());
        assertEquals(new HashSet<>(train), union, "every validation sentence is a training sentence, and none is lost");
        assertTrue(a.validation().stream().noneMatch(a.fit()::contains), "no sentence on both sides");
        assertEquals(a, ValidationSplit.of(train, 0.1, 42), "seeded");
        assertNotEquals(a.validation(), ValidationSplit.of(train, 0.1, 7).validation());
        assertEquals(List.of(), ValidationSplit.of(train, 0, 42).validation());
        assertEquals(train, ValidationSplit.of(train, 0, 42).fit());
        IllegalArgumentException all = assertThrows(IllegalArgumentException.class, () -> ValidationSplit.of(numbered(2), 0.9, 42));
        assertTrue(all.getMessage().startsWith("--validation-fraction 0.9 of 2 training sentences leaves none"), all.getMessage());
    }

    @Test
    void earlyStoppingKeepsTheWeightsOfTheBestValidationEpoch() {
        // random pairs: nothing carries over to held-out sentences but the letters' frequencies and the length,
        // so memorising the training pairs makes the validation loss rise after its first epochs
        java.util.Random random = new java.util.Random(5);
        List<Example> train = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            train.add(new Example(letters(random, 4), List.of(letters(random, 4))));
        }
        TrainingOptions options = TranslatorTest.FAST.withEpochs(60).withValidation(0.25, 3, 0.5);
        Translator t = Translator.train(train, ModelSpec.parse("gru", 16, 48), options, List.of());
        double[] v = t.history().validationLoss();
        double best = Arrays.stream(v).min().orElseThrow();
        assertTrue(v.length < 60, "stopped early: " + Arrays.toString(v));
        assertTrue(v[v.length - 1] > best, "the last epoch was not the best: " + Arrays.toString(v));
        List<Example> held = ValidationSplit.of(train, 0.25, options.seed()).validation();
        assertEquals(best, t.loss(held), 1e-6, "the restored weights score the best epoch's validation loss");
        double[] rates = t.history().epochs().stream().mapToDouble(e -> e.learningRate()).toArray();
        assertTrue(rates[rates.length - 1] < rates[0], "the rate was cut on a plateau: " + Arrays.toString(rates));
    }

    @Test
    void aTimeLimitStopsAfterTheEpochThatUsesItUp() {
        Translator t = Translator.train(TranslatorTest.TINY, ModelSpec.parse("gru", 8, 8),
                TranslatorTest.FAST.withEpochs(50).withTimeLimit(1e-9), List.of());
        assertEquals(1, t.history().size(), "one epoch, then the budget is spent");
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> TranslatorTest.FAST.withTimeLimit(-1));
        assertTrue(bad.getMessage().startsWith("--time-limit: expected minutes ≥ 0"), bad.getMessage());
    }

    @Test
    void recurrentDropoutIsSavedInTheSpecAndOffAtInference() {
        ModelSpec spec = ModelSpec.parse("lstm-dot", 16, 32).withDropout(0.3);
        Map<String, String> md = spec.toMetadata();
        assertEquals(spec, ModelSpec.fromMetadata(md));
        assertEquals(0, ModelSpec.parse("lstm-dot", 16, 32).dropout());
        assertEquals(0.3, ModelSpec.parse("transformer", 16, 1).withDropout(0.3).transformer().dropout());
        Translator t = Translator.train(TranslatorTest.TINY, spec, TranslatorTest.FAST.withEpochs(2), List.of());
        assertEquals(t.translate(TranslatorTest.sources()), t.translate(TranslatorTest.sources()), "inference is deterministic");
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> spec.withDropout(1.0));
        assertTrue(bad.getMessage().startsWith("--dropout must be in [0, 1) but is 1.0 (for lstm"), bad.getMessage());
    }

    @Test
    void lengthBatchesHoldEveryPairOnceAndPairsOfSimilarLength() {
        java.util.Random random = new java.util.Random(3);
        List<int[]> xs = new ArrayList<>();
        List<int[]> ys = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            xs.add(new int[1 + random.nextInt(9)]);
            ys.add(new int[1 + random.nextInt(20)]);
        }
        List<int[]> batches = LengthBatchedTraining.batches(xs, ys, 10, 42);
        assertEquals(10, batches.size());
        int[] seen = new int[100];
        int padded = 0;
        for (int[] b : batches) {
            int longest = 0;
            for (int r : b) {
                seen[r]++;
                longest = Math.max(longest, ys.get(r).length);
            }
            padded += longest * b.length;
        }
        assertTrue(Arrays.stream(seen).allMatch(c -> c == 1), "every pair once per epoch");
        int total = ys.stream().mapToInt(y -> y.length).sum();
        assertTrue(padded < 1.2 * total, "padded target steps " + padded + " for " + total + " real ones (unsorted: ~" + 20 * 100 + ")");
        assertNotEquals(Arrays.toString(batches.get(0)), Arrays.toString(LengthBatchedTraining.batches(xs, ys, 10, 43).get(0)),
                "another epoch, another order");
    }
}
