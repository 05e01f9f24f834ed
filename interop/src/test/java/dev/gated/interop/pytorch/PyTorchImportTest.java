package dev.gated.interop.pytorch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gated.interop.ImportException;
import dev.gated.interop.safetensors.NamedTensor;
import dev.gated.interop.safetensors.SafeTensors;
import dev.gated.layer.Dense;
import dev.gated.layer.Embedding;
import dev.gated.layer.TimeDistributed;
import dev.gated.layer.recurrent.Bidirectional;
import dev.gated.layer.recurrent.Recurrent;
import dev.gated.model.Sequential;
import dev.gated.tensor.Precision;
import dev.gated.tensor.Shape;
import dev.gated.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PyTorch network's weights, written as safetensors and loaded into the matching Gated model, give PyTorch's
 * predictions (run by libtorch through DJL) within 1e-5.
 */
class PyTorchImportTest {

    @TempDir
    Path dir;

    /** Writes the state_dict to a safetensors file in a shuffled tensor order (the format keeps no order). */
    Path save(TorchModule torch, String name) throws Exception {
        List<NamedTensor> tensors = new ArrayList<>(torch.stateDict.values());
        Collections.shuffle(tensors, new Random(name.hashCode()));
        Path file = dir.resolve(name + ".safetensors");
        Files.write(file, SafeTensors.toBytes(tensors, Map.of("format", "pt")));
        return file;
    }

    static Recurrent layer(TorchModule.Kind kind, int hidden) {
        return switch (kind) {
            case LSTM -> Recurrent.lstm(hidden);
            case GRU -> Recurrent.gru(hidden);
            case RNN -> Recurrent.simpleRnn(hidden);
        };
    }

    /** The Gated twin of {@code torch}: [Embedding] → L recurrent layers (bidirectional or not) → Dense. */
    static Sequential twin(TorchModule torch, boolean sequences) {
        Sequential model = torch.vocabulary > 0
                ? Sequential.input(Shape.ANY).add(new Embedding(torch.vocabulary, torch.inputSize, false))
                : Sequential.input(Shape.anyLength(torch.inputSize));
        for (int l = 0; l < torch.layers; l++) {
            Recurrent r = layer(torch.kind, torch.hidden).returnSequences(sequences || l < torch.layers - 1);
            model.add(torch.bidirectional ? new Bidirectional(r) : r);
        }
        return model.add(sequences ? new TimeDistributed(new Dense(torch.outputs)) : new Dense(torch.outputs));
    }

    void check(String label, TorchModule torch, boolean sequences) throws Exception {
        Sequential model = twin(torch, sequences);
        PyTorchImport.load(save(torch, label), model);
        int batch = 3;
        int steps = 6;
        Random random = new Random(label.hashCode());
        float[] x = new float[batch * steps * (torch.vocabulary > 0 ? 1 : torch.inputSize)];
        for (int i = 0; i < x.length; i++) {
            x[i] = torch.vocabulary > 0 ? random.nextInt(torch.vocabulary) : (float) (2 * random.nextDouble() - 1);
        }
        Tensor input = torch.vocabulary > 0 ? Tensor.of(x, batch, steps) : Tensor.of(x, batch, steps, torch.inputSize);
        float[] expected = torch.predict(x, batch, steps, sequences);
        Tensor actual = model.predict(input);
        assertEquals(expected.length, actual.size(), label + ": output size");
        double max = 0;
        for (int i = 0; i < expected.length; i++) {
            max = Math.max(max, Math.abs(expected[i] - actual.get(i)));
        }
        System.out.printf("PyTorch import %-46s max |Gated − PyTorch| = %.2e%n", label, max);
        assertTrue(max <= 1e-5, label + ": max difference " + max);
    }

