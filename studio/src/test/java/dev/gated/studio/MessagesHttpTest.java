package dev.gated.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Issue 14 item 9: the page's messages speak of its own settings, not of Java classes, flags or enum names. */
class MessagesHttpTest {

    static StudioServer server;
    static Http http;
    static String airline;

    @BeforeAll
    static void start() throws Exception {
        server = new StudioServer(StudioOptions.defaults().withPort(0)).start();
        http = new Http(server);
        airline = http.post("/api/samples/airline-passengers", "").json().get("id").asText();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static void inUserWords(String message) {
        for (String foreign : List.of("Cannot construct", "dev.gated", "ModelSpec", "--", "INTERPOLATE", "FORWARD_FILL")) {
            assertFalse(message.contains(foreign), "\"" + foreign + "\" in: " + message);
        }
    }

    @Test
    void anOutOfRangeSettingIsNamedAsThePageNamesIt() throws Exception {
        Http.Reply r = http.post("/api/runs", Map.of("prepare", Map.of("dataset", airline, "target", "Passengers"),
                "models", List.of(Map.of("kind", "lstm", "epochs", 20000))));
        assertEquals(400, r.status());
        assertEquals("epochs must be between 1 and 10000, got 20000", r.error());
        Http.Reply notNumber = http.post("/api/runs", "{\"prepare\":{\"dataset\":\"" + airline
                + "\",\"target\":\"Passengers\"},\"models\":[{\"kind\":\"gru\",\"units\":\"many\"}]}");
        assertEquals(400, notNumber.status());
        assertTrue(notNumber.error().contains("\"units\""), notNumber.error());
        inUserWords(notNumber.error());
    }

    @Test
    void pipelineMessagesLoseTheirCommandLineFlags() throws Exception {
        Http.Reply r = http.post("/api/prepare", Map.of("dataset", airline, "target", "Passengers", "window", 150));
        assertEquals(400, r.status());
        assertTrue(r.error().contains("window + horizon = 150 + 1"), r.error());
        inUserWords(r.error());
        Http.Reply flat = http.upload("flat.csv", "Month,Level,Passengers\n2000-01,5,1\n2000-02,5,2\n2000-03,5,3\n2000-04,5,4\n2000-05,5,5\n2000-06,5,6\n2000-07,5,7\n2000-08,5,8\n2000-09,5,9\n2000-10,5,10\n2000-11,5,11\n2000-12,5,12\n"
                .getBytes(StandardCharsets.UTF_8));
        Http.Reply constant = http.post("/api/prepare", Map.of("dataset", flat.json().get("id").asText(),
                "target", "Passengers", "features", List.of("Passengers", "Level"), "window", 2));
        assertEquals(400, constant.status());
        assertTrue(constant.error().contains("\"Level\" is constant"), constant.error());
        inUserWords(constant.error());
    }

    @Test
    void missingValuePoliciesAreNamedAsInTheMenu() throws Exception {
        Http.Reply r = http.upload("gap.csv", "Month,Passengers\n1949-01,112\n1949-02,\n1949-03,132\n"
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(400, r.status());
        assertTrue(r.error().contains("interpolate"), r.error());
        inUserWords(r.error());
    }
}
