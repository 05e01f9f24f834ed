package dev.gated.interop.onnx;

import static dev.gated.interop.onnx.OnnxExportTest.amplified;
import static dev.gated.interop.onnx.OnnxExportTest.maxDifference;
import static dev.gated.interop.onnx.OnnxExportTest.paddedTokens;
import static dev.gated.interop.onnx.OnnxExportTest.random;
import static dev.gated.interop.onnx.OnnxExportTest.randomised;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gated.interop.ImportException;
import dev.gated.layer.Activation;
import dev.gated.layer.Concatenate;
import dev.gated.layer.Dense;
import dev.gated.layer.Embedding;
import dev.gated.layer.Node;
import dev.gated.layer.RepeatVector;
import dev.gated.layer.recurrent.Bidirectional;
import dev.gated.layer.recurrent.CellActivation;
import dev.gated.layer.recurrent.Recurrent;
import dev.gated.model.Model;
import dev.gated.model.Sequential;
import dev.gated.tensor.Shape;
import dev.gated.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import onnx.Onnx.GraphProto;
import onnx.Onnx.ModelProto;
import onnx.Onnx.TensorProto;
import onnx.Onnx.ValueInfoProto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ONNX import: Gated → ONNX → Gated gives the same predictions, and the ONNX project's own backend node tests
 * (src/test/resources/onnx-node, see PROVENANCE.md there) give their stored outputs.
 */
class OnnxImportTest {

    static final Path NODE_TESTS = Path.of("src/test/resources/onnx-node");

    static void roundTrip(String label, Model model, List<Tensor> inputs) throws Exception {
        List<Tensor> expected = model.predict(inputs, null);
        Model imported = OnnxImport.fromOnnx(OnnxExport.toOnnx(model), label);
        List<Tensor> actual = imported.predict(inputs, null);
        assertEquals(expected.size(), actual.size(), label + ": outputs");
        double max = 0;
        for (int k = 0; k < expected.size(); k++) {
            max = Math.max(max, maxDifference(expected.get(k), actual.get(k)));
        }
        System.out.printf("ONNX round trip %-44s max |Gated − Gated→ONNX→Gated| = %.2e%n", label, max);
        assertTrue(max <= 1e-6, label + ": max difference " + max);
    }

    static void roundTrip(String label, Sequential model, int features) throws Exception {
        roundTrip(label, model, List.of(random(new Random(label.hashCode()), 3, 6, features)));
    }

    static Sequential sequence(int features, Recurrent layer) {
        return Sequential.input(Shape.anyLength(features)).add(layer).add(new Dense(2));
    }

    @Test
    void recurrentLayersRoundTrip() throws Exception {
        roundTrip("lstm sequences", randomised(sequence(3, Recurrent.lstm(4).returnSequences(true)), 1), 3);
        roundTrip("lstm last", randomised(sequence(3, Recurrent.lstm(4)), 2), 3);
        roundTrip("gru reset-after", randomised(sequence(2, Recurrent.gru(3).returnSequences(true)), 3), 2);
        roundTrip("gru reset-before", randomised(sequence(2, Recurrent.gruResetBefore(3)), 4), 2);
        roundTrip("simple rnn", randomised(sequence(2, Recurrent.simpleRnn(3).returnSequences(true)), 5), 2);
        roundTrip("lstm go backwards", randomised(sequence(2, Recurrent.lstm(3).goBackwards(true)), 6), 2);
        roundTrip("lstm hard_sigmoid_keras3, relu", amplified(sequence(2, Recurrent.lstm(3)
                .activation(CellActivation.RELU).recurrentActivation(CellActivation.HARD_SIGMOID_KERAS3)), 7), 2);
        roundTrip("gru linear, hard_sigmoid_keras2", amplified(sequence(2, Recurrent.gru(3).returnSequences(true)
                .activation(CellActivation.LINEAR).recurrentActivation(CellActivation.HARD_SIGMOID_KERAS2)), 8), 2);
    }

    @Test
    void bidirectionalEveryMergeRoundTrips() throws Exception {
        for (Bidirectional.Merge merge : Bidirectional.Merge.values()) {
            for (boolean sequences : new boolean[] {true, false}) {
                Sequential m = Sequential.input(Shape.anyLength(3))
                        .add(new Bidirectional(Recurrent.gru(3).returnSequences(sequences), merge)).add(new Dense(2, Activation.TANH));
                roundTrip("bidirectional gru " + merge + (sequences ? " sequences" : " last"), randomised(m, 10), 3);
            }
        }
    }

