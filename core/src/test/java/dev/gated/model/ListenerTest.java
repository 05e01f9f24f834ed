package dev.gated.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gated.data.Dataset;
import dev.gated.layer.Dense;
import dev.gated.layer.recurrent.Recurrent;
import dev.gated.loss.Loss;
import dev.gated.optim.Sgd;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListenerTest {

    private static Sequential model(double lr) {
        Sequential m = Sequential.input(12, 1).seed(9).add(Recurrent.gru(8)).add(new Dense(1));
        m.compile(new Sgd(lr, 0.9, false), Loss.mse());
        return m;
    }

    @Test
    void earlyStoppingStopsAfterPatienceAndRestoresTheBestWeights() {
        Dataset data = TrainingFixtures.sineData(120, 12);
        Dataset[] parts = data.splitLast(0.25);
        // a learning rate high enough that validation loss stops improving quickly
        Sequential m = model(0.5);
        List<float[]> weightsPerEpoch = new ArrayList<>();
        EarlyStopping stopping = new EarlyStopping(2, 0, true);
        m.fit(parts[0], Fit.epochs(40).batchSize(16).quiet().validationData(parts[1]).listener(stopping)
                .listener(new TrainingListener() {
                    @Override
                    public void onEpochEnd(Model model, EpochRecord record) {
                        weightsPerEpoch.add(TrainingFixtures.flatWeights(model));
                    }
                }));
        assertTrue(stopping.stoppedEpoch() >= 0 && stopping.stoppedEpoch() < 39, "never stopped");
        assertEquals(stopping.stoppedEpoch() + 1, m.history().size());
        assertEquals(stopping.bestEpoch() + 2, stopping.stoppedEpoch(), "stopped `patience` epochs after the best");
        double[] val = m.history().validationLoss();
        double min = Double.POSITIVE_INFINITY;
        for (double v : val) {
            min = Math.min(min, v);
        }
        assertEquals(min, val[stopping.bestEpoch()], 0.0);
        assertArrayEquals(weightsPerEpoch.get(stopping.bestEpoch()), TrainingFixtures.flatWeights(m), "best weights restored");
    }

    @Test
    void reduceOnPlateauLowersTheRateAfterPatience() {
        Sequential m = model(0.5);
        ReduceLearningRateOnPlateau plateau = new ReduceLearningRateOnPlateau(0.5, 1, 1e-4);
        m.fit(TrainingFixtures.sineData(80, 12), Fit.epochs(12).batchSize(16).quiet().listener(plateau));
        double[] rates = m.history().epochs().stream().mapToDouble(EpochRecord::learningRate).toArray();
        assertEquals(0.5, rates[0], 0.0);
        assertTrue(rates[rates.length - 1] < 0.5, "the rate was never reduced: " + java.util.Arrays.toString(rates));
        for (int i = 1; i < rates.length; i++) {
            assertTrue(rates[i] <= rates[i - 1], "rates must not rise: " + java.util.Arrays.toString(rates));
        }
    }

    @Test
    void validationSplitHoldsOutTheLastExamplesAndReportsValLoss() {
        Sequential m = model(0.05);
        History h = m.fit(TrainingFixtures.sineData(100, 12), Fit.epochs(2).batchSize(10).quiet().validationSplit(0.2));
        assertTrue(h.epochs().get(0).hasValidation());
        assertEquals("80", m.trainingConfig().get("training_examples"));
    }

    @Test
    void eachFitReturnsItsOwnHistoryUnlessResuming() {
        Sequential m = model(0.05);
        Dataset data = TrainingFixtures.sineData(40, 12);
        m.fit(data, Fit.epochs(2).quiet());
        History second = m.fit(data, Fit.epochs(3).quiet());
        assertEquals(3, second.size());
        assertEquals(0, second.epochs().get(0).epoch());
        History resumed = m.fit(data, Fit.epochs(5).quiet().resume());
        assertEquals(5, resumed.size(), "resuming continues the history of epochs 0-2");
        assertEquals(4, resumed.epochs().get(4).epoch());
    }

    @Test
    void progressBarPrintsKerasStyleLines() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Sequential m = model(0.05);
        m.fit(TrainingFixtures.sineData(64, 12), Fit.epochs(2).batchSize(32)
                .progress(new PrintStream(bytes, true, StandardCharsets.UTF_8)).validationSplit(0.25));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("Epoch 1/2") && out.contains("Epoch 2/2"), out);
        assertTrue(out.matches("(?s).*2/2 \\[=+\\] - \\d+s \\d+m?s/step - loss: \\d\\.\\d{4} - val_loss: \\d\\.\\d{4}.*"), out);
    }
}
