package dev.gated.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --quantiles through the commands on the airline data: the interval columns of train and evaluate, their JSON,
 * the forecast's interval columns, and levels refused with the rule.
 */
class QuantileCommandsTest {

    @TempDir
    Path dir;

    @Test
    void intervalsAreScoredSavedAndForecast() throws Exception {
        Path data = SharedData.airline();
        Path model = dir.resolve("q.gated");
        Path plot = dir.resolve("test.png");
        Cli.Result train = Cli.run("train", "--data", data.toString(), "--target", "Passengers", "--model", "gru",
                "--quantiles", "0.9,0.1", "--horizon", "3", "--units", "8", "--epochs", "3", "--out", model.toString())
                .ok();
        for (String shown : List.of("quantiles 0.1,0.5,0.9", "cover%", "80% interval")) {
            assertTrue(train.out().contains(shown), "train's report shows " + shown + ":\n" + train.out());
        }

        JsonNode e = Cli.run("evaluate", "--model", model.toString(), "--data", data.toString(), "--plot",
                plot.toString(), "--json").ok().json();
        assertTrue(Files.size(plot) > 1000, "the plot with the interval is written");
        JsonNode rows = e.get("rows");
        assertEquals(4, rows.size(), "the model and three baselines");
        for (JsonNode r : rows) {
            assertEquals(0.8, r.get("interval_nominal").asDouble(), 1e-12, r.toString());
            double c = r.get("test_coverage").asDouble();
            assertTrue(c >= 0 && c <= 1, r.toString());
            assertTrue(r.get("test_interval_width").asDouble() > 0, r.toString());
            assertTrue(r.get("test_quantile_loss").asDouble() > 0, r.toString());
        }

        JsonNode f = Cli.run("forecast", "--model", model.toString(), "--data", data.toString(), "--json").ok().json();
        assertEquals(3, f.get("forecast").size());
        for (JsonNode step : f.get("forecast")) {
            double lo = step.get("lower").asDouble();
            double hi = step.get("upper").asDouble();
            double v = step.get("value").asDouble();
            assertTrue(lo <= v && v <= hi, step.toString());
            assertEquals(lo, step.at("/quantiles/q0.1").asDouble());
            assertEquals(v, step.at("/quantiles/q0.5").asDouble());
        }
        Path csv = dir.resolve("next.csv");
        Cli.run("forecast", "--model", model.toString(), "--data", data.toString(), "--out", csv.toString()).ok();
        List<String> lines = Files.readAllLines(csv);
        assertEquals("Month,Passengers (forecast),Passengers (q0.1),Passengers (q0.9)", lines.get(0));
        assertEquals(4, lines.size());
        Cli.run("forecast", "--model", model.toString(), "--data", data.toString(), "--steps", "5")
                .failsWith(2).says("--horizon 5");
    }

    @Test
    void badLevelsAreAUsageErrorNamingTheRule() {
        Path data = SharedData.airline();
        Cli.run("compare", "--data", data.toString(), "--target", "Passengers", "--models", "lstm", "--quantiles",
                "0.1,1.2").failsWith(2).says("--quantiles").says("strictly between 0 and 1");
        Cli.run("compare", "--data", data.toString(), "--target", "Passengers", "--models", "lstm", "--quantiles",
                "0.5").failsWith(2).says("no interval");
    }

    @Test
    void quantilesAreCalibratedByDefaultWithTheRawRowBesideAndTheCorrectionSaved() throws Exception {
        Path data = SharedData.airline();
        Path model = dir.resolve("c.gated");
        JsonNode t = Cli.run("train", "--data", data.toString(), "--target", "Passengers", "--model", "gru",
                "--quantiles", "0.1,0.5,0.9", "--units", "8", "--epochs", "3", "--out",
                model.toString(), "--json").ok().json();
        JsonNode raw = t.get("rows").get(0);
        JsonNode calibrated = t.get("rows").get(1);
        assertEquals("gru-raw", raw.get("model").asText());
        assertEquals("gru", calibrated.get("model").asText());
        assertEquals(raw.get("test_rmse").asDouble(), calibrated.get("test_rmse").asDouble(), 0.0, "same median");
        assertTrue(raw.get("test_interval_width").asDouble() != calibrated.get("test_interval_width").asDouble(),
                "the correction moves the bounds");
        JsonNode e = Cli.run("evaluate", "--model", model.toString(), "--data", data.toString(), "--json").ok().json();
        assertEquals(calibrated.get("test_coverage").asDouble(), e.get("rows").get(0).get("test_coverage").asDouble(),
                1e-12, "the saved model carries the correction");
        assertEquals(calibrated.get("test_interval_width").asDouble(),
                e.get("rows").get(0).get("test_interval_width").asDouble(), 1e-9);
        JsonNode off = Cli.run("train", "--data", data.toString(), "--target", "Passengers", "--model", "gru",
                "--quantiles", "0.1,0.5,0.9", "--no-calibrate", "--units", "8", "--epochs", "3", "--out",
                dir.resolve("raw.gated").toString(), "--json").ok().json();
        assertEquals("gru", off.get("rows").get(0).get("model").asText());
        assertEquals(raw.get("test_interval_width").asDouble(),
                off.get("rows").get(0).get("test_interval_width").asDouble(), 1e-9, "--no-calibrate: the raw interval");
        Cli.run("train", "--data", data.toString(), "--target", "Passengers", "--model", "gru", "--calibrate",
                "--epochs", "1", "--out", dir.resolve("p.gated").toString()).failsWith(2).says("--quantiles");
        Cli.run("train", "--data", data.toString(), "--target", "Passengers", "--model", "gru", "--quantiles",
                "0.1,0.9", "--calibrate", "--preset", "keras-tutorial", "--epochs", "1", "--out",
                dir.resolve("p.gated").toString()).failsWith(2).says("validation part");
    }
}