    @Test
    void stackedDenseActivationsAndEmbeddingRoundTrip() throws Exception {
        Sequential stacked = Sequential.input(Shape.anyLength(4))
                .add(Recurrent.lstm(5).returnSequences(true))
                .add(new Bidirectional(Recurrent.simpleRnn(3).returnSequences(true), Bidirectional.Merge.SUM))
                .add(new Dense(4, Activation.RELU))
                .add(Recurrent.gru(3))
                .add(new Dense(3, Activation.SIGMOID))
                .add(new Dense(3, Activation.SOFTMAX));
        roundTrip("stacked lstm/bi-rnn/dense/gru/dense", randomised(stacked, 20), 4);
        Sequential tokens = randomised(Sequential.input(Shape.ANY)
                .add(new Embedding(12, 4, true))
                .add(new Bidirectional(Recurrent.lstm(5).returnSequences(true)))
                .add(Recurrent.gru(3))
                .add(new Dense(2)), 30);
        roundTrip("embedding mask_zero → bi-lstm → gru", tokens,
                List.of(paddedTokens(new Random(3), new int[] {7, 3, 1, 5}, 7, 12)));
    }

    @Test
    void graphWithInitialStatesRoundTrips() throws Exception {
        Node source = Node.input("source", Shape.anyLength(3));
        Node target = Node.input("target", Shape.anyLength(2));
        Node[] encoded = Recurrent.lstm(5).returnState(true).onAll(source);
        Node decoded = Recurrent.lstm(5).returnSequences(true).on(target, encoded[1], encoded[2]);
        Node other = new Bidirectional(Recurrent.gru(4).returnSequences(true)).on(target);
        Node y = new Dense(3, Activation.SOFTMAX).on(new Concatenate().on(decoded, other));
        Model model = randomised(Model.of(List.of(source, target), List.of(y, encoded[1])), 40);
        Random random = new Random(9);
        roundTrip("graph encoder–decoder with states", model, List.of(random(random, 2, 7, 3), random(random, 2, 4, 2)));
    }

    /** A model exported with a lengths input: imported, the lengths become the mask given to predict. */
    @Test
    void lengthsInputBecomesThePredictMask() throws Exception {
        Sequential model = randomised(Sequential.input(Shape.anyLength(3))
                .add(Recurrent.lstm(4).returnSequences(true)).add(Recurrent.gru(3)).add(new Dense(2)), 31);
        Model imported = OnnxImport.fromOnnx(OnnxExport.toOnnx(model, OnnxExport.Options.defaults().withSequenceLengths()),
                "lengths.onnx");
        assertEquals(1, imported.inputShapes().size(), "the lengths input is not a model input");
        Tensor x = random(new Random(8), 3, 6, 3);
        Tensor mask = Tensor.zeros(dev.gated.tensor.Precision.FLOAT32, 3, 6);
        int[] lengths = {6, 2, 4};
        for (int b = 0; b < 3; b++) {
            mask.fill(b * 6, lengths[b], 1);
        }
        double diff = maxDifference(model.predict(x, mask), imported.predict(x, mask));
        System.out.printf("ONNX round trip %-44s max |Gated − Gated→ONNX→Gated| = %.2e%n", "lengths input as the mask", diff);
        assertTrue(diff <= 1e-6, "difference " + diff);
        assertTrue(maxDifference(model.predict(x), model.predict(x, mask)) > 1e-4, "the mask changes the answer");
    }

    @Test
    void outsideTheSubsetIsRefusedNamingTheNode() {
        Sequential repeat = randomised(Sequential.input(Shape.anyLength(2))
                .add(Recurrent.lstm(3)).add(new RepeatVector(4)).add(Recurrent.gru(2).returnSequences(true)), 50);
        ImportException e = assertThrows(ImportException.class,
                () -> OnnxImport.fromOnnx(OnnxExport.toOnnx(repeat), "repeat.onnx"));
        assertTrue(e.getMessage().startsWith("repeat.onnx: node \"node_repeat\" (Tile)"), e.getMessage());
        assertTrue(e.getMessage().contains("(Tile): op type Tile is not supported; imported are LSTM, GRU, RNN"), e.getMessage());
        e = assertThrows(ImportException.class, () -> nodeTest("test_lstm_with_peepholes"));
        assertTrue(e.getMessage().contains("(LSTM): peephole weights (input P) are not supported"), e.getMessage());
    }

