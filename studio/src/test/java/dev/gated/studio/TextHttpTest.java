package dev.gated.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gated.studio.web.Guard;
import dev.gated.text.classify.TextClassifier;
import dev.gated.timeseries.SharedData;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, the Text tab over HTTP: the first read of the shared sentiment data (headerless TSV, NEL characters inside
 * sentences), column choices and their errors in the page's words, a comparison whose table always carries both
 * baselines, inspecting a sentence, the model file and the exported command; the security checks on the new routes.
 */
class TextHttpTest {

    static StudioServer server;
    static Http http;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        server = new StudioServer(StudioOptions.defaults().withPort(0).withWorkers(2)).start();
        http = new Http(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Http.Reply upload(String name, byte[] bytes) throws Exception {
        return http.uploadText(name, bytes);
    }

    static Http.Reply upload(String name, String text) throws Exception {
        return http.uploadText(name, text);
    }

    static Map<String, Object> tiny(String dataset, List<String> models) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dataset", dataset);
        m.put("header", false);
        m.put("text", 1);
        m.put("label", 2);
        m.put("models", models);
        m.put("units", 4);
        m.put("embedding", 8);
        m.put("epochs", 2);
        m.put("batch", 32);
        m.put("lr", 0.01);
        m.put("seed", 7);
        return m;
    }

    @Test
    void theSentimentSliceIsReadAsHeaderlessTsvWithItsColumnsGuessed() throws Exception {
        Http.Reply r = upload("amazon-200.txt", TextSlice.head(TextSlice.AMAZON, 200));
        assertEquals(201, r.status(), r.body());
        JsonNode d = r.json();
        assertFalse(d.get("header").asBoolean(), "labels 0/1 recur below the first line: no header");
        assertEquals(200, d.get("rows").asInt());
        assertEquals(1, d.get("text").asInt());
        assertEquals(2, d.get("label").asInt());
        assertEquals(2, d.at("/columns/1/distinct").asInt());
        assertEquals(10, d.get("preview").size());
        JsonNode c = http.get("/api/text/datasets/" + d.get("id").asText() + "/columns?header=false&text=1&label=2").json();
        assertEquals(99, c.at("/classes/0").asInt(), c.toString());
        assertEquals(101, c.at("/classes/1").asInt(), c.toString());
    }

    @Test
    void theImdbFileKeepsItsNelCharactersInsideSentences() throws Exception {
        Http.Reply r = upload("imdb_labelled.txt", Files.readAllBytes(SharedData.file(TextSlice.IMDB)));
        assertEquals(201, r.status(), r.body());
        assertEquals(1000, r.json().get("rows").asInt(), "split on \\n only: U+0085 is not a line break");
        JsonNode c = http.get("/api/text/datasets/" + r.json().get("id").asText() + "/columns?header=false&text=1&label=2").json();
        assertEquals(1000, c.get("rows").asInt());
        assertEquals(500, c.at("/classes/0").asInt());
    }

