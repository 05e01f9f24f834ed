package dev.gated.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gated.studio.web.Guard;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, "the same care in the studio's upload and model routes": a small corpus of hostile inputs against the
 * forecasting and text uploads and the job/model routes. Every answer is a 4xx with a one-line JSON error that says
 * what is wrong in words — never a 500, never a stack trace or a Java class name.
 */
class HostileInputHttpTest {

    static StudioServer server;
    static Http http;

    @BeforeAll
    static void start() {
        server = new StudioServer(StudioOptions.defaults().withPort(0).withMaxUploadBytes(64 * 1024)).start();
        http = new Http(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    record Case(String what, String path, byte[] body, int status, Predicate<String> says, String expected) {
    }

    static byte[] garbage() {
        byte[] b = new byte[4096];
        new Random(3).nextBytes(b);
        b[10] = 0;
        return b;
    }

    static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static List<Case> uploads() {
        byte[] huge = new byte[200 * 1024];
        java.util.Arrays.fill(huge, (byte) 'a');
        List<Case> c = new ArrayList<>();
        for (String route : List.of("/api/datasets?name=", "/api/text/datasets?name=")) {
            String kind = route.contains("text") ? "reviews.tsv" : "series.csv";
            c.add(new Case("a file over the upload limit", route + kind, huge, 413,
                    e -> e.contains("accepts uploads up to 0.1 MB") && e.contains("--max-upload-mb"), "the limit and how to raise it"));
            c.add(new Case("binary garbage", route + kind, garbage(), 400, e -> !e.isBlank(), "a message"));
            c.add(new Case("an empty body", route + kind, new byte[0], 400, e -> e.contains("upload is empty"), "upload is empty"));
        }
        c.add(new Case("binary garbage as text", "/api/text/datasets?name=reviews.tsv", garbage(), 400,
                e -> e.startsWith("reviews.tsv looks like a binary file"), "looks like a binary file"));
        c.add(new Case("Latin-1 text", "/api/text/datasets?name=avis.tsv", latin1("très bon café\t1\nmauvais\t0\n"), 400,
                e -> e.startsWith("avis.tsv is not UTF-8 text: line 1 has the byte 0xE8"), "not UTF-8, line 1, byte 0xE8"));
        c.add(new Case("Latin-1 numbers", "/api/datasets?name=temp.csv", latin1("date,t°\n2020-01-01,3\n2020-01-02,4\n"), 400,
                e -> !e.isBlank(), "a message"));
        c.add(new Case("a CSV with a header and 0 rows", "/api/text/datasets?name=reviews.csv", "review,label\n"
                .getBytes(StandardCharsets.UTF_8), 400, e -> e.startsWith("reviews.csv has one line only (review | label): a header with no rows"), "one line only"));
        c.add(new Case("a CSV with a header and 0 rows (forecast)", "/api/datasets?name=series.csv", "date,value\n"
                .getBytes(StandardCharsets.UTF_8), 400, e -> !e.isBlank(), "a message"));
        c.add(new Case("an unclosed quote", "/api/text/datasets?name=q.csv", "text,label\n\"never closed,1\nok,0\n"
                .getBytes(StandardCharsets.UTF_8), 400, e -> e.startsWith("q.csv"), "the file's name"));
        c.add(new Case("a model file uploaded as data", "/api/text/datasets?name=model.gated", garbage(), 400,
                e -> e.contains("rename the file"), "the file types it takes"));
        c.add(new Case("a path in the name", "/api/text/datasets?name=" + URLEncoder.encode("../../etc/passwd", StandardCharsets.UTF_8),
                "root:x:0:0\n".getBytes(StandardCharsets.UTF_8), 400, e -> e.startsWith("passwd is neither .csv"), "only the last name"));
        return c;
    }

    static void assertClean(String what, Http.Reply r, int status) {
        assertEquals(status, r.status(), what + ": " + r.body());
        assertNotNull(r.error(), what + ": a JSON error: " + r.body());
        for (String leak : List.of("Exception", "\tat ", "dev.gated.", "java.", "/tmp/")) {
            assertFalse(r.body().contains(leak), what + " leaks \"" + leak + "\": " + r.body());
        }
        assertEquals(1, r.error().lines().count(), what + ": one line");
    }

    @Test
    void hostileUploadsGetAClearFourHundredSomething() throws Exception {
        for (Case c : uploads()) {
            Http.Reply r = http.send(HttpRequest.newBuilder(URI.create(http.base + c.path()))
                    .header(Guard.TOKEN_HEADER, http.token).POST(HttpRequest.BodyPublishers.ofByteArray(c.body())));
            assertClean(c.what() + " at " + c.path(), r, c.status());
            assertTrue(c.says().test(r.error()), c.what() + " at " + c.path() + " should say " + c.expected() + ": " + r.error());
        }
    }

    @Test
    void hostileRequestsToTheModelAndJobRoutes() throws Exception {
        assertClean("a job that does not exist", http.get("/api/jobs/j999/model.gated"), 404);
        assertClean("a text job that does not exist", http.get("/api/text/jobs/j999/inspect?text=hi"), 404);
        assertClean("a run that does not exist", http.get("/api/text/runs/r999"), 404);
        assertClean("a text file that does not exist", http.get("/api/text/datasets/t999/columns?text=1&label=2"), 404);
        assertClean("an id that is a path", http.get("/api/text/datasets/..%2F..%2Fetc/file"), 404);
        assertClean("JSON that is not JSON", http.post("/api/text/runs", "{\"dataset\": "), 400);
        assertClean("a field the studio does not know", http.post("/api/text/runs", "{\"dataset\":\"t1\",\"text\":1,"
                + "\"label\":2,\"models\":[\"gru\"],\"evil\":true}"), 400);
        assertClean("a number where a word goes", http.post("/api/text/runs", "{\"dataset\":\"t1\",\"text\":\"one\"}"), 400);
        assertClean("a model kind that does not exist", http.post("/api/text/runs", "{\"dataset\":\"t1\",\"text\":1,"
                + "\"label\":2,\"models\":[\"transformer\"]}"), 400);
        assertClean("a header flag that is not true or false", http.get("/api/text/datasets/t1?header=maybe"), 404);
        String id = http.uploadText("tiny.tsv", "good phone\t1\nbad phone\t0\ngreat buy\t1\nawful case\t0\n".repeat(3))
                .json().get("id").asText();
        assertClean("a header flag that is not true or false", http.get("/api/text/datasets/" + id + "?header=maybe"), 400);
        assertClean("a column that is not a number", http.get("/api/text/datasets/" + id + "/columns?text=x&label=2"), 400);
        assertClean("a column beyond the last", http.get("/api/text/datasets/" + id + "/columns?text=1&label=9"), 400);
        assertClean("a test share that leaves nothing to train on", http.post("/api/text/runs", "{\"dataset\":\"" + id
                + "\",\"text\":1,\"label\":2,\"models\":[\"gru\"],\"testFraction\":0.9}"), 400);
        Http.Reply run = http.post("/api/text/runs", "{\"dataset\":\"" + id + "\",\"text\":1,\"label\":2,\"models\":[\"gru\"],"
                + "\"units\":2,\"embedding\":2,\"epochs\":1,\"testFraction\":0.5}");
        assertEquals(201, run.status(), run.body());
        String job = run.json().at("/jobs/0/id").asText();
        http.awaitFinished(job, java.time.Duration.ofSeconds(30));
        assertClean("an empty sentence", http.get("/api/text/jobs/" + job + "/inspect?text="), 400);
        assertClean("a sentence of 6000 characters", http.get("/api/text/jobs/" + job + "/inspect?text=" + "a".repeat(6000)), 400);
        assertClean("the forecast of a text job", http.get("/api/jobs/" + job + "/forecast"), 400);
        assertClean("the gradients of a text run", http.get("/api/runs/" + http.get("/api/jobs/" + job).json().get("run")
                .asText() + "/gradients"), 400);
    }
}
