package dev.gated.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tiny corpora only: each model must overfit six pairs, and every decoder must agree with the others. */
class TranslatorTest {

    static final List<Example> TINY = List.of(
            new Example("go.", List.of("va !")),
            new Example("hi.", List.of("salut !", "salut.")),
            new Example("run!", List.of("cours !")),
            new Example("who?", List.of("qui ?")),
            new Example("wow!", List.of("ça alors !")),
            new Example("help!", List.of("à l'aide !")));

    static final TrainingOptions FAST = new TrainingOptions("char", 0, 120, 8, 0.02, 1.0, 3);

    static List<String> sources() {
        return TINY.stream().map(Example::source).toList();
    }

    private static Translator overfit(String model) {
        Translator t = Translator.train(TINY, ModelSpec.parse(model, 16, 48), FAST, List.of());
        double[] loss = t.history().loss();
        assertTrue(loss[loss.length - 1] < 0.2 * loss[0], model + ": loss " + loss[0] + " → " + loss[loss.length - 1]);
        return t;
    }

    private static void translatesTheTrainingSetExactly(Translator t) {
        List<String> out = t.translate(sources());
        for (int i = 0; i < TINY.size(); i++) {
            assertTrue(TINY.get(i).references().contains(out.get(i)), t.model().spec().name() + ": \"" + TINY.get(i).source()
                    + "\" → \"" + out.get(i) + "\", expected one of " + TINY.get(i).references());
        }
        Scores scores = Scores.of(out, TINY);
        assertEquals(1.0, scores.exactMatch());
        assertEquals(100, scores.chrF(), 1e-9);
        // not BLEU: these outputs have 2–3 tokens, no 4-grams, so corpus BLEU is 0 by definition (see BleuTest)
    }

    @Test
    void lstmWithoutAttentionOverfitsAndDecodersAgree() {
        Translator t = overfit("lstm");
        translatesTheTrainingSetExactly(t);
        List<int[]> ids = sources().stream().map(t.sourceTokens()::encode).toList();
        List<int[]> stepped = GreedyDecoder.decode(t.model(), ids, 50);
        List<int[]> rerun = PrefixGreedyDecoder.decode(t.model(), ids, 50);
        for (int i = 0; i < ids.size(); i++) {
            assertEquals(java.util.Arrays.toString(stepped.get(i)), java.util.Arrays.toString(rerun.get(i)), "sentence " + i);
            assertEquals(java.util.Arrays.toString(stepped.get(i)),
                    java.util.Arrays.toString(BeamSearchDecoder.decode(t.model(), ids.get(i), 1, 0, 50)), "beam width 1 = greedy");
        }
        assertEquals(t.translate(sources()), t.translateBeam(sources(), 3, 1.0));
    }

    @Test
    void gruWithDotAttentionOverfitsSavesAndLoads(@TempDir Path dir) throws IOException {
        Translator t = overfit("gru-dot");
        translatesTheTrainingSetExactly(t);
        Path file = dir.resolve("t.gated");
        t.save(file);
        Translator loaded = Translator.load(file);
        assertEquals(t.translate(sources()), loaded.translate(sources()));
        assertEquals("gru-dot", loaded.model().spec().name());
        Translator.AttentionWeights a = loaded.attention("help!");
        assertEquals(List.of("h", "e", "l", "p", "!"), a.sourceTokens());
        assertEquals(String.join("", a.outputTokens().subList(0, a.outputTokens().size() - 1)).replace("_", " "), "à l'aide !");
        for (double[] row : a.weights()) {
            assertEquals(1, java.util.Arrays.stream(row).sum(), 1e-6, "attention weights over the source sum to 1");
        }
    }

    @Test
    void additiveAttentionWithBidirectionalLstmEncoderOverfits() {
        translatesTheTrainingSetExactly(overfit("bilstm-additive"));
    }

    @Test
    void batchedDecodingWithPaddedSourcesEqualsOneByOne() {
        Translator t = overfit("gru-additive");
        List<String> batched = t.translate(sources());
        for (int i = 0; i < TINY.size(); i++) {
            assertEquals(batched.get(i), t.translate(List.of(sources().get(i))).get(0), "masking of padded source steps, sentence " + i);
        }
    }

    @Test
    void badInputIsRefusedOrBounded() {
        Translator t = Translator.train(TINY, ModelSpec.parse("gru", 8, 8), FAST.withEpochs(1), List.of());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> t.translate(List.of("go.", " ")));
        assertEquals("sentence 2 is empty — give text to translate", empty.getMessage());
        String longest = "x".repeat(1000);
        String out = t.translate(List.of(longest)).get(0);   // unknown characters, far longer than any seen: bounded output
        assertTrue(out.codePointCount(0, out.length()) <= Translator.MAX_OUTPUT, "output length " + out.length());
        IllegalArgumentException model = assertThrows(IllegalArgumentException.class, () -> ModelSpec.parse("rnn-dot", 8, 8));
        assertTrue(model.getMessage().startsWith("model \"rnn-dot\": expected lstm, gru"), model.getMessage());
        IllegalArgumentException plot = assertThrows(IllegalArgumentException.class, () -> t.attention("go."));
        assertTrue(plot.getMessage().startsWith("a gru model has no attention to plot"), plot.getMessage());
    }
}
