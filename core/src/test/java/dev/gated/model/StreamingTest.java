package dev.gated.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gated.layer.Dense;
import dev.gated.layer.recurrent.Bidirectional;
import dev.gated.layer.recurrent.Recurrent;
import dev.gated.tensor.Shape;
import dev.gated.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Stepping a model with a caller-held state equals running it on the whole sequence. */
class StreamingTest {

    static Sequential stack() {
        return Sequential.input(Shape.anyLength(2)).seed(5)
                .add(Recurrent.lstm(12).returnSequences(true))
                .add(Recurrent.gru(10).returnSequences(true))
                .add(Recurrent.simpleRnn(6))
                .add(new Dense(3))
                .build();
    }

    static Tensor sequence(int batch, int steps) {
        return AnyLengthTest.series(batch, steps * 2, 9).reshape(batch, steps, 2);
    }

    static double maxRelative(Tensor a, Tensor b) {
        double worst = 0;
        for (int i = 0; i < a.size(); i++) {
            double scale = Math.max(1e-3, Math.max(Math.abs(a.get(i)), Math.abs(b.get(i))));
            worst = Math.max(worst, Math.abs(a.get(i) - b.get(i)) / scale);
        }
        return worst;
    }

    @Test
    void steppingOneStepAtATimeEqualsOneCallOnAllSteps() {
        Sequential model = stack();
        int steps = 40;
        Tensor x = sequence(3, steps);
        Tensor whole = model.predict(x);
        StreamState state = model.newState(3);
        Tensor last = null;
        for (int t = 0; t < steps; t++) {
            Tensor oneStep = x.timeSlice(t, t + 1).reshape(3, 2);   // (B, F): one step, no time axis
            last = model.step(state, oneStep);
        }
        double err = maxRelative(whole, last);
        System.out.println("stepping 40 × 1 step vs one 40-step call (LSTM→GRU→RNN→Dense, float32): max rel err " + err);
        assertTrue(err <= 1e-6, "max relative difference " + err);
    }

    @Test
    void chunksOfAnySizeGiveTheSameAsTheWholeSequence() {
        Sequential model = Sequential.input(Shape.anyLength(2)).seed(6)
                .add(Recurrent.lstm(8).returnSequences(true)).add(new Dense(1)).build();
        Tensor x = sequence(2, 30);
        Tensor whole = model.predict(x);
        StreamState state = model.newState(2);
        int[] cuts = {0, 7, 8, 20, 30};
        for (int c = 0; c + 1 < cuts.length; c++) {
            Tensor part = model.step(state, x.timeSlice(cuts[c], cuts[c + 1]));
            double err = maxRelative(whole.timeSlice(cuts[c], cuts[c + 1]), part);
            assertTrue(err <= 1e-6, "chunk " + c + ": max relative difference " + err);
        }
    }

    @Test
    void stateCopiesResetsAndSerialises() {
        Sequential model = stack();
        Tensor x = sequence(2, 12);
        StreamState state = model.newState(2);
        model.step(state, x.timeSlice(0, 6));
        StreamState branch = state.copy();
        StreamState restored = StreamState.fromBytes(state.toBytes());
        Tensor a = model.step(state, x.timeSlice(6, 12));
        Tensor b = model.step(branch, x.timeSlice(6, 12));
        Tensor c = model.step(restored, x.timeSlice(6, 12));
        assertArrayEquals(a.toFloatArray(), b.toFloatArray(), "a copy continues as the original");
        assertArrayEquals(a.toFloatArray(), c.toFloatArray(), "bytes and back continue as the original");
        state.reset();
        Tensor fresh = model.step(state, x.timeSlice(0, 6));
        StreamState zero = model.newState(2);
        assertArrayEquals(model.step(zero, x.timeSlice(0, 6)).toFloatArray(), fresh.toFloatArray(), "reset = new state");
        assertEquals(3, state.layers());
        assertArrayEquals(new int[] {2, 12}, state.hidden(0).shape());
        assertNotEquals(null, state.cell(0));
        assertEquals(null, state.cell(1), "GRU has no cell state");
    }

    @Test
    void aParkedStreamIsSavedWithItsModelAndResumes(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        Sequential model = stack();
        Tensor x = sequence(2, 10);
        StreamState state = model.newState(2);
        model.step(state, x.timeSlice(0, 4));
        java.nio.file.Path file = dir.resolve("parked.gated");
        ModelFile.save(model, file, state);
        Model loaded = Model.load(file);
        StreamState resumed = ModelFile.readStreamState(file);
        assertArrayEquals(model.step(state, x.timeSlice(4, 10)).toFloatArray(), loaded.step(resumed, x.timeSlice(4, 10)).toFloatArray());
        model.save(dir.resolve("plain.gated"));
        assertEquals(null, ModelFile.readStreamState(dir.resolve("plain.gated")));
    }

    @Test
    void resetOfOneRowLeavesTheOthers() {
        Sequential model = stack();
        Tensor x = sequence(2, 5);
        StreamState state = model.newState(2);
        model.step(state, x);
        Tensor before = state.hidden(0);
        state.reset(0);
        Tensor after = state.hidden(0);
        for (int j = 0; j < 12; j++) {
            assertEquals(0.0, after.get(j));
            assertEquals(before.get(12 + j), after.get(12 + j));
        }
    }

    @Test
    void teachingErrors() {
        Sequential model = stack();
        StreamState other = Sequential.input(Shape.anyLength(2)).add(Recurrent.lstm(5)).build().newState(1);
        IllegalArgumentException wrongModel = assertThrows(IllegalArgumentException.class,
                () -> model.step(other, sequence(1, 3)));
        assertTrue(wrongModel.getMessage().contains("another model"), wrongModel.getMessage());
        IllegalArgumentException wrongRows = assertThrows(IllegalArgumentException.class,
                () -> model.step(model.newState(2), sequence(3, 3)));
        assertTrue(wrongRows.getMessage().contains("newState(3)"), wrongRows.getMessage());
        Sequential bidirectional = Sequential.input(Shape.anyLength(2)).add(new Bidirectional(Recurrent.lstm(3))).build();
        IllegalStateException future = assertThrows(IllegalStateException.class, () -> bidirectional.newState(1));
        assertTrue(future.getMessage().contains("both ends"), future.getMessage());
        IllegalArgumentException garbage = assertThrows(IllegalArgumentException.class,
                () -> StreamState.fromBytes(new byte[] {1, 2, 3}));
        assertTrue(garbage.getMessage().contains("not a Gated stream state"), garbage.getMessage());
        byte[] bytes = model.newState(1).toBytes();
        IllegalArgumentException truncated = assertThrows(IllegalArgumentException.class,
                () -> StreamState.fromBytes(java.util.Arrays.copyOf(bytes, bytes.length - 4)));
        assertTrue(truncated.getMessage().contains("bytes"), truncated.getMessage());
        assertEquals(1, List.of(model).size());
    }
}
