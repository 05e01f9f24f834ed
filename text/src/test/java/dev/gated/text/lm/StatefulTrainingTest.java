package dev.gated.text.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gated.layer.recurrent.RecurrentKind;
import dev.gated.tensor.Precision;
import dev.gated.text.CharVocabulary;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Carrying the state from chunk to chunk lets the model use what came before the chunk. The text
 * "xaxbxcxdxaxb…" is read in chunks of 4 that each start at an x: the letter after an x is the successor of the
 * letter before it. Inside a chunk the model learns to keep that letter across the x; but for the first
 * prediction of a chunk (after its leading x) the letter came in the previous chunk, which only a carried state
 * holds. A model that starts every chunk from zeros cannot do better than ¼ · ln 4 ≈ 0.347 nats per character on
 * average (uniform over 4 letters at one position in 4; a little more, as each stream ends on a chunk of 2); with the
 * state carried the loss can approach 0.
 */
class StatefulTrainingTest {

    @Test
    void carriedStateIsSeenAndResetStateIsBlind() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 204; i++) {
            sb.append('x').append("abcd".charAt(i % 4));
        }
        // N = 409: 4 streams of L = 102, so every chunk starts at an x (L even), and as L / 2 is odd the four streams'
        // chunks start before the four different letters: after a chunk's leading x each letter is as likely
        String text = sb.append('x').toString();
        double carried = trainLoss(text, true);
        double reset = trainLoss(text, false);
        assertTrue(reset > 0.33, "a model reset every chunk cannot see the letter before x, yet its loss is " + reset);
        assertTrue(carried < 0.15, "with the state carried the loss should fall far below ln 4 / 4 but is " + carried
                + " (reset: " + reset + ")");
    }

    @Test
    void keepsTheBestWeightsAndStopsAtTheEpochs() throws IOException {
        String text = LmSamplerTest.TEXT;
        LanguageModel lm = LanguageModel.create(LmArchitecture.recurrent(RecurrentKind.LSTM, 1, 8, 4, 0, 0),
                CharVocabulary.of(text), 8, 0.02, 5, 1, Precision.FLOAT64);
        int[] train = lm.encode(text.substring(0, 120), "train");
        int[] val = lm.encode(text.substring(120), "val");
        StatefulTraining.Result r = StatefulTraining.run(lm, train, val, new TrainingPlan(4, 8, 0.02, 0.002, 5, 0, BudgetClock.WALL, 4, 3,
                2, true, 1), null);
        assertEquals(16, r.steps(), "4 epochs of ⌈⌊119/4⌋ / 8⌉ = 4 chunks");
        List<StatefulTraining.Evaluation> curve = r.curve();
        assertEquals(6, curve.size(), "every 3 steps (5) and at the end");
        double lowest = curve.stream().mapToDouble(StatefulTraining.Evaluation::validationLoss).min().orElseThrow();
        assertEquals(lowest, r.best().validationLoss(), 0);
        assertEquals(lowest, StreamLoss.streams(lm.model(), val, 2, 256), 1e-12, "the model ends with its best weights");
    }

    private static double trainLoss(String text, boolean carry) throws IOException {
        LanguageModel lm = LanguageModel.create(LmArchitecture.recurrent(RecurrentKind.LSTM, 1, 16, 8, 0, 0),
                CharVocabulary.of(text), 4, 0.03, 5, 11, Precision.FLOAT32);
        int[] encoded = lm.encode(text, "text");
        StatefulTraining.Result r = StatefulTraining.run(lm, encoded, encoded,
                new TrainingPlan(4, 4, 0.03, 0.03, 5, 0, BudgetClock.WALL, 30, 25, 4, carry, 11), null);
        List<StatefulTraining.Evaluation> curve = r.curve();
        return curve.get(curve.size() - 1).trainLoss();
    }
}