    @Test
    void stackedAndBidirectionalModulesPredictAsPyTorch() throws Exception {
        check("1-layer LSTM → linear, last", new TorchModule(TorchModule.Kind.LSTM, 1, false, 0, 4, 5, 3, 1), false);
        check("2-layer LSTM → linear, last", new TorchModule(TorchModule.Kind.LSTM, 2, false, 0, 4, 5, 3, 1), false);
        check("embedding → 1-layer LSTM → linear, last", new TorchModule(TorchModule.Kind.LSTM, 1, false, 13, 4, 5, 3, 1), false);
        check("embedding → 2-layer LSTM → linear, last", new TorchModule(TorchModule.Kind.LSTM, 2, false, 13, 4, 5, 3, 1), false);
        check("2-layer bidirectional LSTM → linear, sequences", new TorchModule(TorchModule.Kind.LSTM, 2, true, 0, 3, 4, 2, 2), true);
        check("2-layer GRU → linear, last", new TorchModule(TorchModule.Kind.GRU, 2, false, 0, 3, 6, 2, 3), false);
        check("bidirectional GRU → linear, last", new TorchModule(TorchModule.Kind.GRU, 1, true, 9, 3, 4, 2, 4), false);
        check("bidirectional RNN → linear, sequences", new TorchModule(TorchModule.Kind.RNN, 1, true, 0, 2, 3, 2, 5), true);
    }

    @Test
    void gruBiasesStayApart() throws Exception {
        TorchModule torch = new TorchModule(TorchModule.Kind.GRU, 1, false, 0, 2, 3, 1, 6);
        Sequential model = twin(torch, false);
        PyTorchImport.load(save(torch, "gru"), model);
        Recurrent gru = (Recurrent) model.layers().get(0);
        float[] bhh = torch.stateDict.get("rnn.bias_hh_l0").data();
        float[] bih = torch.stateDict.get("rnn.bias_ih_l0").data();
        for (int j = 0; j < bhh.length; j++) {
            assertEquals(bih[j], gru.cell().bias().value().get(j), 0.0);
            assertEquals(bhh[j], ((dev.gated.layer.recurrent.GruCell) gru.cell()).recurrentBias().value().get(j), 0.0);
        }
    }

    @Test
    void namedModulesPickTheRightTensorsWhenShapesAreAlike() throws Exception {
        // two identical LSTMs: by shape alone either could be first, so the names decide
        TorchModule a = new TorchModule(TorchModule.Kind.LSTM, 1, false, 0, 3, 3, 3, 7);
        Map<String, NamedTensor> tensors = new LinkedHashMap<>();
        for (NamedTensor t : a.stateDict.values()) {
            tensors.put(t.name(), t);
            String second = t.name().replace("rnn.", "rnn2.");
            if (!second.equals(t.name())) {
                float[] other = t.data().clone();
                for (int i = 0; i < other.length; i++) {
                    other[i] *= -1;
                }
                tensors.put(second, new NamedTensor(second, t.shape(), other));
            }
        }
        IntFunction<Sequential> make = h -> Sequential.input(Shape.anyLength(3))
                .add(Recurrent.lstm(3).returnSequences(true)).add(Recurrent.lstm(3)).add(new Dense(3));
        ImportException ambiguous = assertThrows(ImportException.class,
                () -> PyTorchImport.load(tensors, "two.safetensors", make.apply(0)));
        assertTrue(ambiguous.getMessage().contains("[rnn, rnn2] all fit layer 1 (lstm)"), ambiguous.getMessage());
        Sequential model = make.apply(0);
        PyTorchImport.load(tensors, "two.safetensors", model, "rnn2", "rnn", "fc");
        Recurrent second = (Recurrent) model.layers().get(1);
        // W = weight_ihᵀ: W[0, 1] = weight_ih[1, 0]
        assertEquals(a.stateDict.get("rnn.weight_ih_l0").data()[3], second.cell().kernel().value().get(1), 0.0);
    }

