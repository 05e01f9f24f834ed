package dev.gated.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gated.cli.output.Json;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gated import / export / predict on a TF.js fixture of the interop module (made by TensorFlow.js). */
class InteropCommandsTest {

    static final Path FIXTURE = Path.of("../interop/src/test/resources/tfjs/bidirectional_lstm_concat");

    @TempDir
    Path dir;

    static double maxDifference(JsonNode expected, JsonNode actual) {
        assertEquals(expected.path("shape"), actual.path("shape"));
        double max = 0;
        for (int i = 0; i < expected.path("data").size(); i++) {
            max = Math.max(max, Math.abs(expected.path("data").get(i).asDouble() - actual.path("data").get(i).asDouble()));
        }
        return max;
    }

    /** The fixture's input as NumPy's .npy (version 1.0, little-endian float32). */
    static byte[] npy(JsonNode tensor) {
        StringBuilder shape = new StringBuilder();
        tensor.path("shape").forEach(d -> shape.append(d.asInt()).append(", "));
        String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + shape.toString().strip() + "), }";
        int padded = (10 + header.length() + 1 + 63) / 64 * 64 - 10;
        header = header + " ".repeat(padded - header.length() - 1) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + padded + 4 * tensor.path("data").size()).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) padded);
        b.put(header.getBytes(StandardCharsets.ISO_8859_1));
        tensor.path("data").forEach(v -> b.putFloat((float) v.asDouble()));
        return b.array();
    }

    @Test
    void importExportAndPredictATensorFlowJsModel() throws Exception {
        Path model = dir.resolve("m.gated");
        Cli.run("import", FIXTURE.resolve("model.json").toString(), "--out", model.toString()).ok();
        assertTrue(Files.size(model) > 0);

        JsonNode expected = Json.mapper().readTree(Files.readString(FIXTURE.resolve("expected.json")));
        Path x = dir.resolve("x.json");
        Files.writeString(x, expected.path("inputs").get(0).toString());
        Cli.Result fromJson = Cli.run("predict", "--model", model.toString(), "--input", x.toString()).ok();
        double jsonDiff = maxDifference(expected.path("outputs").get(0), Json.mapper().readTree(fromJson.out()));
        assertTrue(jsonDiff <= 1e-5, "JSON input: difference " + jsonDiff);

        Path npy = dir.resolve("x.npy");
        Files.write(npy, npy(expected.path("inputs").get(0)));
        Path y = dir.resolve("y.json");
        Cli.run("predict", "--model", model.toString(), "--input", npy.toString(), "--out", y.toString()).ok();
        double npyDiff = maxDifference(expected.path("outputs").get(0), Json.mapper().readTree(Files.readString(y)));
        assertTrue(npyDiff <= 1e-5, ".npy input: difference " + npyDiff);

        Path onnxFile = dir.resolve("m.onnx");
        JsonNode doc = Cli.run("export", "--model", model.toString(), "--format", "onnx", "--out", onnxFile.toString(), "--json").ok().json();
        assertEquals(17, doc.path("opset").asInt());
        onnx.Onnx.ModelProto proto = onnx.Onnx.ModelProto.parseFrom(Files.readAllBytes(onnxFile));
        assertTrue(proto.getGraph().getNodeList().stream().anyMatch(n -> n.getOpType().equals("LSTM")));

        // and back: ONNX → Gated predicts as the model it came from; summary reads the (graph) model it gives
        Path back = dir.resolve("back.gated");
        Cli.run("import", onnxFile.toString(), "--out", back.toString()).ok();
        Cli.Result again = Cli.run("predict", "--model", back.toString(), "--input", x.toString()).ok();
        double roundTrip = maxDifference(Json.mapper().readTree(fromJson.out()), Json.mapper().readTree(again.out()));
        assertTrue(roundTrip <= 1e-6, "Gated → ONNX → Gated: difference " + roundTrip);
        Cli.Result summary = Cli.run("summary", "--model", back.toString()).ok();
        assertTrue(summary.out().contains("Bidirectional(LSTM)") && summary.out().contains("Total params: 274"), summary.out());
        assertTrue(summary.out().contains("input shapes: [(None, 3)]"), summary.out());
        JsonNode sj = Cli.run("summary", "--model", back.toString(), "--json").ok().json();
        assertEquals("graph", sj.path("kind").asText());
        assertTrue(sj.path("layers").size() >= 2, sj.toString());
    }

    @Test
    void importsARealKerasFileQuietly() throws Exception {
        Path model = dir.resolve("rnn.gated");
        Cli.Result r = Cli.run("import", "../interop/src/test/resources/keras-real/simple_rnn_tf_keras_2_model.h5",
                "--out", model.toString()).ok();
        assertTrue(r.out().contains("simple_rnn"), r.out());
        assertEquals("", r.err(), "nothing on stderr");
        Path x = dir.resolve("x.json");
        Files.writeString(x, "{\"shape\": [2, 1, 1], \"data\": [0.1, -0.4]}");
        JsonNode y = Json.mapper().readTree(Cli.run("predict", "--model", model.toString(), "--input", x.toString()).ok().out());
        assertEquals("[2,1]", y.path("shape").toString());
    }

    @Test
    void mistakesAreOneLineErrors() throws Exception {
        Path model = dir.resolve("m.gated");
        Cli.run("import", FIXTURE.resolve("model.json").toString(), "--out", model.toString()).ok();
        Path weights = dir.resolve("w.safetensors");
        Files.write(weights, new byte[16]);
        Cli.run("import", weights.toString(), "--out", dir.resolve("p.gated").toString()).failsWith(2).says("--like");
        Cli.run("export", "--model", model.toString(), "--format", "tflite", "--out", dir.resolve("m.tflite").toString())
                .failsWith(2).says("--format tflite: expected onnx");
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"shape\": [1, 2, 3], \"data\": [1, 2]}");
        Cli.run("predict", "--model", model.toString(), "--input", bad.toString()).failsWith(1)
                .says("bad.json", "holds 6 values but \"data\" has 2");
        Cli.run("predict", "--model", model.toString(), "--input", bad.toString(), "--out", bad.toString()).failsWith(1)
                .says("the input is never overwritten");
        Path wrongShape = dir.resolve("wrong.json");
        Files.writeString(wrongShape, "{\"shape\": [1, 2, 5], \"data\": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]}");
        Cli.run("predict", "--model", model.toString(), "--input", wrongShape.toString()).failsWith(1).says("--input");
        Path peepholes = Path.of("../interop/src/test/resources/onnx-node/test_lstm_with_peepholes/model.onnx");
        Cli.run("import", peepholes.toString(), "--out", dir.resolve("p.gated").toString()).failsWith(1)
                .says("model.onnx", "(LSTM)");
    }
}
