package dev.gated.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.gated.layer.Dense;
import dev.gated.layer.recurrent.Bidirectional;
import dev.gated.layer.recurrent.CellActivation;
import dev.gated.layer.recurrent.Recurrent;
import dev.gated.model.Sequential;
import dev.gated.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recurrent cells with non-default activations survive a model file, and change what the model computes. */
class CellActivationModelFileTest {

    @TempDir
    Path dir;

    private static Sequential model(boolean activations) {
        Recurrent lstm = Recurrent.lstm(4).returnSequences(true);
        Recurrent gru = Recurrent.gruResetBefore(3).returnSequences(true);
        Recurrent rnn = Recurrent.simpleRnn(2);
        if (activations) {
            lstm.recurrentActivation(CellActivation.HARD_SIGMOID_KERAS2);
            gru.activation(CellActivation.RELU).recurrentActivation(CellActivation.HARD_SIGMOID_KERAS3);
            rnn.activation(CellActivation.LINEAR);
        }
        return Sequential.input(5, 2).seed(4)
                .add(lstm)
                .add(new Bidirectional(gru, Bidirectional.Merge.SUM))
                .add(rnn)
                .add(new Dense(1));
    }

    @Test
    void activationsRoundTripThroughTheModelFile() throws IOException {
        Sequential a = model(true);
        Path file = dir.resolve("activations.gated");
        a.save(file);
        Sequential loaded = Sequential.load(file);
        assertEquals(CellActivation.HARD_SIGMOID_KERAS2, ((Recurrent) loaded.layers().get(0)).cell().recurrentActivation());
        Bidirectional bi = (Bidirectional) loaded.layers().get(1);
        assertEquals(CellActivation.RELU, bi.backwardLayer().cell().activation());
        assertEquals(CellActivation.HARD_SIGMOID_KERAS3, bi.backwardLayer().cell().recurrentActivation());
        assertEquals(CellActivation.LINEAR, ((Recurrent) loaded.layers().get(2)).cell().activation());
        Tensor x = Tensor.of(new float[] {0.5f, -1, 2, 0.1f, -0.3f, 0.9f, 1.5f, -2, 0.2f, 0.4f}, 1, 5, 2);
        float[] expected = a.predict(x).toFloatArray();
        assertArrayEquals(expected, loaded.predict(x).toFloatArray());
        // the same seed gives the same weights: under the default activations give another answer: the options are used
        Sequential plain = model(false);
        assertFalse(expected[0] == plain.predict(x).toFloatArray()[0], "activations change the output");
    }
}
