package dev.gated.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gated.studio.StudioOptions;
import dev.gated.studio.StudioServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model trained in the studio and downloaded from it works with {@code gated evaluate} and {@code gated
 * forecast}: both read the same forecasting settings from the file, so evaluate reproduces the studio's test
 * RMSE on the same CSV file.
 */
class StudioModelTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void studioExportEvaluatesAndForecastsOnTheCommandLine() throws Exception {
        Path data = SharedData.airline();
        Path model = dir.resolve("studio-gru.gated");
        double studioRmse;
        try (StudioServer server = new StudioServer(StudioOptions.defaults().withPort(0).withWorkers(1)).start()) {
            Studio studio = new Studio(server.port(), server.token());
            JsonNode upload = studio.send("/api/datasets?name=airline-passengers.csv",
                    HttpRequest.BodyPublishers.ofByteArray(Files.readAllBytes(data)), "text/csv");
            Map<String, Object> prepare = Map.of("dataset", upload.get("id").asText(), "target", "Passengers",
                    "window", 12, "train", 0.6, "validation", 0.15);
            Map<String, Object> gru = Map.of("kind", "gru", "units", 6, "epochs", 3, "batch", 16, "lr", 0.01,
                    "optimizer", "rmsprop", "seed", 3);
            JsonNode run = studio.send("/api/runs", HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                    Map.of("prepare", prepare, "models", List.of(gru)))), "application/json");
            String job = run.get("jobs").get(0).get("id").asText();
            JsonNode done = studio.awaitDone(job);
            studioRmse = done.at("/metrics/test/rmse").asDouble();
            Files.write(model, studio.bytes("/api/jobs/" + job + "/model.gated"));
        }

        JsonNode e = Cli.run("evaluate", "--model", model.toString(), "--data", data.toString(), "--json").ok().json();
        assertEquals("gru", e.get("model").asText());
        assertEquals("rmsprop", e.at("/hyper_parameters/optimizer").asText());
        assertEquals("12", e.at("/hyper_parameters/window").asText());
        JsonNode rows = e.get("rows");
        assertEquals(List.of("gru", "naive", "seasonal_naive", "moving_average"),
                List.of(rows.get(0).get("model").asText(), rows.get(1).get("model").asText(),
                        rows.get(2).get("model").asText(), rows.get(3).get("model").asText()));
        assertEquals(studioRmse, rows.get(0).get("test_rmse").asDouble(), 1e-9 * studioRmse,
                "the same split, saved scaler and test windows as in the studio");
        assertEquals(36, e.at("/data/test/windows").asInt(), "test rows [108, 144) of the studio's 0.6 / 0.15 split");

        JsonNode f = Cli.run("forecast", "--model", model.toString(), "--data", data.toString(), "--steps", "3",
                "--json").ok().json();
        assertEquals("recursive", f.get("method").asText());
        assertEquals("Month", f.get("time_column").asText());
        assertEquals("1961-01", f.at("/forecast/0/time").asText());
        assertEquals(3, f.get("forecast").size());
        assertTrue(Double.isFinite(f.at("/forecast/2/value").asDouble()));
    }

    /** Just enough of the studio's JSON API. */
    record Studio(HttpClient client, String base, String token) {

        Studio(int port, String token) {
            this(HttpClient.newHttpClient(), "http://127.0.0.1:" + port, token);
        }

        JsonNode send(String path, HttpRequest.BodyPublisher body, String type) throws Exception {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Content-Type", type).header(dev.gated.studio.web.Guard.TOKEN_HEADER, token).POST(body)
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(201, r.statusCode(), r.body());
            return JSON.readTree(r.body());
        }

        JsonNode get(String path) throws Exception {
            return JSON.readTree(client.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body());
        }

        JsonNode awaitDone(String job) throws Exception {
            long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < end) {
                JsonNode j = JSON.readTree(client.send(HttpRequest.newBuilder(URI.create(base + "/api/jobs/" + job))
                        .GET().build(), HttpResponse.BodyHandlers.ofString()).body());
                String state = j.get("state").asText();
                if (!state.equals("queued") && !state.equals("running")) {
                    assertEquals("done", state, j.toString());
                    return j;
                }
                Thread.sleep(100);
            }
            throw new AssertionError("job " + job + " did not finish within 60 s");
        }

        byte[] bytes(String path) throws Exception {
            HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, r.statusCode());
            return r.body();
        }
    }
}