    @Test
    void missingExtraAndMisShapedTensorsAreNamed() throws Exception {
        TorchModule torch = new TorchModule(TorchModule.Kind.LSTM, 2, false, 0, 3, 4, 2, 8);
        Path file = save(torch, "lstm2");
        // the declared model has one LSTM layer: the second layer's tensors are left over
        Sequential oneLayer = Sequential.input(Shape.anyLength(3)).add(Recurrent.lstm(4)).add(new Dense(2));
        ImportException extra = assertThrows(ImportException.class, () -> PyTorchImport.load(file, oneLayer, "rnn", "fc"));
        assertTrue(extra.getMessage().contains("not used by any layer") && extra.getMessage().contains("rnn.weight_ih_l1"),
                extra.getMessage());
        // wrong hidden size
        Sequential wide = Sequential.input(Shape.anyLength(3)).add(Recurrent.lstm(5).returnSequences(true))
                .add(Recurrent.lstm(4)).add(new Dense(2));
        ImportException shape = assertThrows(ImportException.class, () -> PyTorchImport.load(file, wide, "rnn", "rnn", "fc"));
        assertTrue(shape.getMessage().contains("\"rnn.weight_ih_l0\" must have shape (20, 3) but has (16, 3)"), shape.getMessage());
        // a module name that is not in the file
        Sequential model = Sequential.input(Shape.anyLength(3)).add(Recurrent.lstm(4).returnSequences(true))
                .add(Recurrent.lstm(4)).add(new Dense(2));
        ImportException missing = assertThrows(ImportException.class, () -> PyTorchImport.load(file, model, "rnn", "rnn", "head"));
        assertTrue(missing.getMessage().contains("needs tensor \"head.weight\" of shape (2, 4)"), missing.getMessage());
        // PyTorch's GRU is reset-after
        Sequential before = Sequential.input(Shape.anyLength(3)).add(Recurrent.gruResetBefore(4)).add(new Dense(2));
        TorchModule gru = new TorchModule(TorchModule.Kind.GRU, 1, false, 0, 3, 4, 2, 9);
        ImportException variant = assertThrows(ImportException.class, () -> PyTorchImport.load(save(gru, "gru1"), before, "rnn", "fc"));
        assertTrue(variant.getMessage().contains("gruResetBefore"), variant.getMessage());
    }

    @Test
    void corruptFilesAreRefusedWithTheReason() throws Exception {
        Path empty = dir.resolve("empty.safetensors");
        Files.write(empty, new byte[3]);
        assertTrue(assertThrows(ImportException.class, () -> SafeTensors.read(empty)).getMessage().contains("8-byte header length"));
        byte[] good = SafeTensors.toBytes(List.of(new NamedTensor("w", new int[] {2, 2}, new float[] {1, 2, 3, 4})), null);
        byte[] truncated = java.util.Arrays.copyOf(good, good.length - 4);
        ImportException cut = assertThrows(ImportException.class, () -> SafeTensors.read(truncated, "cut.safetensors"));
        assertTrue(cut.getMessage().contains("tensor \"w\": data_offsets [0, 16] must span 16 bytes"), cut.getMessage());
        byte[] huge = good.clone();
        huge[7] = 0x7f;
        assertTrue(assertThrows(ImportException.class, () -> SafeTensors.read(huge, "h")).getMessage().contains("header length"));
    }

    @Test
    void halfAndBfloat16TensorsAreWidened() throws Exception {
        String header = "{\"h\":{\"dtype\":\"F16\",\"shape\":[3],\"data_offsets\":[0,6]},"
                + "\"b\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[6,10]}}";
        byte[] json = header.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(8 + json.length + 10).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        buf.putLong(json.length).put(json);
        buf.putShort((short) 0x3C00).putShort((short) 0xC000).putShort((short) 0x3555);  // 1, −2, 0.33325195
        buf.putShort((short) 0x3F80).putShort((short) 0xC0A0);                           // 1, −5
        Map<String, NamedTensor> t = SafeTensors.read(buf.array(), "mixed");
        assertEquals(1f, t.get("h").data()[0]);
        assertEquals(-2f, t.get("h").data()[1]);
        assertEquals(0.33325195f, t.get("h").data()[2]);
        assertEquals(1f, t.get("b").data()[0]);
        assertEquals(-5f, t.get("b").data()[1]);
    }

    @Test
    void float64ModelsLoadToo() throws Exception {
        TorchModule torch = new TorchModule(TorchModule.Kind.RNN, 1, false, 0, 2, 3, 1, 10);
        Sequential model = Sequential.input(Shape.anyLength(2)).precision(Precision.FLOAT64)
                .add(Recurrent.simpleRnn(3)).add(new Dense(1));
        PyTorchImport.load(save(torch, "rnn64"), model);
        float[] x = {0.1f, -0.2f, 0.3f, 0.4f};
        float expected = torch.predict(x, 1, 2, false)[0];
        assertEquals(expected, model.predict(Tensor.of(x, 1, 2, 2)).get(0), 1e-5);
    }
}
