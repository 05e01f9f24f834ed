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

/** --known-future through train, evaluate and forecast: saved, read on the horizon's rows, given as future rows. */
class KnownFutureCommandTest {

    @TempDir
    Path dir;

    /** Daily rows from 2020-01-01: demand with a weekly cycle and a jump on holidays; the last `blank` empty. */
    private Path daily(String name, int rows, int blank) throws Exception {
        StringBuilder sb = new StringBuilder("date,demand,holiday\n");
        for (int t = 0; t < rows; t++) {
            int holiday = t % 9 == 4 ? 1 : 0;
            sb.append(java.time.LocalDate.of(2020, 1, 1).plusDays(t)).append(',')
                    .append(t >= rows - blank ? "" : String.format(Locale.ROOT, "%.3f",
                            50 + 5 * Math.sin(2 * Math.PI * t / 7) + 20 * holiday))
                    .append(',').append(holiday).append('\n');
        }
        return Files.writeString(dir.resolve(name), sb.toString());
    }

    @Test
    void knownFutureInputsAreSavedAndTheForecastReadsTheFutureRows() throws Exception {
        Path data = daily("d.csv", 120, 0);
        Path model = dir.resolve("kf.gated");
        JsonNode t = Cli.run("train", "--data", data.toString(), "--target", "demand", "--known-future", "holiday",
                "--calendar", "weekday", "--model", "gru", "--units", "4", "--epochs", "1", "--window", "7",
                "--horizon", "3", "--out", model.toString(), "--json").ok().json();
        assertEquals(List.of("holiday", "@weekday"), List.of(t.at("/data/known_future/0").asText(),
                t.at("/data/known_future/1").asText()));
        assertEquals("demand", t.at("/data/features/0").asText(), "the target stays the first input");
        JsonNode e = Cli.run("evaluate", "--model", model.toString(), "--data", data.toString(), "--json").ok().json();
        assertEquals(2, e.at("/data/known_future").size());

        Path future = daily("future.csv", 123, 3);   // the last 3 rows give the holiday plan, demand empty
        JsonNode f = Cli.run("forecast", "--model", model.toString(), "--data", future.toString(), "--json")
                .ok().json();
        assertEquals(3, f.get("forecast").size());
        assertEquals("2020-04-30", f.at("/forecast/0/time").asText(), "the first future row's own label");
        assertTrue(Double.isFinite(f.at("/forecast/2/value").asDouble()));
        Path plot = dir.resolve("f.png");
        Cli.run("forecast", "--model", model.toString(), "--data", future.toString(), "--steps", "2", "--plot",
                plot.toString(), "--out", dir.resolve("f.csv").toString()).ok();
        assertTrue(Files.size(plot) > 1000);
        assertEquals(3, Files.readAllLines(dir.resolve("f.csv")).size(), "header and 2 rows");

        Cli.run("forecast", "--model", model.toString(), "--data", future.toString(), "--steps", "4")
                .failsWith(2).says("--horizon 4");
    }

    @Test
    void calendarInputsAreKnownFutureWithoutFutureRowsUnlessTurnedOff() throws Exception {
        Path data = daily("d.csv", 120, 0);
        Path model = dir.resolve("cal.gated");
        JsonNode t = Cli.run("train", "--data", data.toString(), "--target", "demand", "--calendar", "weekday",
                "--units", "4", "--epochs", "1", "--window", "7", "--horizon", "2", "--out", model.toString(),
                "--json").ok().json();
        assertEquals("@weekday", t.at("/data/known_future/0").asText());
        JsonNode f = Cli.run("forecast", "--model", model.toString(), "--data", data.toString(), "--json").ok().json();
        assertEquals("2020-04-30", f.at("/forecast/0/time").asText(), "future times continue the daily step");
        JsonNode off = Cli.run("train", "--data", data.toString(), "--target", "demand", "--calendar", "weekday",
                "--known-future", "none", "--units", "4", "--epochs", "1", "--window", "7", "--out",
                dir.resolve("off.gated").toString(), "--json").ok().json();
        assertEquals(0, off.at("/data/known_future").size());
    }
}