    @Test
    void badFilesAndBadChoicesAreNamedInThePagesWords() throws Exception {
        Http.Reply numbers = upload("numbers.csv", "a,b\n1,2\n3,4\n");
        assertEquals(400, numbers.status());
        assertTrue(numbers.error().contains("has no column of text"), numbers.error());

        Http.Reply oneColumn = upload("tabs.csv", "good phone\t1\nbad phone\t0\n");
        assertEquals(400, oneColumn.status());
        assertTrue(oneColumn.error().contains("one column only") && oneColumn.error().contains(".tsv"), oneColumn.error());

        Http.Reply blank = upload("blank.tsv", "\n\n\n");
        assertEquals(400, blank.status());
        assertTrue(blank.error().contains("has no rows"), blank.error());

        Http.Reply headerOnly = upload("header.csv", "review,stars\n");
        assertEquals(400, headerOnly.status());
        assertTrue(headerOnly.error().contains("no rows") || headerOnly.error().contains("no column of text"), headerOnly.error());

        Http.Reply kind = upload("reviews.xlsx", "x");
        assertEquals(400, kind.status());
        assertTrue(kind.error().contains("rename the file"), kind.error());

        String id = upload("one-class.tsv", "a fine phone indeed\t1\nworks well for me\t1\nthe best buy\t1\n").json()
                .get("id").asText();
        Http.Reply one = http.get("/api/text/datasets/" + id + "/columns?header=false&text=1&label=2");
        assertEquals(400, one.status());
        assertTrue(one.error().contains("holds one class only") && one.error().contains("\"1\" in all 3 rows"), one.error());

        String gap = upload("gap.tsv", "review\tlabel\na fine phone indeed\t1\nit broke in a day\t\nthe best buy\t0\n")
                .json().get("id").asText();
        Http.Reply empty = http.get("/api/text/datasets/" + gap + "/columns?header=true&text=1&label=2");
        assertEquals(400, empty.status());
        assertTrue(empty.error().startsWith("gap.tsv:3:2: the label column 'label' is empty"), empty.error());
        assertFalse(empty.error().contains("/tmp") || empty.error().contains("Exception"), empty.error());

        Http.Reply same = http.get("/api/text/datasets/" + gap + "/columns?header=true&text=1&label=1");
        assertEquals(400, same.status());
        assertTrue(same.error().contains("must be different columns"), same.error());

        StringBuilder free = new StringBuilder();
        for (int i = 0; i < 120; i++) {
            free.append("review number ").append(i).append(" is here\tnote ").append(i).append('\n');
        }
        String freeId = upload("free.tsv", free.toString()).json().get("id").asText();
        Http.Reply many = http.get("/api/text/datasets/" + freeId + "/columns?header=false&text=1&label=2");
        assertEquals(400, many.status());
        assertTrue(many.error().contains("has 120 different values in 120 rows: that looks like free text"), many.error());

        Http.Reply limit = http.post("/api/text/runs", withValue(tiny(gap, List.of("gru")), "epochs", 5000));
        assertEquals(400, limit.status());
        assertEquals("epochs must be between 1 and 200, got 5000", limit.error());
        Http.Reply noModel = http.post("/api/text/runs", withValue(tiny(gap, List.of()), "epochs", 1));
        assertEquals(400, noModel.status());
        assertTrue(noModel.error().contains("tick at least one of RNN, LSTM, GRU"), noModel.error());
    }

    static Map<String, Object> withValue(Map<String, Object> m, String key, Object value) {
        m.put(key, value);
        return m;
    }

