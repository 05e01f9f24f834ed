package dev.gated.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gated.studio.StudioOptions;
import dev.gated.studio.StudioServer;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, the Text tab's Export: the {@code gated text train} command the studio gives for a job, run as written
 * (its {@code --data} is the absolute path of the studio's copy of the upload), prints the same test accuracy,
 * macro-F1 and confusion matrix as the studio's results table, for the network and for both baselines.
 */
class TextExportReproducesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void theExportedCommandReproducesTheStudiosTable() throws Exception {
        List<String> lines = Files.readAllLines(SharedData.file("sentiment-labelled-sentences/yelp_labelled.txt"),
                StandardCharsets.UTF_8).subList(0, 200);
        byte[] slice = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        try (StudioServer server = new StudioServer(StudioOptions.defaults().withPort(0).withWorkers(1)).start()) {
            StudioModelTest.Studio studio = new StudioModelTest.Studio(server.port(), server.token());
            JsonNode d = studio.send("/api/text/datasets?name=yelp-200.txt", HttpRequest.BodyPublishers.ofByteArray(slice),
                    "text/plain");
            Map<String, Object> req = new LinkedHashMap<>();
            req.put("dataset", d.get("id").asText());
            req.put("header", false);
            req.put("text", 1);
            req.put("label", 2);
            req.put("models", List.of("gru"));
            req.put("units", 5);
            req.put("embedding", 6);
            req.put("epochs", 2);
            req.put("batch", 16);
            req.put("lr", 0.0123);
            req.put("maxLength", 40);
            req.put("testFraction", 0.25);
            req.put("seed", 11);
            JsonNode run = studio.send("/api/text/runs", HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(req)),
                    "application/json");
            String job = run.at("/jobs/0/id").asText();
            studio.awaitDone(job);
            JsonNode table = studio.get("/api/text/runs/" + run.get("id").asText()).get("rows");
            String command = studio.get("/api/text/jobs/" + job + "/export").get("command").asText();

            List<String> args = ExportReproducesTest.words(command);
            assertEquals(List.of("./gated", "text", "train"), args.subList(0, 3), command);
            args = new ArrayList<>(args.subList(1, args.size()));
            Path data = Path.of(args.get(args.indexOf("--data") + 1));
            assertTrue(data.isAbsolute() && Files.isRegularFile(data), "--data names the studio's copy: " + data);
            args.set(args.indexOf("--out") + 1, dir.resolve("gru.gated").toString());
            args.add("--json");
            JsonNode printed = Cli.run(args.toArray(String[]::new)).ok().json().get("results");
            assertEquals(3, printed.size(), printed.toString());
            for (int i = 0; i < 3; i++) {
                JsonNode studioRow = table.get(i);
                JsonNode cliRow = printed.get(i);
                assertEquals(studioRow.get("accuracy").asDouble(), cliRow.get("accuracy").asDouble(), 0, "row " + i + ": " + command);
                assertEquals(studioRow.get("macroF1").asDouble(), cliRow.get("macro_f1").asDouble(), 0, "row " + i);
                assertEquals(studioRow.get("rocAuc").asDouble(), cliRow.get("roc_auc").asDouble(), 1e-12, "row " + i);
                assertEquals(studioRow.get("confusion"), cliRow.get("confusion"), "row " + i);
            }
            assertEquals("GRU(5)", table.get(2).get("label").asText());
            assertEquals(50, table.get(2).get("confusion").get(0).get(0).asInt() + table.get(2).get("confusion").get(0).get(1).asInt()
                    + table.get(2).get("confusion").get(1).get(0).asInt() + table.get(2).get("confusion").get(1).get(1).asInt(),
                    "a quarter of 200 rows is tested");
        }
    }
}
