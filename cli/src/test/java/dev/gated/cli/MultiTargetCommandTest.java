package dev.gated.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --target A,B: one network, each target scored, plotted and forecast in its own columns. */
class MultiTargetCommandTest {

    @TempDir
    Path dir;

    private Path monthly(int rows) throws Exception {
        StringBuilder sb = new StringBuilder("Month,Sales,Price\n");
        for (int t = 0; t < rows; t++) {
            sb.append(String.format(Locale.ROOT, "%04d-%02d,%.3f,%.4f%n", 2000 + t / 12, t % 12 + 1,
                    100 + t + 20 * Math.sin(2 * Math.PI * t / 12), 2 + 0.5 * Math.cos(2 * Math.PI * t / 12)));
        }
        return Files.writeString(dir.resolve("m.csv"), sb.toString());
    }

    @Test
    void twoTargetsAreTrainedTogetherAndReportedEach() throws Exception {
        Path data = monthly(96);
        Path model = dir.resolve("two.gated");
        JsonNode t = Cli.run("train", "--data", data.toString(), "--target", "Sales,Price", "--units", "4",
                "--epochs", "2", "--window", "12", "--horizon", "2", "--quantiles", "0.1,0.5,0.9", "--out",
                model.toString(), "--json").ok().json();
        assertEquals(2, t.get("targets").size());
        assertEquals("Price", t.at("/data/targets/1").asText());
        assertEquals("Price", t.at("/targets/1/target").asText());
        JsonNode priceRows = t.at("/targets/1/rows");
        assertEquals(List.of("lstm", "naive", "seasonal_naive", "moving_average"),
                List.of(priceRows.get(0).get("model").asText(), priceRows.get(1).get("model").asText(),
                        priceRows.get(2).get("model").asText(), priceRows.get(3).get("model").asText()),
                "each target has its own baselines");
        assertTrue(priceRows.get(0).get("test_rmse").asDouble() < 3, "Price in its own units (about 2 ± 0.5)");
        assertTrue(t.at("/targets/0/rows/0/test_rmse").asDouble() > priceRows.get(0).get("test_rmse").asDouble());
        assertEquals(t.at("/rows/0/test_rmse").asDouble(), t.at("/targets/0/rows/0/test_rmse").asDouble(), 0,
                "rows are the first target's, as for one target");
        double overall = t.at("/overall/0/test_rmse_scaled").asDouble();
        double a = t.at("/targets/0/rows/0/test_mse_scaled").asDouble();
        double b = priceRows.get(0).get("test_mse_scaled").asDouble();
        assertEquals(Math.sqrt((a + b) / 2), overall, 1e-12);

        Path plot = dir.resolve("e.png");
        Cli.Result text = Cli.run("evaluate", "--model", model.toString(), "--data", data.toString(), "--plot",
                plot.toString()).ok();
        assertTrue(text.out().contains("target Sales") && text.out().contains("target Price")
                && text.out().contains("over the 2 targets"), text.out());
        assertTrue(Files.size(dir.resolve("e-Sales.png")) > 1000 && Files.size(dir.resolve("e-Price.png")) > 1000);

        Path csv = dir.resolve("next.csv");
        Cli.run("forecast", "--model", model.toString(), "--data", data.toString(), "--out", csv.toString()).ok();
        List<String> lines = Files.readAllLines(csv);
        assertEquals("Month,Sales (forecast),Sales (q0.1),Sales (q0.9),Price (forecast),Price (q0.1),Price (q0.9)",
                lines.get(0));
        assertEquals(3, lines.size());
        JsonNode f = Cli.run("forecast", "--model", model.toString(), "--data", data.toString(), "--json").ok().json();
        assertEquals(Double.parseDouble(lines.get(1).split(",")[4]), f.at("/forecast/0/targets/Price/value").asDouble(),
                1e-9);
        assertTrue(f.at("/forecast/0/targets/Price/lower").asDouble() <= f.at("/forecast/0/targets/Price/upper")
                .asDouble());
        Cli.run("forecast", "--model", model.toString(), "--data", data.toString(), "--steps", "3")
                .failsWith(2).says("--horizon 3");
    }

    @Test
    void compareScoresEveryModelOnEveryTargetAndPlotsEach() throws Exception {
        Path data = monthly(96);
        Path plot = dir.resolve("c.png");
        JsonNode c = Cli.run("compare", "--data", data.toString(), "--target", "Sales,Price", "--models", "lstm,gru",
                "--units", "4", "--epochs", "1", "--window", "12", "--plot", plot.toString(), "--json").ok().json();
        assertEquals(5, c.at("/targets/1/rows").size(), "2 networks and 3 baselines on Price");
        assertEquals(5, c.get("overall").size());
        assertTrue(Files.exists(dir.resolve("c-Sales.png")) && Files.exists(dir.resolve("c-Price.png")));
        assertTrue(!Files.exists(plot), "one plot per target, none under the name given");
    }
}