    @Test
    void aComparisonCarriesBothBaselinesAndEveryNetwork() throws Exception {
        String id = upload("amazon-200.txt", TextSlice.head(TextSlice.AMAZON, 200)).json().get("id").asText();
        Http.Reply run = http.post("/api/text/runs", tiny(id, List.of("gru", "lstm")));
        assertEquals(201, run.status(), run.body());
        assertEquals("text", run.json().get("type").asText());
        String gru = run.json().at("/jobs/0/id").asText();
        for (JsonNode j : run.json().get("jobs")) {
            assertEquals("done", http.awaitFinished(j.get("id").asText(), Duration.ofSeconds(60)).get("state").asText());
        }
        JsonNode res = http.get("/api/text/runs/" + run.json().get("id").asText()).json();
        JsonNode rows = res.get("rows");
        assertEquals(4, rows.size(), res.toString());
        assertTrue(rows.get(0).get("label").asText().startsWith("majority class"), rows.toString());
        assertEquals("bag-of-words logistic regression", rows.get(1).get("label").asText());
        assertEquals("GRU(4)", rows.get(2).get("label").asText());
        assertEquals(40, res.get("test").asInt(), "20% of 200 rows, stratified: 20 + 20");
        for (JsonNode row : rows) {
            int sum = 0;
            int right = 0;
            for (int t = 0; t < 2; t++) {
                for (int p = 0; p < 2; p++) {
                    sum += row.at("/confusion/" + t + "/" + p).asInt();
                }
                right += row.at("/confusion/" + t + "/" + t).asInt();
            }
            assertEquals(40, sum, row.toString());
            assertEquals(right / 40.0, row.get("accuracy").asDouble(), 1e-12, row.toString());
            assertTrue(row.get("rocAuc").isNumber(), "two classes: ROC AUC on every row " + row);
        }
        assertEquals(0.5, rows.get(0).get("accuracy").asDouble(), 1e-12, "balanced test part: the majority gets half");
        assertTrue(rows.get(2).get("params").asLong() > 0 && rows.get(2).get("trainSeconds").asDouble() > 0, rows.get(2).toString());
        assertEquals(http.get("/api/jobs/" + gru).json().at("/metrics/test/accuracy").asDouble(),
                rows.get(2).get("accuracy").asDouble(), 0);
        String caption = res.get("caption").asText();
        int bow = (int) Math.round(rows.get(1).get("accuracy").asDouble() * 40);
        assertTrue(caption.contains("bag-of-words logistic regression " + bow + " ("), caption);

        JsonNode in = http.get("/api/text/jobs/" + gru + "/inspect?text=" + URLEncoder.encode("Great phone, zxqv battery!",
                StandardCharsets.UTF_8)).json();
        assertEquals(List.of("great", "phone", "zxqv", "battery"), Http.JSON.convertValue(in.get("words"), List.class));
        assertEquals(List.of(true, true, false, true), Http.JSON.convertValue(in.get("known"), List.class));
        assertEquals(List.of("r", "z", "n"), Http.JSON.convertValue(in.get("gateNames"), List.class));
        assertEquals(4, in.at("/gates/z").size());
        assertEquals(4, in.at("/gates/z/0").size(), "every one of the 4 units");
        double p0 = in.at("/probabilities/0").asDouble();
        double p1 = in.at("/probabilities/1").asDouble();
        assertEquals(1.0, p0 + p1, 1e-9);
        assertEquals(p1 > p0 ? "1" : "0", in.get("predicted").asText());
        assertTrue(in.get("summary").asText().startsWith("GRU(4) reads 4 words (1 not in its vocabulary) and predicts class \""
                + in.get("predicted").asText() + "\""), in.get("summary").asText());

        byte[] model = http.bytes("/api/jobs/" + gru + "/model.gated").body();
        Path file = Files.write(dir.resolve("gru.gated"), model);
        double[] again = TextClassifier.load(file).predictProbabilities(List.of("Great phone, zxqv battery!"))[0];
        assertEquals(p1, again[1], 1e-6, "the downloaded model file is the model the page inspected");

        JsonNode x = http.get("/api/text/jobs/" + gru + "/export").json();
        String command = x.get("command").asText();
        assertTrue(command.startsWith("./gated text train --data /"), command);
        assertTrue(command.contains("/texts/" + id + "/data.txt --no-header"), command);
        assertTrue(command.contains("--text 1 --label 2") && command.contains("--model gru --units 4 --embedding 8"), command);
        assertTrue(command.contains("--epochs 2 --batch 32 --learning-rate 0.01 --seed 7"), command);
        assertEquals(command, http.get("/api/jobs/" + gru + "/export").json().get("command").asText(),
                "the Export panel gives the same command");
        Http.Reply inside = http.get("/api/jobs/" + gru + "/inside");
        assertEquals(400, inside.status());
        assertTrue(inside.error().contains("Inspect"), inside.error());
    }