    // ---- the ONNX project's backend node tests --------------------------------------------------------------

    /** A node test's model with its weight inputs (W, R, B, … read from test_data_set_0) made initializers. */
    static Model nodeTest(String name) throws Exception {
        Path dir = NODE_TESTS.resolve(name);
        ModelProto proto = ModelProto.parseFrom(Files.readAllBytes(dir.resolve("model.onnx")));
        GraphProto.Builder graph = proto.getGraph().toBuilder();
        List<ValueInfoProto> kept = new ArrayList<>();
        for (int i = 0; i < graph.getInputCount(); i++) {
            ValueInfoProto in = graph.getInput(i);
            if (i == 0) {
                kept.add(in);
            } else {
                TensorProto t = TensorProto.parseFrom(Files.readAllBytes(dir.resolve("test_data_set_0/input_" + i + ".pb")));
                graph.addInitializer(t.toBuilder().setName(in.getName()));
            }
        }
        graph.clearInput().addAllInput(kept);
        return OnnxImport.fromOnnx(proto.toBuilder().setGraph(graph).build(), name);
    }

    static Tensor pb(Path file) throws Exception {
        TensorProto t = TensorProto.parseFrom(Files.readAllBytes(file));
        long[] dims = OnnxTensors.dims(t);
        int[] shape = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            shape[i] = (int) dims[i];
        }
        return Tensor.of(OnnxTensors.floats(t), shape);
    }

    /** (T, B, I) → (B, T, I). */
    static Tensor batchMajor(Tensor x) {
        int steps = x.dim(0);
        int batch = x.dim(1);
        int f = x.dim(2);
        Tensor out = Tensor.zeros(dev.gated.tensor.Precision.FLOAT32, batch, steps, f);
        for (int t = 0; t < steps; t++) {
            for (int b = 0; b < batch; b++) {
                for (int j = 0; j < f; j++) {
                    out.set((b * steps + t) * f + j, x.get((t * batch + b) * f + j));
                }
            }
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"test_lstm_defaults", "test_lstm_with_initial_bias", "test_lstm_batchwise",
        "test_gru_defaults", "test_gru_with_initial_bias", "test_gru_seq_length", "test_gru_batchwise",
        "test_rnn_seq_length", "test_simple_rnn_defaults", "test_simple_rnn_with_initial_bias", "test_simple_rnn_batchwise"})
    void onnxBackendNodeTestsGiveTheirStoredOutputs(String name) throws Exception {
        Model model = nodeTest(name);
        ModelProto proto = ModelProto.parseFrom(Files.readAllBytes(NODE_TESTS.resolve(name).resolve("model.onnx")));
        boolean layout1 = proto.getGraph().getNode(0).getAttributeList().stream()
                .anyMatch(a -> a.getName().equals("layout") && a.getI() == 1);
        Path data = NODE_TESTS.resolve(name).resolve("test_data_set_0");
        Tensor x = pb(data.resolve("input_0.pb"));
        List<Tensor> actual = model.predict(List.of(layout1 ? x : batchMajor(x)), null);
        double max = 0;
        for (int k = 0; k < actual.size(); k++) {
            Tensor want = pb(data.resolve("output_" + k + ".pb"));
            Tensor got = actual.get(k);
            if (want.rank() == 4 && !layout1) {   // Y (T, 1, B, H) → (B, T, H)
                want = batchMajor(Tensor.of(want.toFloatArray(), want.dim(0), want.dim(2), want.dim(3)));
            }
            assertEquals(want.size(), got.size(), name + ": output " + k + " size");
            for (int i = 0; i < want.size(); i++) {
                max = Math.max(max, Math.abs(want.get(i) - got.get(i)));
            }
        }
        System.out.printf("ONNX node test %-34s %d output(s)  max |Gated − stored| = %.2e%n", name, actual.size(), max);
        assertTrue(max <= 1e-5, name + ": max difference " + max);
    }
}
