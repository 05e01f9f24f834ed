package dev.gated.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gated.data.Dataset;
import dev.gated.layer.Activation;
import dev.gated.layer.Dense;
import dev.gated.layer.Dropout;
import dev.gated.layer.recurrent.Recurrent;
import dev.gated.loss.Loss;
import dev.gated.optim.Adam;
import dev.gated.optim.Sgd;
import dev.gated.tensor.Precision;
import dev.gated.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad input is rejected with an IllegalArgumentException that names the option, the expectation and the value. */
class TeachingErrorsTest {

    private static void assertMessage(Executable action, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "message lacks \"" + f + "\": " + e.getMessage());
        }
    }

    private static Sequential lstmModel() {
        Sequential m = Sequential.input(10, 1).add(Recurrent.lstm(4)).add(new Dense(1));
        m.compile(new Adam(0.01), Loss.mse());
        return m;
    }

    @Test
    void invalidHyperParameters() {
        assertMessage(() -> Recurrent.lstm(0), "LSTM units", "positive", "0");
        assertMessage(() -> Recurrent.gru(-3), "GRU units", "-3");
        assertMessage(() -> new Dense(0), "Dense units", "0");
        assertMessage(() -> new Dropout(1.0), "Dropout rate", "[0, 1)", "1.0");
        assertMessage(() -> new Dropout(-0.1), "Dropout rate", "-0.1");
        assertMessage(() -> Activation.parse("swishy"), "activation", "relu", "swishy");
        assertMessage(() -> new Adam(-1), "learning rate", "-1");
        assertMessage(() -> new Sgd(0.1, 0, true), "nesterov", "momentum");
        assertMessage(() -> Loss.parse("rmse"), "loss", "mse", "rmse");
        assertMessage(() -> Fit.epochs(0), "epochs", "0");
    }

    @Test
    void wrongInputRankOrShape() {
        Sequential m = lstmModel();
        Tensor flat = Tensor.zeros(Precision.FLOAT32, 8, 10);
        assertMessage(() -> m.fit(flat, Tensor.zeros(Precision.FLOAT32, 8, 1), Fit.epochs(1).quiet()),
                "x has shape [8, 10]", "(examples, 10, 1)", "features axis");
        Tensor wrongSteps = Tensor.zeros(Precision.FLOAT32, 8, 12, 1);
        assertMessage(() -> m.predict(wrongSteps), "[8, 12, 1]", "(examples, 10, 1)");
    }

    @Test
    void lengthMismatchBetweenInputsAndTargets() {
        Sequential m = lstmModel();
        assertMessage(() -> m.fit(Tensor.zeros(Precision.FLOAT32, 8, 10, 1), Tensor.zeros(Precision.FLOAT32, 7, 1),
                Fit.epochs(1).quiet()), "x has 8 examples", "y has 7");
    }

    @Test
    void nanOrInfiniteInputsAreLocated() {
        Sequential m = lstmModel();
        Tensor x = Tensor.zeros(Precision.FLOAT32, 4, 10, 1);
        x.set(2 * 10 + 7, Double.NaN);
        assertMessage(() -> m.fit(x, Tensor.zeros(Precision.FLOAT32, 4, 1), Fit.epochs(1).quiet()),
                "training data x", "NaN", "[2, 7, 0]");
        Tensor y = Tensor.zeros(Precision.FLOAT32, 4, 1);
        y.set(3, Double.POSITIVE_INFINITY);
        assertMessage(() -> m.fit(Tensor.zeros(Precision.FLOAT32, 4, 10, 1), y, Fit.epochs(1).quiet()),
                "training data y", "Infinity", "[3, 0]");
    }

    @Test
    void stackingWithoutReturnSequencesIsExplained() {
        Sequential m = Sequential.input(10, 1).add(Recurrent.lstm(4)).add(Recurrent.gru(3));
        assertMessage(m::build, "layer 2", "returnSequences(true)");
    }

    @Test
    void divergingLossStopsFitWithEpochBatchAndAdvice() {
        Dataset data = TrainingFixtures.sineData(64, 10);
        float[] huge = data.y().toFloatArray();
        for (int i = 0; i < huge.length; i++) {
            huge[i] *= 1e30f;
        }
        Sequential m = Sequential.input(10, 1).add(Recurrent.simpleRnn(4)).add(new Dense(1));
        m.compile(new Sgd(10.0), Loss.mse());
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> m.fit(data.x(), Tensor.of(huge, huge.length, 1), Fit.epochs(3).batchSize(16).quiet()));
        assertEquals(0, e.epoch());
        assertTrue(e.getMessage().contains("epoch 1, batch " + (e.batch() + 1)), e.getMessage());
        assertTrue(e.getMessage().contains("lower learning rate") && e.getMessage().contains("clipping"), e.getMessage());
    }

    @Test
    void fitBeforeCompileSaysWhatToCall() {
        Sequential m = Sequential.input(10, 1).add(Recurrent.lstm(4)).add(new Dense(1));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> m.fit(Tensor.zeros(Precision.FLOAT32, 2, 10, 1), Tensor.zeros(Precision.FLOAT32, 2, 1), Fit.epochs(1)));
        assertTrue(e.getMessage().contains("compile(optimizer, loss)"), e.getMessage());
    }
}