    @Test
    void threeClassesWithAHeaderAndABidirectionalNetwork() throws Exception {
        StringBuilder csv = new StringBuilder("id,review,mood\n");
        String[][] words = {{"great", "lovely", "superb"}, {"awful", "broken", "poor"}, {"okay", "average", "fine"}};
        String[] moods = {"happy", "sad", "meh"};
        for (int i = 0; i < 90; i++) {
            int k = i % 3;
            csv.append(i).append(",\"a ").append(words[k][i % 3 == 0 ? (i / 3) % 3 : i % 3]).append(" phone, really ")
                    .append(words[k][(i / 3) % 3]).append("\",").append(moods[k]).append('\n');
        }
        JsonNode d = upload("moods.csv", csv.toString()).json();
        assertTrue(d.get("header").asBoolean(), d.toString());
        assertEquals(2, d.get("text").asInt());
        assertEquals(3, d.get("label").asInt());
        Map<String, Object> req = tiny(d.get("id").asText(), List.of("lstm"));
        req.put("header", true);
        req.put("text", 2);
        req.put("label", 3);
        req.put("epochs", 1);
        req.put("bidirectional", true);
        JsonNode run = http.post("/api/text/runs", req).json();
        String job = run.at("/jobs/0/id").asText();
        assertEquals("bidirectional LSTM(4)", run.at("/jobs/0/label").asText());
        assertEquals("done", http.awaitFinished(job, Duration.ofSeconds(60)).get("state").asText());
        JsonNode res = http.get("/api/text/runs/" + run.get("id").asText()).json();
        assertEquals(List.of("happy", "meh", "sad"), Http.JSON.convertValue(res.get("classes"), List.class));
        assertTrue(res.at("/rows/2/rocAuc").isNull(), "ROC AUC is for two classes only");
        assertEquals(3, res.at("/rows/2/confusion").size());
        Http.Reply in = http.get("/api/text/jobs/" + job + "/inspect?text=great");
        assertEquals(400, in.status());
        assertTrue(in.error().contains("bidirectional"), in.error());
        String command = http.get("/api/text/jobs/" + job + "/export").json().get("command").asText();
        assertTrue(command.contains("--text review --label mood") && command.contains("--bidirectional")
                && !command.contains("--no-header"), command);
    }

    @Test
    void aCancelledTextJobKeepsItsBestEpoch() throws Exception {
        String id = upload("amazon-200.txt", TextSlice.head(TextSlice.AMAZON, 200)).json().get("id").asText();
        Map<String, Object> req = tiny(id, List.of("rnn"));
        req.put("epochs", 200);
        String job = http.post("/api/text/runs", req).json().at("/jobs/0/id").asText();
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (http.get("/api/jobs/" + job).json().get("epochs_done").asInt() < 1 && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertEquals(202, http.post("/api/jobs/" + job + "/cancel", "").status());
        JsonNode j = http.awaitFinished(job, Duration.ofSeconds(30));
        assertEquals("cancelled", j.get("state").asText());
        assertTrue(j.get("has_model").asBoolean(), j.toString());
        int best = j.get("best_epoch").asInt();
        String command = http.get("/api/text/jobs/" + job + "/export").json().get("command").asText();
        assertTrue(command.contains("--epochs " + best + " "), best + " in " + command);
        assertNotNull(http.get("/api/text/jobs/" + job + "/inspect?text=good").json().get("words"));
    }

    @Test
    void theNewRoutesKeepTheSecurityChecks() throws Exception {
        byte[] slice = TextSlice.head(TextSlice.AMAZON, 20);
        HttpRequest.Builder noToken = HttpRequest.newBuilder(URI.create(http.base + "/api/text/datasets?name=a.txt"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(slice));
        Http.Reply r = http.send(noToken);
        assertEquals(403, r.status());
        assertTrue(r.error().contains("no session token"), r.error());
        Http.Reply crossSite = http.send(HttpRequest.newBuilder(URI.create(http.base + "/api/text/runs"))
                .header(Guard.TOKEN_HEADER, http.token).header("Origin", "http://attacker.example")
                .POST(HttpRequest.BodyPublishers.ofString(Http.JSON.writeValueAsString(tiny("t1", List.of("gru"))))));
        assertEquals(403, crossSite.status());
        assertTrue(crossSite.error().contains("may not change this studio"), crossSite.error());
        String rebound = http.raw("GET /api/text/datasets/t1 HTTP/1.1\r\nHost: attacker.example:"
                + server.port() + "\r\nConnection: close\r\n\r\n");
        assertTrue(rebound.startsWith("HTTP/1.1 403"), rebound);
        int before = server.jobs().jobs().size();
        Http.Reply plain = http.send(HttpRequest.newBuilder(URI.create(http.base + "/api/text/runs"))
                .header("Content-Type", "text/plain").header("Sec-Fetch-Site", "cross-site")
                .POST(HttpRequest.BodyPublishers.ofString(Http.JSON.writeValueAsString(tiny("t1", List.of("gru"))))));
        assertEquals(403, plain.status());
        assertEquals(before, server.jobs().jobs().size(), "nothing was started");
    }
}
