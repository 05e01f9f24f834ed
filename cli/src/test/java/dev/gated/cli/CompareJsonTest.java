package dev.gated.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** compare --json: one JSON document, the documented row fields, baselines as rows, exactly one best. */
class CompareJsonTest {

    @TempDir
    Path dir;

    @Test
    void compareRowsHaveTheDocumentedFields() throws IOException {
        Path plot = dir.resolve("compare.png");
        Cli.Result r = Cli.run("compare", "--data", SharedData.airline().toString(), "--target", "Passengers",
                "--models", "rnn,lstm", "--window", "12", "--units", "4", "--epochs", "2", "--split", "0.6,0.07",
                "--period", "12", "--json", "--plot", plot.toString()).ok();
        JsonNode doc = r.json();
        assertEquals("compare", doc.get("command").asText());
        JsonNode rows = doc.get("rows");
        assertEquals(List.of("rnn", "lstm", "naive", "seasonal_naive", "moving_average"),
                AirlineRoundTripTest.names(rows));
        for (JsonNode row : rows) {
            assertEquals(AirlineRoundTripTest.ROW_FIELDS, AirlineRoundTripTest.fields(row));
            assertTrue(row.get("val_rmse").isNumber(), "a validation part gives val_rmse: " + row);
            assertTrue(row.get("test_rmse").asDouble() > 0);
        }
        assertTrue(rows.get(0).get("params").asLong() > 0 && rows.get(0).get("epochs").asInt() == 2);
        assertEquals(0, rows.get(2).get("params").asLong());
        assertEquals(1, AirlineRoundTripTest.count(rows, "best"));
        String best = doc.get("best").asText();
        for (JsonNode row : rows) {
            assertTrue(row.get("test_rmse").asDouble() >= rows.findValues("test_rmse").stream()
                    .mapToDouble(JsonNode::asDouble).min().orElseThrow());
            if (row.get("best").asBoolean()) {
                assertEquals(best, row.get("model").asText());
            }
        }
        assertEquals("", r.err(), "nothing on stderr when piped");
        assertTrue(Files.size(plot) > 1000);
    }

    @Test
    void textTableMarksTheBestRow() {
        Cli.Result r = Cli.run("compare", "--data", SharedData.airline().toString(), "--target", "Passengers",
                "--models", "gru", "--window", "12", "--units", "4", "--epochs", "1", "--period", "12").ok();
        assertTrue(r.out().contains("seasonal_naive"), r.out());
        assertEquals(1, r.out().lines().filter(l -> l.startsWith("* ")).count(), r.out());
    }
}
