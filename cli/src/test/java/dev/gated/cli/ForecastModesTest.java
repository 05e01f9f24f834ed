package dev.gated.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** forecast: direct with a multi-step model, recursive only when the target is the only feature. */
class ForecastModesTest {

    @TempDir
    Path dir;

    /** Hourly rows with a load and a temperature that follows it. */
    private Path hourly(int n) throws IOException {
        StringBuilder sb = new StringBuilder("date,load,temp\n");
        for (int i = 0; i < n; i++) {
            sb.append(String.format("2020-01-%02d %02d:00:00,%.3f,%.3f%n", 1 + i / 24, i % 24,
                    10 + 3 * Math.sin(i / 4.0), 20 + 2 * Math.sin((i - 2) / 4.0)));
        }
        Path p = dir.resolve("hourly.csv");
        Files.writeString(p, sb.toString());
        return p;
    }

    private Path train(Path data, String horizon) {
        Path model = dir.resolve("h" + horizon + ".gated");
        Cli.run("train", "--data", data.toString(), "--target", "temp", "--features", "load,temp", "--window", "6",
                "--horizon", horizon, "--units", "4", "--epochs", "1", "--scaler", "standard", "--split-rows",
                "60,80,100", "--period", "24", "--out", model.toString()).ok();
        return model;
    }

    @Test
    void multivariateOneStepModelRefusesRecursion() throws IOException {
        Path data = hourly(120);
        Path model = train(data, "1");
        Cli.run("forecast", "--model", model.toString(), "--data", data.toString(), "--steps", "3")
                .failsWith(2).says("--horizon 3");
        JsonNode one = Cli.run("forecast", "--model", model.toString(), "--data", data.toString(), "--json")
                .ok().json();
        assertEquals(1, one.get("forecast").size());
        assertEquals("2020-01-06 00:00:00", one.at("/forecast/0/time").asText());
    }

    @Test
    void multiStepModelForecastsDirectly() throws IOException {
        Path data = hourly(120);
        Path model = train(data, "4");
        JsonNode f = Cli.run("forecast", "--model", model.toString(), "--data", data.toString(), "--json")
                .ok().json();
        assertEquals("direct", f.get("method").asText());
        assertEquals(4, f.get("forecast").size());
        assertEquals("2020-01-06 03:00:00", f.at("/forecast/3/time").asText());
        JsonNode e = Cli.run("evaluate", "--model", model.toString(), "--data", data.toString(), "--json").ok().json();
        assertEquals(List.of(80, 100), List.of(e.at("/data/test/rows/0").asInt(), e.at("/data/test/rows/1").asInt()));
        assertEquals(17, e.at("/data/test/windows").asInt(), "20 test rows, horizon 4: 17 windows");
        assertEquals(17, e.at("/data/validation/windows").asInt());
    }
}
