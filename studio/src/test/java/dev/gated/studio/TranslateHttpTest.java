package dev.gated.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gated.layer.Dense;
import dev.gated.model.Sequential;
import dev.gated.studio.web.Guard;
import dev.gated.translate.Translator;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, the Translate tab over HTTP: translation models loaded from real .gated files (an attention GRU, a
 * Transformer, a GRU without attention) translate a sentence as the translate module does and give an attention
 * map of one row per output token (END last) and one column per source token; files that are not translation
 * models, empty or overlong sentences and bad training settings are refused in one line; a small model trains
 * from uploaded sentence pairs with its loss per epoch.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TranslateHttpTest {

    static final String SENTENCE = "I'm from Singapore.";

    StudioServer server;
    Http http;
    Path gruDot;
    Path transformer;
    Path gru;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        server = new StudioServer(StudioOptions.defaults().withPort(0)).start();
        http = new Http(server);
        gruDot = TranslationFixtures.model(dir, "gru-dot");
        transformer = TranslationFixtures.model(dir, "transformer");
        gru = TranslationFixtures.model(dir, "gru");
    }

    @AfterAll
    void stop() {
        server.close();
    }

    Http.Reply post(String path, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(http.base + path)).header(Guard.TOKEN_HEADER, http.token)
                .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    Http.Reply load(String name, byte[] bytes) throws Exception {
        return post("/api/translate/models?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8), bytes);
    }

    Http.Reply translate(String id, String text, int beam) throws Exception {
        return http.get("/api/translate/models/" + id + "/translate?beam=" + beam + "&text=" + URLEncoder.encode(text, StandardCharsets.UTF_8));
    }

    /** Rows of the map: one per output token and END, each a distribution over the source tokens. */
    static void assertAttentionMap(JsonNode a, Translator.AttentionWeights expected) {
        assertEquals(expected.sourceTokens(), Http.JSON.convertValue(a.get("sourceTokens"), List.class));
        assertEquals(expected.outputTokens(), Http.JSON.convertValue(a.get("outputTokens"), List.class));
        JsonNode w = a.get("weights");
        assertEquals(expected.outputTokens().size(), w.size(), "one row per output token, END last");
        for (int t = 0; t < w.size(); t++) {
            assertEquals(expected.sourceTokens().size(), w.get(t).size(), "one column per source token, row " + t);
            double sum = 0;
            for (int s = 0; s < w.get(t).size(); s++) {
                assertEquals(expected.weights()[t][s], w.get(t).get(s).asDouble(), 1e-12, "weight " + t + ", " + s);
                sum += w.get(t).get(s).asDouble();
            }
            assertEquals(1, sum, 1e-4, "row " + t + " sums to 1");
        }
    }

    @Test
    void anAttentionGruTranslatesAsTheTranslateModuleAndGivesItsMap() throws Exception {
        Http.Reply r = load("gru-dot.gated", Files.readAllBytes(gruDot));
        assertEquals(201, r.status(), r.body());
        assertEquals("gru-dot", r.json().get("model").asText());
        assertTrue(r.json().get("attention").asBoolean());
        assertEquals("ready", r.json().get("state").asText());
        String id = r.json().get("id").asText();
        Translator local = Translator.load(gruDot);

        JsonNode v = translate(id, SENTENCE, 3).json();
        assertEquals(local.translate(List.of(SENTENCE)).get(0), v.get("greedy").asText());
        assertEquals(local.translateBeam(List.of(SENTENCE), 3, 1.0).get(0), v.get("beam").asText());
        assertEquals(19, v.get("attention").get("sourceTokens").size(), "character tokens of \"" + SENTENCE + "\"");
        assertAttentionMap(v.get("attention"), local.attention(SENTENCE));
        assertTrue(v.get("note").asText().contains("dot attention"), v.get("note").asText());
        assertTrue(translate(id, SENTENCE, 1).json().get("beam").isNull(), "width 1 is the greedy translation, not run twice");
    }

    @Test
    void theTransformerGivesItsLastBlocksCrossAttentionAveragedOverHeads() throws Exception {
        Http.Reply r = load("transformer.gated", Files.readAllBytes(transformer));
        assertEquals(201, r.status(), r.body());
        assertEquals("transformer", r.json().get("model").asText());
        JsonNode v = translate(r.json().get("id").asText(), SENTENCE, 2).json();
        Translator local = Translator.load(transformer);
        assertEquals(local.translate(List.of(SENTENCE)).get(0), v.get("greedy").asText());
        assertAttentionMap(v.get("attention"), local.attention(SENTENCE));
        assertTrue(v.get("note").asText().contains("averaged over its 2 heads"), v.get("note").asText());
    }

    @Test
    void aModelWithoutAttentionTranslatesAndSaysWhyThereIsNoMap() throws Exception {
        Http.Reply r = load("gru.gated", Files.readAllBytes(gru));
        assertEquals(201, r.status(), r.body());
        assertFalse(r.json().get("attention").asBoolean());
        JsonNode v = translate(r.json().get("id").asText(), SENTENCE, 2).json();
        assertEquals(Translator.load(gru).translate(List.of(SENTENCE)).get(0), v.get("greedy").asText());
        assertTrue(v.get("attention").isNull());
        assertTrue(v.get("note").asText().startsWith("gru has no attention"), v.get("note").asText());
    }

    @Test
    void filesThatAreNotTranslationModelsAreRefusedInOneLine(@TempDir Path dir) throws Exception {
        Http.Reply csv = load("prices.gated", "date,price\n2020-01-01,3\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, csv.status());
        assertTrue(csv.error().startsWith("prices.gated: is not a Gated model file: it looks like a text file"), csv.error());

        Path forecast = dir.resolve("forecast.gated");
        Sequential.input(3).add(new Dense(1)).build().save(forecast);
        Http.Reply wrong = load("forecast.gated", Files.readAllBytes(forecast));
        assertEquals(400, wrong.status());
        assertTrue(wrong.error().startsWith("forecast.gated: this model file holds no translation model"), wrong.error());
        assertFalse(wrong.error().contains(server.options().toString()) || wrong.error().contains("/tmp/"), "no server path: " + wrong.error());

        Http.Reply empty = load("nothing.gated", new byte[0]);
        assertEquals(400, empty.status());
        assertTrue(empty.error().startsWith("nothing.gated is empty"), empty.error());
        assertEquals(0, http.get("/api/translate/models").json().findValues("name").stream()
                .filter(n -> n.asText().equals("forecast.gated") || n.asText().equals("prices.gated")).count(), "refused files are not listed");
    }

    @Test
    void sentencesAndWidthsOutOfBoundsAreRefused() throws Exception {
        String id = load("gru-dot.gated", Files.readAllBytes(gruDot)).json().get("id").asText();
        Http.Reply blank = translate(id, "   ", 4);
        assertEquals(400, blank.status());
        assertEquals("type an English sentence to translate (the box is empty)", blank.error());
        Http.Reply longText = translate(id, "a".repeat(301), 4);
        assertEquals(400, longText.status());
        assertTrue(longText.error().startsWith("the sentence has 301 characters"), longText.error());
        Http.Reply wide = translate(id, SENTENCE, 9);
        assertEquals(400, wide.status());
        assertEquals("beam width must be between 1 and 8, got 9", wide.error());
        Http.Reply missing = translate("m999", SENTENCE, 4);
        assertEquals(404, missing.status());
        assertTrue(missing.error().startsWith("no translation model \"m999\""), missing.error());
        Http.Reply noToken = http.send(HttpRequest.newBuilder(URI.create(http.base + "/api/translate/models?name=x.gated"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(Files.readAllBytes(gruDot))));
        assertEquals(403, noToken.status(), "loading a model changes the studio: it needs the session token");
    }

    @Test
    void trainsASmallModelOnUploadedPairsWithItsLossPerEpoch() throws Exception {
        byte[] pairs = TranslationFixtures.pairs(60);
        Http.Reply r = post("/api/translate/trainings?name=pairs.tsv&model=gru-dot&embedding=8&units=8&epochs=2&batch=16&sentences=20", pairs);
        assertEquals(201, r.status(), r.body());
        assertEquals("training", r.json().get("state").asText());
        assertTrue(r.json().get("origin").asText().startsWith("trained here on 20 sentences of pairs.tsv"), r.json().get("origin").asText());
        String id = r.json().get("id").asText();
        JsonNode m = awaitReady(id);
        assertEquals("ready", m.get("state").asText(), m.toString());
        assertEquals(2, m.get("losses").size());
        assertEquals(1.0, m.get("progress").asDouble());
        JsonNode v = translate(id, "Go.", 2).json();
        assertNotNull(v.get("greedy"), v.toString());
        assertEquals(List.of("G", "o", "."), Http.JSON.convertValue(v.get("attention").get("sourceTokens"), List.class), v.toString());
        assertEquals(v.get("attention").get("outputTokens").size(), v.get("attention").get("weights").size(), v.toString());

        java.net.http.HttpResponse<byte[]> file = http.bytes("/api/translate/models/" + id + "/model.gated");
        assertEquals(200, file.statusCode());
        Path saved = Files.write(Files.createTempFile("studio-trained-", ".gated"), file.body());
        try {
            assertEquals(v.get("greedy").asText(), Translator.load(saved).translate(List.of("Go.")).get(0),
                    "the downloaded file is the model the page translated with");
        } finally {
            Files.delete(saved);
        }
    }

    @Test
    void badTrainingFilesAndSettingsAreRefusedBeforeTraining() throws Exception {
        Http.Reply oneColumn = post("/api/translate/trainings?name=words.tsv", "Go.\nHi.\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, oneColumn.status());
        assertTrue(oneColumn.error().startsWith("words.tsv:1:"), oneColumn.error());
        Http.Reply model = post("/api/translate/trainings?name=pairs.tsv&model=lstm-magic", TranslationFixtures.pairs(20));
        assertEquals(400, model.status());
        assertTrue(model.error().contains("must be dot, additive or attention"), model.error());
        Http.Reply epochs = post("/api/translate/trainings?name=pairs.tsv&epochs=1000", TranslationFixtures.pairs(20));
        assertEquals(400, epochs.status());
        assertEquals("epochs must be between 1 and 100, got 1000", epochs.error());
    }

    JsonNode awaitReady(String id) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < end) {
            JsonNode m = http.get("/api/translate/models/" + id).json();
            if (!m.get("state").asText().equals("training")) {
                return m;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("model " + id + " did not finish training within 60 s");
    }
}
