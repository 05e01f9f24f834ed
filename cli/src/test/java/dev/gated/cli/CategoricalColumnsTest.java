package dev.gated.cli;

import dev.gated.timeseries.testdata.WeatherCsv;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gated train / compare on a daily-weather file with text columns: --features encodes them, --ignore drops them. */
class CategoricalColumnsTest {

    @TempDir
    Path dir;

    @Test
    void aTextFeatureIsEncodedAndTheModelEvaluatesTheSameWay() throws Exception {
        Path csv = dir.resolve("weather.csv");
        Files.writeString(csv, WeatherCsv.text(300));
        Path model = dir.resolve("w.gated");
        JsonNode t = Cli.run("train", "--data", csv.toString(), "--target", "temp_max", "--features",
                "temp_max,weather", "--window", "7", "--units", "4", "--epochs", "2", "--out", model.toString(),
                "--json").ok().json();
        assertEquals(1 + 5, t.at("/data/inputs").size(), "the target and one input per weather value: " + t.get("data"));
        JsonNode e = Cli.run("evaluate", "--model", model.toString(), "--data", csv.toString(), "--json").ok().json();
        assertEquals(t.at("/rows/0/test_rmse").asDouble(), e.at("/rows/0/test_rmse").asDouble(), 1e-9,
                "the saved levels encode the file as train did");
    }

    @Test
    void compareWithAllFeaturesAndIgnoredColumns() {
        Path csv = dir.resolve("weather.csv");
        try {
            Files.writeString(csv, WeatherCsv.text(300));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        JsonNode c = Cli.run("compare", "--data", csv.toString(), "--target", "temp_max", "--features", "all",
                "--ignore", "station,wind", "--models", "gru", "--window", "7", "--units", "4", "--epochs", "1",
                "--json").ok().json();
        assertEquals(3 + 5, c.at("/data/inputs").size(), c.get("data").toString());
        Cli.Result id = Cli.run("train", "--data", csv.toString(), "--target", "temp_max", "--features",
                "temp_max,station", "--out", dir.resolve("x.gated").toString());
        assertTrue(id.code() != 0, "an identifier column is refused as a feature");
        id.says("\"station\"", "distinct values", "--ignore");
    }
}
