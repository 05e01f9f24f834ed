package dev.gated.studio;

import dev.gated.layer.recurrent.RecurrentKind;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gated.model.Sequential;
import dev.gated.studio.data.DatasetStore;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The JSON API over real HTTP: status codes, limits, CSV errors, concurrent and cancelled jobs, live events. */
class StudioHttpTest {

    static final long LIMIT = 64 * 1024;
    static StudioServer server;
    static Http http;
    static String airline;

    @BeforeAll
    static void start() throws Exception {
        server = new StudioServer(StudioOptions.defaults().withPort(0).withMaxUploadBytes(LIMIT).withWorkers(3)).start();
        http = new Http(server);
        airline = http.post("/api/samples/airline-passengers", "").json().get("id").asText();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Map<String, Object> prepare(Object... extra) {
        Map<String, Object> p = new java.util.LinkedHashMap<>(Map.of("dataset", airline, "target", "Passengers"));
        for (int i = 0; i < extra.length; i += 2) {
            p.put((String) extra[i], extra[i + 1]);
        }
        return p;
    }

    static Map<String, Object> model(String kind, int epochs) {
        return Map.of("kind", kind, "units", 8, "epochs", epochs, "batch", 16);
    }

    static void assertNoTrace(Http.Reply r) {
        assertFalse(r.body().contains("\tat ") || r.body().contains("at dev.gated") || r.body().contains("Exception:"),
                "the response must not carry a stack trace: " + r.body());
    }

    @Test
    void infoPagesAndUnknownEndpoints() throws Exception {
        Http.Reply info = http.get("/api/info");
        assertEquals(200, info.status());
        assertEquals(LIMIT, info.json().get("maxUploadBytes").asLong());
        assertEquals(200, http.get("/").status(), "the page is served at /");
        assertTrue(http.get("/").body().contains("Gated studio"));
        assertEquals(200, http.get("/vendor/echarts.min.js").status(), "ECharts comes from its WebJar");
        Http.Reply missing = http.get("/api/no-such-thing");
        assertEquals(404, missing.status());
        assertNotNull(missing.error());
        assertEquals(404, http.get("/api/jobs/j999").status());
    }

    @Test
    void samplesLoad() throws Exception {
        Http.Reply a = http.post("/api/samples/airline-passengers", "");
        assertEquals(201, a.status());
        assertEquals(144, a.json().get("rows").asInt());
        assertEquals("Month", a.json().get("timeColumn").asText());
        Http.Reply s = http.post("/api/samples/sine", "");
        assertEquals(201, s.status());
        assertEquals(500, s.json().get("rows").asInt());
        Http.Reply none = http.post("/api/samples/nope", "");
        assertEquals(400, none.status());
        assertTrue(none.error().contains("airline-passengers"), none.error());
    }

    @Test
    void badCsvIs400WithLineAndColumn() throws Exception {
        byte[] csv = "Month,Passengers\n1949-01,112\n1949-02,12x\n".getBytes(StandardCharsets.UTF_8);
        Http.Reply r = http.upload("broken.csv", csv);
        assertEquals(400, r.status());
        assertEquals(3, r.json().get("line").asInt());
        assertEquals("Passengers", r.json().get("column").asText());
        assertTrue(r.error().contains("line 3") && r.error().contains("12x"), r.error());
        assertNoTrace(r);
    }

    @Test
    void missingValuesCanBeInterpolatedOnReread() throws Exception {
        byte[] csv = "Month,Passengers\n1949-01,112\n1949-02,\n1949-03,132\n".getBytes(StandardCharsets.UTF_8);
        Http.Reply r = http.upload("gap.csv", csv);
        assertEquals(400, r.status(), r.body());
        String id = r.json().get("dataset").get("id").asText();
        Http.Reply fixed = http.get("/api/datasets/" + id + "?missing=interpolate");
        assertEquals(200, fixed.status(), fixed.body());
        assertEquals(122.0, fixed.json().get("series").get("Passengers").get(1).asDouble(), 1e-9);
    }

    @Test
    void uploadLimitIs413WithAClearMessage() throws Exception {
        byte[] big = new byte[(int) LIMIT + 10_000];
        java.util.Arrays.fill(big, (byte) '1');
        Http.Reply r = http.upload("big.csv", big);
        assertEquals(413, r.status(), r.body());
        assertTrue(r.error().contains("--max-upload-mb"), r.error());
        Http.Reply empty = http.upload("empty.csv", new byte[0]);
        assertEquals(400, empty.status());
        assertTrue(empty.error().contains("empty"), empty.error());
    }

    @Test
    void uploadNamesNeverBecomePaths() throws Exception {
        Http.Reply r = http.upload("../../../../tmp/evil.csv", "a,b\n1,2\n3,4\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(201, r.status(), r.body());
        assertEquals("evil.csv", r.json().get("name").asText());
        assertEquals("passwd", DatasetStore.cleanName("..\\..\\etc\\passwd"));
        assertEquals("upload.csv", DatasetStore.cleanName("/../.."));
    }

    @Test
    void badRequestsAre400WithoutTraces() throws Exception {
        Http.Reply window = http.post("/api/prepare", prepare("window", 200));
        assertEquals(400, window.status());
        assertTrue(window.error().contains("window"), window.error());
        assertNoTrace(window);
        Http.Reply json = http.post("/api/prepare", "{not json");
        assertEquals(400, json.status());
        assertNoTrace(json);
        Http.Reply kind = http.post("/api/runs", Map.of("prepare", prepare(), "models", List.of(Map.of("kind", "tcn"))));
        assertEquals(400, kind.status());
        assertTrue(kind.error().contains("rnn, lstm, gru"), kind.error());
        Http.Reply noModels = http.post("/api/runs", Map.of("prepare", prepare(), "models", List.of()));
        assertEquals(400, noModels.status());
        Http.Reply target = http.post("/api/prepare", prepare("target", "Nope"));
        assertEquals(400, target.status());
        assertTrue(target.error().contains("Nope"), target.error());
    }

    @Test
    void prepareReportsWindows() throws Exception {
        Http.Reply r = http.post("/api/prepare", prepare("window", 12, "train", 0.6, "validation", 0.15));
        assertEquals(200, r.status(), r.body());
        JsonNode w = r.json().get("windows");
        assertEquals(86 - 12, w.get("train").asInt(), "train [0, 86) holds 86 - 12 one-step windows");
        assertEquals(108 - 86, w.get("validation").asInt(), "every validation row [86, 108) is forecast");
        assertEquals(144 - 108, w.get("test").asInt(), "every test row [108, 144) is forecast");
    }

    @Test
    void concurrentJobsCancelAndFailIndependently() throws Exception {
        List<Map<String, Object>> models = List.of(
                model("lstm", 2000),                                                   // cancelled
                model("gru", 4),                                                       // finishes
                Map.of("kind", "rnn", "units", 8, "epochs", 50, "lr", 10.0, "optimizer", "sgd")); // diverges
        Http.Reply run = http.post("/api/runs", Map.of("prepare", prepare(), "models", models));
        assertEquals(201, run.status(), run.body());
        String slow = run.json().get("jobs").get(0).get("id").asText();
        String quick = run.json().get("jobs").get(1).get("id").asText();
        String wild = run.json().get("jobs").get(2).get("id").asText();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!http.get("/api/jobs/" + slow).json().get("state").asText().equals("running")) {
            assertTrue(System.nanoTime() < end, "the long job never started");
            Thread.sleep(50);
        }
        assertEquals(202, http.post("/api/jobs/" + slow + "/cancel", "").status());
        JsonNode cancelled = http.awaitFinished(slow, Duration.ofSeconds(30));
        assertEquals("cancelled", cancelled.get("state").asText());
        JsonNode q = http.awaitFinished(quick, Duration.ofSeconds(60));
        assertEquals("done", q.get("state").asText(), q.toString());
        assertEquals(4, q.get("history").size());
        JsonNode w = http.awaitFinished(wild, Duration.ofSeconds(60));
        assertTrue(w.get("state").asText().equals("failed") || w.get("state").asText().equals("done"), w.toString());
        if (w.get("state").asText().equals("failed")) {
            assertFalse(w.get("error").asText().contains("\tat "), w.get("error").asText());
        }
        assertEquals(409, http.post("/api/jobs/" + quick + "/cancel", "").status(), "a finished job cannot be cancelled");
        assertEquals(cancelled.get("has_model").asBoolean() ? 200 : 409, http.get("/api/jobs/" + slow + "/forecast")
                .status(), "a job cancelled before its first epoch ended has no model; after one, it keeps the best");

        Http.Reply results = http.get("/api/runs/" + run.json().get("id").asText());
        List<String> names = new ArrayList<>();
        int best = 0;
        for (JsonNode row : results.json().get("rows")) {
            names.add(row.get("model").asText());
            best += row.get("best").asBoolean() ? 1 : 0;
        }
        assertTrue(names.containsAll(List.of("lstm", "gru", "rnn", "naive", "seasonal_naive", "moving_average")), names.toString());
        assertEquals(1, best, "exactly one row is marked best");
    }

    @Test
    void finishedJobServesForecastModelInsideAndExport() throws Exception {
        Http.Reply run = http.post("/api/runs", Map.of("prepare", prepare(), "models", List.of(model("lstm", 3),
                model("gru", 3))));
        assertEquals(201, run.status(), run.body());
        String lstm = run.json().get("jobs").get(0).get("id").asText();
        String gru = run.json().get("jobs").get(1).get("id").asText();
        http.awaitFinished(lstm, Duration.ofSeconds(60));
        http.awaitFinished(gru, Duration.ofSeconds(60));

        JsonNode jobs = http.get("/api/jobs").json();
        boolean listed = false;
        for (JsonNode j : jobs) {
            listed |= j.get("id").asText().equals(lstm) && j.get("history").size() == 3;
        }
        assertTrue(listed, "the job list keeps every job with its history (a reopened tab redraws from it)");

        JsonNode f = http.get("/api/jobs/" + lstm + "/forecast").json();
        assertEquals(144, f.get("actual").size());
        assertEquals(36, f.get("residuals").size(), "one residual per test row");

        HttpResponse<byte[]> csv = http.bytes("/api/jobs/" + lstm + "/forecast.csv");
        assertEquals(200, csv.statusCode());
        assertTrue(new String(csv.body(), StandardCharsets.UTF_8).startsWith("Month,Passengers,Passengers (forecast),part"));

        HttpResponse<byte[]> file = http.bytes("/api/jobs/" + lstm + "/model.gated");
        assertEquals(200, file.statusCode());
        Path saved = Files.createTempFile("studio-test", ".gated");
        try {
            Files.write(saved, file.body());
            Sequential loaded = Sequential.load(saved);
            assertEquals("Passengers", loaded.metadata().get("studio.target"));
        } finally {
            Files.deleteIfExists(saved);
        }

        JsonNode inside = http.get("/api/jobs/" + lstm + "/inside?part=test&window=2").json();
        assertEquals(List.of("i", "f", "g", "o"), Http.JSON.convertValue(inside.get("gateNames"), List.class));
        assertEquals(8, inside.get("gates").get("f").size(), "one row per unit");
        assertEquals(12, inside.get("gates").get("f").get(0).size(), "one column per step");
        assertNotNull(inside.get("cell").get(0));
        JsonNode gi = http.get("/api/jobs/" + gru + "/inside?part=train&window=0").json();
        assertEquals(List.of("r", "z", "n"), Http.JSON.convertValue(gi.get("gateNames"), List.class));
        assertTrue(gi.get("cell").isNull());
        assertEquals(400, http.get("/api/jobs/" + lstm + "/inside?part=test&window=999").status());

        JsonNode g = http.get("/api/runs/" + run.json().get("id").asText() + "/gradients").json();
        assertEquals(2, g.get("series").size());
        assertEquals(12, g.get("series").get(0).get("trained").size());
        assertTrue(g.get("series").get(0).get("initial").get(0).asDouble() > 0);

        JsonNode x = http.get("/api/jobs/" + gru + "/export").json();
        assertTrue(x.get("command").asText().startsWith("./gated train --data "
                + "studio/src/main/resources/dev/gated/studio/samples/airline-passengers.csv --target Passengers"),
                "the sample by its path from the project root: " + x.get("command").asText());
        assertTrue(x.get("command").asText().contains("--model gru"));
        assertTrue(x.get("java").asText().contains("TrainingRun.train(RecurrentKind.parse(\"gru\")"), x.get("java").asText());
    }

    @Test
    void trainingStreamsEpochEventsOverSse() throws Exception {
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        CompletableFuture<HttpResponse<Stream<String>>> stream = http.client.sendAsync(
                HttpRequest.newBuilder(URI.create(http.base + "/api/events")).header("Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.ofLines());
        HttpResponse<Stream<String>> response = stream.get(10, TimeUnit.SECONDS);
        assertEquals(200, response.statusCode());
        Thread reader = new Thread(() -> {
            try {
                response.body().forEach(lines::add);
            } catch (java.io.UncheckedIOException closedAtTheEnd) {
                // the test closes the stream
            }
        });
        reader.setDaemon(true);
        reader.start();
        Thread.sleep(200);
        Http.Reply run = http.post("/api/runs", Map.of("prepare", prepare(), "models", List.of(model("gru", 3))));
        String job = run.json().get("jobs").get(0).get("id").asText();
        http.awaitFinished(job, Duration.ofSeconds(60));
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        java.util.function.BooleanSupplier doneSeen = () -> lines.stream().anyMatch(l -> l.startsWith("data:")
                && l.contains("\"state\":\"done\"") && l.contains("\"id\":\"" + job + "\""));
        while (!doneSeen.getAsBoolean() && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        long epochs = lines.stream().filter(l -> l.startsWith("data:") && l.contains("\"job\":\"" + job + "\"")
                && l.contains("\"val_loss\"")).count();
        assertEquals(3, epochs, "one epoch event per epoch with loss and val_loss: " + lines);
        assertTrue(doneSeen.getAsBoolean(), "a state event says the job is done");
        response.body().close();
    }

    @Test
    void memoryLabTrainsOnTheAddingTask() throws Exception {
        Map<String, Object> req = Map.of("task", "adding", "length", 10, "examples", 64, "models",
                List.of(Map.of("kind", "rnn", "units", 8, "epochs", 2), Map.of("kind", "lstm", "units", 8, "epochs", 2)));
        Http.Reply run = http.post("/api/memory", req);
        assertEquals(201, run.status(), run.body());
        String runId = run.json().get("id").asText();
        String rnn = run.json().get("jobs").get(0).get("id").asText();
        String lstm = run.json().get("jobs").get(1).get("id").asText();
        assertEquals("done", http.awaitFinished(rnn, Duration.ofSeconds(60)).get("state").asText());
        JsonNode l = http.awaitFinished(lstm, Duration.ofSeconds(60));
        assertEquals("done", l.get("state").asText(), l.toString());
        assertTrue(l.get("history").get(1).get("val_loss").isNumber(), "validation loss is streamed");

        JsonNode results = http.get("/api/runs/" + runId).json();
        assertEquals("metric", results.get("bestKey").asText());
        assertEquals(3, results.get("rows").size(), "two models and the memoryless baseline");
        double baseline = results.get("rows").get(2).get("test").get("metric").asDouble();
        assertTrue(baseline > 0.1 && baseline < 0.25, "always answering 1 scores MSE near 1/6, got " + baseline);

        JsonNode inside = http.get("/api/jobs/" + lstm + "/inside?part=test&window=0").json();
        assertEquals(10, inside.get("steps").asInt());
        JsonNode g = http.get("/api/runs/" + runId + "/gradients").json();
        assertEquals(10, g.get("series").get(0).get("trained").size());
        assertTrue(http.get("/api/jobs/" + lstm + "/export").json().get("command").asText()
                .startsWith("./gated experiment memory --task adding --lengths 10 --models lstm"));
        assertEquals(400, http.get("/api/jobs/" + lstm + "/forecast").status(), "no forecast for a memory task");
        assertEquals(400, http.post("/api/memory", Map.of("task", "sorting", "models", List.of(Map.of("kind", "rnn"))))
                .status());
    }

    @Test
    void onlyLoopbackWithoutTheFlag() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new StudioOptions("0.0.0.0", 0, LIMIT, false, 1));
        assertTrue(e.getMessage().contains("--allow-remote"), e.getMessage());
        new StudioOptions("0.0.0.0", 0, LIMIT, true, 1);
        new StudioOptions("localhost", 0, LIMIT, false, 1);
    }
}
