package dev.gated.studio;

import dev.gated.timeseries.testdata.WeatherCsv;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Issue 14 item 1 over HTTP: a file with text columns is typed, not refused; a text column is a one-hot input. */
class TextColumnsHttpTest {

    static StudioServer server;
    static Http http;

    @BeforeAll
    static void start() {
        server = new StudioServer(StudioOptions.defaults().withPort(0)).start();
        http = new Http(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aWeatherFileIsTypedAndTrainsWithItsTextColumnOneHot() throws Exception {
        Http.Reply up = http.upload("seattle-weather.csv", WeatherCsv.text(400).getBytes(StandardCharsets.UTF_8));
        assertEquals(201, up.status(), up.body());
        JsonNode v = up.json();
        assertEquals("date", v.get("timeColumn").asText());
        assertEquals(List.of("precipitation", "temp_max", "temp_min", "wind"),
                Http.JSON.convertValue(v.get("columns"), List.class), "numeric columns, for the target");
        JsonNode weather = v.get("profile").get(5);
        assertEquals("weather", weather.get("name").asText());
        assertEquals("text", weather.get("kind").asText());
        assertEquals(5, weather.get("distinct").asInt());
        assertTrue(weather.get("categorical").asBoolean());
        assertTrue(!v.get("profile").get(6).get("categorical").asBoolean(), "station is an identifier");
        assertTrue(List.of("drizzle", "fog", "rain", "snow", "sun").contains(v.get("cells").get(0).get(5).asText()),
                "the preview shows text cells as they are: " + v.get("cells").get(0));

        String id = v.get("id").asText();
        Map<String, Object> prepare = Map.of("dataset", id, "target", "temp_max",
                "features", List.of("temp_max", "weather"), "window", 7);
        Http.Reply p = http.post("/api/prepare", prepare);
        assertEquals(200, p.status(), p.body());
        assertEquals(6, p.json().get("inputShape").get(1).asInt(), "temp_max and 5 weather values");
        Http.Reply run = http.post("/api/runs", Map.of("prepare", prepare,
                "models", List.of(Map.of("kind", "gru", "units", 4, "epochs", 2))));
        assertEquals(201, run.status(), run.body());
        String job = run.json().get("jobs").get(0).get("id").asText();
        assertEquals("done", http.awaitFinished(job, Duration.ofSeconds(60)).get("state").asText());
        String seasonal = "";
        for (JsonNode row : http.get("/api/runs/" + run.json().get("id").asText()).json().get("rows")) {
            if (row.get("model").asText().equals("seasonal_naive")) {
                seasonal = row.get("label").asText();
            }
        }
        assertEquals("seasonal naive (period 7, from the time column: a week of daily rows)", seasonal,
                "item 8: daily rows get a weekly period, and the table says why");

        Http.Reply station = http.post("/api/prepare", Map.of("dataset", id, "target", "temp_max",
                "features", List.of("temp_max", "station")));
        assertEquals(400, station.status());
        assertTrue(station.error().contains("station") && station.error().contains("distinct values"), station.error());
        Http.Reply textTarget = http.post("/api/prepare", Map.of("dataset", id, "target", "weather"));
        assertEquals(400, textTarget.status());
        assertTrue(textTarget.error().contains("holds text"), textTarget.error());
    }

    @Test
    void aFileWithoutNumbersSaysSo() throws Exception {
        Http.Reply r = http.upload("words.csv", "date,word\n2020-01-01,a\n2020-01-02,b\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, r.status());
        assertTrue(r.error().contains("no column of numbers"), r.error());
    }
}
