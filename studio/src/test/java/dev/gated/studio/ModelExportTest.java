package dev.gated.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gated.forecast.ForecastModel;
import dev.gated.layer.recurrent.RecurrentKind;
import dev.gated.forecast.PreparedData;
import dev.gated.forecast.Scoreboard;
import dev.gated.interop.onnx.OnnxImport;
import dev.gated.model.Model;
import dev.gated.studio.data.Samples;
import dev.gated.tensor.Tensor;
import onnx.Onnx.ModelProto;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A downloaded forecasting model carries the shared pipeline's settings: {@link ForecastModel#load} reads them
 * back as the studio chose them, and preparing the same CSV with them scores the test part as the studio did.
 */
class ModelExportTest {

    static StudioServer server;
    static Http http;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        server = new StudioServer(StudioOptions.defaults().withPort(0).withWorkers(1)).start();
        http = new Http(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void exportedSettingsRoundTripThroughTheForecastLoader() throws Exception {
        String dataset = http.post("/api/samples/airline-passengers", "").json().get("id").asText();
        Map<String, Object> prepare = Map.of("dataset", dataset, "target", "Passengers", "window", 6, "horizon", 2,
                "stride", 2, "scaler", "standard", "train", 0.7, "validation", 0.1);
        Map<String, Object> lstm = Map.of("kind", "lstm", "units", 5, "layers", 2, "dropout", 0.1, "epochs", 2,
                "lr", 0.005, "optimizer", "adamw", "seed", 11);
        Http.Reply run = http.post("/api/runs", Map.of("prepare", prepare, "models", List.of(lstm)));
        assertEquals(201, run.status(), run.body());
        String job = run.json().get("jobs").get(0).get("id").asText();
        JsonNode done = http.awaitFinished(job, Duration.ofSeconds(60));
        assertEquals("done", done.get("state").asText(), done.toString());

        HttpResponse<byte[]> file = http.bytes("/api/jobs/" + job + "/model.gated");
        Path saved = dir.resolve("m.gated");
        Files.write(saved, file.body());
        ForecastModel fm = ForecastModel.load(saved);
        assertEquals(RecurrentKind.LSTM, fm.kind());
        assertEquals(List.of(5, 2, 6, 2, 2, 2), List.of(fm.hp().units(), fm.hp().layers(), fm.hp().window(),
                fm.hp().horizon(), fm.hp().stride(), fm.hp().epochs()));
        assertEquals("adamw", fm.hp().optimizer());
        assertEquals(0.1, fm.hp().dropout());
        assertEquals(11L, fm.hp().seed());
        assertEquals("Passengers", fm.data().target());
        assertEquals("Month", fm.data().timeColumn());
        assertEquals("STANDARD", fm.data().scaler().name());
        assertEquals(0.7, fm.data().split().trainFraction());
        assertEquals(0.1, fm.data().split().validationFraction());
        assertNull(fm.data().split().rows());
        assertEquals("airline-passengers.csv", fm.dataFile());
        assertEquals("Passengers", fm.network().metadata().get("studio.target"), "earlier exports' labels stay");

        Path csv = dir.resolve("airline-passengers.csv");
        Files.write(csv, Samples.load("airline-passengers").getValue());
        PreparedData again = fm.prepare(csv);
        Scoreboard board = new Scoreboard();
        double rmse = board.addModel("lstm", "", fm.network(), 0, 2, again).row().testRmse();
        double studio = done.at("/metrics/test/rmse").asDouble();
        assertEquals(studio, rmse, 1e-9 * studio, "the saved scaler and split give the studio's test windows");

        // the same network as ONNX: read back by Gated's ONNX import, it predicts as the model file does
        HttpResponse<byte[]> onnx = http.bytes("/api/jobs/" + job + "/model.onnx");
        assertEquals(200, onnx.statusCode());
        assertTrue(onnx.headers().firstValue("Content-Disposition").orElse("").endsWith(".onnx\""));
        ModelProto proto = ModelProto.parseFrom(onnx.body());
        assertTrue(proto.getGraph().getNodeList().stream().anyMatch(n -> n.getOpType().equals("LSTM")));
        Model fromOnnx = OnnxImport.fromOnnx(proto, "model.onnx");
        var w = again.test().windows();
        Tensor x = Tensor.of(w.x(), w.count(), w.window(), w.features());
        float[] want = fm.network().predict(x).toFloatArray();
        float[] got = fromOnnx.predict(x).toFloatArray();
        double max = 0;
        for (int i = 0; i < want.length; i++) {
            max = Math.max(max, Math.abs(want[i] - got[i]));
        }
        assertTrue(max <= 1e-6, "ONNX download vs model file: max difference " + max);
        assertEquals(404, http.bytes("/api/jobs/j999/model.onnx").statusCode());
    }
}
