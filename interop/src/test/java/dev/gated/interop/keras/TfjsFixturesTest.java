package dev.gated.interop.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gated.interop.ImportException;
import dev.gated.model.Model;
import dev.gated.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * TF.js layers models made by {@code interop/fixtures/make-tfjs-fixtures.mjs} (TensorFlow.js 4.22 under Node,
 * seeded weights): Gated's predictions after import equal TF.js's own, stored beside each model.
 */
class TfjsFixturesTest {

    static final Path FIXTURES = Path.of("src/test/resources/tfjs");
    static final double TOLERANCE = 1e-5;

    static Tensor tensor(JsonNode t) {
        int[] shape = new int[t.path("shape").size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = t.path("shape").get(i).asInt();
        }
        float[] data = new float[t.path("data").size()];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) t.path("data").get(i).asDouble();
        }
        return Tensor.of(data, shape);
    }

    /** Loads the fixture, predicts its inputs and returns the largest difference from TF.js's outputs. */
    static double maxDifference(String name) throws Exception {
        Path dir = FIXTURES.resolve(name);
        Model model = KerasImport.load(dir.resolve("model.json"));
        assertTrue(model.summary().contains("Total params") || !model.summary().isEmpty());
        JsonNode expected = new ObjectMapper().readTree(Files.readString(dir.resolve("expected.json")));
        List<Tensor> inputs = new ArrayList<>();
        expected.path("inputs").forEach(t -> inputs.add(tensor(t)));
        List<Tensor> actual = model.predict(inputs, null);
        assertEquals(expected.path("outputs").size(), actual.size(), name + ": number of outputs");
        double max = 0;
        for (int k = 0; k < actual.size(); k++) {
            Tensor want = tensor(expected.path("outputs").get(k));
            assertArrayEquals(want.shape(), actual.get(k).shape(), name + ": output " + k + " shape");
            for (int i = 0; i < want.size(); i++) {
                max = Math.max(max, Math.abs(want.get(i) - actual.get(k).get(i)));
            }
        }
        System.out.printf("TF.js fixture %-28s max |Gated − TF.js| = %.2e   (%s)%n", name, max, expected.path("note").asText());
        return max;
    }

    @ParameterizedTest
    @ValueSource(strings = {"lstm_sequences", "gru_fixed_length", "simple_rnn_softmax", "bidirectional_lstm_concat",
        "bidirectional_gru_sum", "bidirectional_rnn_ave", "embedding_mask_zero_lstm", "stacked_repeat_vector",
        "masking_gru", "functional_two_branches", "lstm_hard_sigmoid", "gru_relu_hard_sigmoid", "simple_rnn_relu_linear",
        "bidirectional_lstm_hard_sigmoid_tanh_gates"})
    void predictionsEqualTensorFlowJs(String name) throws Exception {
        double max = maxDifference(name);
        assertTrue(max <= TOLERANCE, name + ": max difference " + max);
    }

    @Test
    void anActivationTheCellsLackIsRefusedNamingTheLayer(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        String json = Files.readString(FIXTURES.resolve("lstm_hard_sigmoid/model.json"));
        assertTrue(json.contains("\"hard_sigmoid\""), "the fixture names its recurrent activation");
        Files.writeString(dir.resolve("model.json"), json.replace("\"hard_sigmoid\"", "\"softsign\""));
        ImportException e = assertThrows(ImportException.class, () -> KerasImport.load(dir.resolve("model.json")));
        assertTrue(e.getMessage().contains("(LSTM): recurrent_activation=softsign is not supported"), e.getMessage());
        assertTrue(e.getMessage().contains("lstm_LSTM"), e.getMessage());
    }

    @Test
    void missingShardIsNamed(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Files.copy(FIXTURES.resolve("lstm_sequences/model.json"), dir.resolve("model.json"));
        ImportException e = assertThrows(ImportException.class, () -> KerasImport.load(dir.resolve("model.json")));
        assertTrue(e.getMessage().contains("weight shard \"group1-shard1of1.bin\""), e.getMessage());
    }
}
