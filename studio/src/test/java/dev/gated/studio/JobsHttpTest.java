package dev.gated.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gated.forecast.ForecastModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Issue 14 items 3 and 4: a cancelled job keeps its best weights so far; finished runs can be cleared. */
class JobsHttpTest {

    static StudioServer server;
    static Http http;
    static String airline;

    @BeforeAll
    static void start() throws Exception {
        server = new StudioServer(StudioOptions.defaults().withPort(0).withWorkers(2)).start();
        http = new Http(server);
        airline = http.post("/api/samples/airline-passengers", "").json().get("id").asText();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static JsonNode awaitEpochs(String job, int epochs) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < end) {
            JsonNode j = http.get("/api/jobs/" + job).json();
            if (j.get("epochs_done").asInt() >= epochs) {
                return j;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("job " + job + " did not reach epoch " + epochs);
    }

    @Test
    void aCancelledJobKeepsItsBestWeightsAndIsInspectableAndExportable() throws Exception {
        Map<String, Object> prepare = Map.of("dataset", airline, "target", "Passengers");
        Http.Reply run = http.post("/api/runs", Map.of("prepare", prepare,
                "models", List.of(Map.of("kind", "gru", "units", 8, "epochs", 5000))));
        assertEquals(201, run.status(), run.body());
        String id = run.json().get("jobs").get(0).get("id").asText();
        awaitEpochs(id, 3);
        assertEquals(202, http.post("/api/jobs/" + id + "/cancel", "").status());
        JsonNode j = http.awaitFinished(id, Duration.ofSeconds(30));
        assertEquals("cancelled", j.get("state").asText());
        int at = j.get("cancelled_at_epoch").asInt();
        int best = j.get("best_epoch").asInt();
        assertTrue(at >= 3 && best >= 1 && best <= at, j.toString());
        assertTrue(j.get("has_model").asBoolean());
        assertTrue(j.get("error").asText().contains("cancelled at epoch " + at), j.get("error").asText());
        assertTrue(j.get("metrics").get("test").get("rmse").asDouble() > 0, "the kept weights are scored");

        JsonNode row = http.get("/api/runs/" + run.json().get("id").asText()).json().get("rows").get(0);
        assertEquals("cancelled", row.get("state").asText());
        assertTrue(row.get("note").asText().contains("cancelled at epoch " + at), row.toString());
        assertEquals(200, http.get("/api/jobs/" + id + "/forecast").status());
        assertEquals(200, http.get("/api/jobs/" + id + "/inside?part=test&window=0").status());
        JsonNode export = http.get("/api/jobs/" + id + "/export").json();
        assertTrue(export.get("command").asText().contains("--epochs " + best + " "), export.get("command").asText());
        assertTrue(export.get("note").asText().contains("Cancelled at epoch " + at), export.toString());

        Path file = Files.createTempFile("cancelled", ".gated");
        try {
            Files.write(file, http.bytes("/api/jobs/" + id + "/model.gated").body());
            ForecastModel m = ForecastModel.load(file);
            assertEquals(best, m.bestEpoch());
            assertEquals(Integer.toString(at), m.network().metadata().get("studio.cancelled_at_epoch"));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void clearingForgetsFinishedRunsOnly() throws Exception {
        Map<String, Object> prepare = Map.of("dataset", airline, "target", "Passengers");
        Http.Reply quick = http.post("/api/runs", Map.of("prepare", prepare,
                "models", List.of(Map.of("kind", "rnn", "units", 4, "epochs", 1))));
        String done = quick.json().get("jobs").get(0).get("id").asText();
        http.awaitFinished(done, Duration.ofSeconds(30));
        Http.Reply slow = http.post("/api/runs", Map.of("prepare", prepare,
                "models", List.of(Map.of("kind", "lstm", "units", 8, "epochs", 5000))));
        String running = slow.json().get("jobs").get(0).get("id").asText();
        Http.Reply cleared = http.post("/api/jobs/clear-finished", "");
        assertEquals(200, cleared.status(), cleared.body());
        assertTrue(cleared.json().toString().contains(done), cleared.body());
        assertEquals(404, http.get("/api/jobs/" + done).status(), "a cleared job is gone");
        assertEquals(404, http.get("/api/runs/" + quick.json().get("id").asText()).status());
        assertEquals(200, http.get("/api/jobs/" + running).status(), "a running job stays");
        http.post("/api/jobs/" + running + "/cancel", "");
        http.awaitFinished(running, Duration.ofSeconds(30));
    }
}
