package dev.gated.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train → evaluate → forecast → summary on the airline passengers CSV, with a small, quick model. */
class AirlineRoundTripTest {

    /** The documented fields of every row of compare, evaluate and train (docs/forecasting.md). */
    static final Set<String> ROW_FIELDS = Set.of("model", "detail", "params", "train_seconds", "epochs", "val_rmse",
            "test_rmse", "test_mae", "test_mse", "test_mape", "test_smape", "test_r2", "test_mse_scaled",
            "test_mae_scaled", "best", "interval_nominal", "test_coverage", "test_interval_width", "test_quantile_loss",
            "test_wql");

    @TempDir
    Path dir;

    @Test
    void trainEvaluateForecastSummary() throws IOException {
        Path data = SharedData.airline();
        Path model = dir.resolve("air.gated");
        Path curves = dir.resolve("curves.png");
        Cli.Result train = Cli.run("train", "--data", data.toString(), "--target", "Passengers", "--model", "gru",
                "--window", "12", "--units", "8", "--epochs", "3", "--val-split", "0.15", "--period", "12",
                "--out", model.toString(), "--plot", curves.toString(), "--json").ok();
        JsonNode t = train.json();
        assertEquals("train", t.get("command").asText());
        assertEquals(3, t.get("epochs").asInt());
        assertEquals(3, t.get("history").size());
        assertTrue(t.get("history").get(0).get("val_loss").isNumber(), "val_loss with --val-split");
        assertEquals(List.of(96, 144), List.of(t.at("/data/test/rows/0").asInt(), t.at("/data/test/rows/1").asInt()));
        assertEquals(48, t.at("/data/test/windows").asInt(), "every test row is forecast (history from train)");
        assertTrue(Files.size(model) > 0);
        assertPng(curves);

        Path plot = dir.resolve("test.png");
        JsonNode e = Cli.run("evaluate", "--model", model.toString(), "--data", data.toString(), "--json",
                "--plot", plot.toString()).ok().json();
        assertPng(plot);
        JsonNode rows = e.get("rows");
        assertEquals(List.of("gru", "naive", "seasonal_naive", "moving_average"), names(rows));
        for (JsonNode row : rows) {
            assertEquals(ROW_FIELDS, fields(row));
        }
        // the saved scaler and split reproduce train's own scores exactly
        assertEquals(t.at("/rows/0/test_rmse").asDouble(), rows.get(0).get("test_rmse").asDouble(), 1e-9);
        assertEquals(t.at("/rows/2/test_rmse").asDouble(), rows.get(2).get("test_rmse").asDouble(), 0);
        double seasonal = rows.get(2).get("test_rmse").asDouble();
        assertEquals(41.85, seasonal, 0.01, "seasonal naive(12) on the 48 test months, thousands of passengers");
        assertEquals(1, count(rows, "best"));

        Path csv = dir.resolve("next.csv");
        Path fplot = dir.resolve("forecast.png");
        Cli.run("forecast", "--model", model.toString(), "--data", data.toString(), "--steps", "12",
                "--out", csv.toString(), "--plot", fplot.toString()).ok();
        List<String> lines = Files.readAllLines(csv);
        assertEquals("Month,Passengers (forecast)", lines.get(0));
        assertEquals(13, lines.size());
        assertTrue(lines.get(1).startsWith("1961-01,"), lines.get(1));
        assertTrue(lines.get(12).startsWith("1961-12,"), lines.get(12));
        for (String line : lines.subList(1, 13)) {
            double v = Double.parseDouble(line.split(",")[1]);
            assertTrue(Double.isFinite(v) && v > 0, "a forecast in passengers (thousands): " + line);
        }
        assertPng(fplot);

        Cli.Result stdout = Cli.run("forecast", "--model", model.toString(), "--data", data.toString(), "--steps", "12")
                .ok();
        assertEquals(lines, stdout.out().lines().toList(), "CSV on stdout when there is no --out");
        JsonNode f = Cli.run("forecast", "--model", model.toString(), "--data", data.toString(), "--steps", "3",
                "--json").ok().json();
        assertEquals("recursive", f.get("method").asText());
        assertEquals("1961-03", f.at("/forecast/2/time").asText());

        Cli.Result summary = Cli.run("summary", "--model", model.toString()).ok();
        assertTrue(summary.out().contains("gru (GRU)"), summary.out());
        assertTrue(summary.out().contains("data.target = Passengers"), summary.out());
        JsonNode s = Cli.run("summary", "--model", model.toString(), "--json").ok().json();
        assertEquals(t.get("params").asLong(), s.get("params").asLong());
        assertEquals("12", s.at("/metadata/hp.window").asText());
    }

    @Test
    void relativeWindowsRoundTrip() throws IOException {
        Path data = SharedData.airline();
        Path model = dir.resolve("rel.gated");
        JsonNode t = Cli.run("train", "--data", data.toString(), "--target", "Passengers", "--model", "lstm",
                "--window", "12", "--units", "8", "--epochs", "5", "--relative", "--period", "12",
                "--out", model.toString(), "--json").ok().json();
        assertEquals("true", t.at("/hyper_parameters/relative").asText());
        JsonNode e = Cli.run("evaluate", "--model", model.toString(), "--data", data.toString(), "--json").ok().json();
        assertEquals(t.at("/rows/0/test_rmse").asDouble(), e.at("/rows/0/test_rmse").asDouble(), 1e-9);
        JsonNode f = Cli.run("forecast", "--model", model.toString(), "--data", data.toString(), "--steps", "24",
                "--json").ok().json();
        // changes are learned, so even a barely trained model continues from the last level (432 in 1960-12)
        double first = f.at("/forecast/0/value").asDouble();
        assertTrue(first > 300 && first < 600, "first forecast near the last level: " + first);
    }

    private static void assertPng(Path p) throws IOException {
        byte[] head = new byte[4];
        System.arraycopy(Files.readAllBytes(p), 0, head, 0, 4);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, head, p + " should be a PNG");
    }

    static List<String> names(JsonNode rows) {
        List<String> out = new java.util.ArrayList<>();
        rows.forEach(r -> out.add(r.get("model").asText()));
        return out;
    }

    static Set<String> fields(JsonNode row) {
        Set<String> out = new TreeSet<>();
        row.fieldNames().forEachRemaining(out::add);
        return out;
    }

    static long count(JsonNode rows, String flag) {
        long n = 0;
        for (JsonNode r : rows) {
            n += r.get(flag).asBoolean() ? 1 : 0;
        }
        assertFalse(n > 1, "at most one row marked " + flag);
        return n;
    }
}
