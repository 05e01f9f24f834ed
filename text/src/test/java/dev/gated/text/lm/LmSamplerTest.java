package dev.gated.text.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gated.layer.recurrent.RecurrentKind;
import dev.gated.model.Model;
import dev.gated.model.StreamState;
import dev.gated.tensor.Precision;
import dev.gated.tensor.Tensor;
import dev.gated.text.CharSampler;
import dev.gated.text.CharVocabulary;
import dev.gated.text.Sampling;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Stepping the streaming state gives, for every generated character, the logits a full forward pass over the
 * whole prefix (prompt and everything generated so far) gives — to 1e-9 in double precision, for stacked LSTM and
 * GRU with dropout layers (identity in inference) — and so the same text as a sampler that re-runs the prefix.
 */
class LmSamplerTest {

    static final String TEXT = "To be, or not to be, that is the question:\nWhether 'tis nobler in the mind to suffer\n"
            + "The slings and arrows of outrageous fortune,\nOr to take arms against a sea of troubles\n";

    @Test
    void steppingEqualsRerunningTheFullPrefix() throws IOException {
        for (RecurrentKind kind : new RecurrentKind[] {RecurrentKind.LSTM, RecurrentKind.GRU}) {
            LanguageModel lm = trained(kind);
            Model model = lm.model();
            String prompt = "The slings";
            String stepped = generate(lm, prompt, 60, 7);
            // the reference: re-run the full prefix for every character, the same draws
            Random random = new Random(7);
            StringBuilder prefix = new StringBuilder(prompt);
            StreamState state = model.newState(1);
            double[] steppedLogits = CharSampler.lastLogits(model.step(state, indices(lm, prompt)), lm.vocabulary().size());
            double worst = 0;
            for (int i = 0; i < 60; i++) {
                double[] full = CharSampler.lastLogits(model.predict(indices(lm, prefix)), lm.vocabulary().size());
                for (int c = 0; c < full.length; c++) {
                    worst = Math.max(worst, Math.abs(full[c] - steppedLogits[c]));
                }
                char next = lm.characters().charAt(Sampling.sample(full, 0.8, 5, random));
                prefix.append(next);
                steppedLogits = CharSampler.lastLogits(model.step(state, indices(lm, String.valueOf(next))), lm.vocabulary().size());
            }
            assertTrue(worst <= 1e-9, kind + ": stepped and full-prefix logits differ by " + worst);
            assertEquals(prefix.substring(prompt.length()), stepped, kind + ": the same draws give the same text");
        }
    }

    @Test
    void promptCharactersOutsideTheVocabularyAreNamedWithTheirPlace() {
        LanguageModel lm = LanguageModel.create(LmArchitecture.recurrent(RecurrentKind.GRU, 1, 4, 3, 0, 0),
                CharVocabulary.of(TEXT), 8, 0.01, 1, 1, Precision.FLOAT64);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> generate(lm, "To\nbe Zé", 5, 1));
        assertEquals("--prompt: line 2, column 4: character 'Z' is not in the model's vocabulary of "
                + lm.vocabulary().size() + " characters (those of its training text)", e.getMessage());
    }

    /** A small stacked model with dropout between layers, trained a little so that its logits are far from uniform. */
    static LanguageModel trained(RecurrentKind kind) throws IOException {
        CharVocabulary vocabulary = CharVocabulary.of(TEXT);
        LanguageModel lm = LanguageModel.create(LmArchitecture.recurrent(kind, 2, 12, 6, 0.1, 0.1), vocabulary, 8, 0.02, 5, 3,
                Precision.FLOAT64);
        int[] encoded = lm.encode(TEXT, "TEXT");
        StatefulTraining.run(lm, encoded, encoded, new TrainingPlan(4, 8, 0.02, 0.002, 5, 0, BudgetClock.WALL, 3, 1000, 2, true, 3), null);
        return lm;
    }

    private static String generate(LanguageModel lm, String prompt, int length, long seed) throws IOException {
        StringBuilder out = new StringBuilder();
        LmSampler.stream(lm, prompt, length, 0.8, 5, new Random(seed), out::append);
        return out.toString();
    }

    private static Tensor indices(LanguageModel lm, CharSequence text) {
        int[] encoded = lm.encode(text, "test");
        Tensor x = Tensor.zeros(Precision.FLOAT64, 1, encoded.length);
        for (int t = 0; t < encoded.length; t++) {
            x.set(t, encoded[t]);
        }
        return x;
    }
}
