package dev.gated.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --calendar: derived one-hot inputs through train, evaluate and forecast, and a file without dates refused. */
class CalendarCommandTest {

    @TempDir
    Path dir;

    @Test
    void calendarInputsAreSavedAndDerivedAgain() throws Exception {
        StringBuilder sb = new StringBuilder("date,load\n");
        for (int i = 0; i < 240; i++) {
            sb.append(String.format("2020-01-%02d %02d:00:00,%.3f%n", 1 + i / 24, i % 24,
                    10 + 3 * Math.sin(2 * Math.PI * i / 24)));
        }
        Path data = Files.writeString(dir.resolve("hourly.csv"), sb.toString());
        Path model = dir.resolve("cal.gated");
        JsonNode t = Cli.run("train", "--data", data.toString(), "--target", "load", "--calendar", "hour,weekday",
                "--model", "gru", "--units", "4", "--epochs", "1", "--horizon", "2", "--out", model.toString(),
                "--json").ok().json();
        assertEquals(1 + 24 + 7, t.at("/data/inputs").size(), "load, 24 hours, 7 weekdays");
        assertEquals("@hour", t.at("/data/features/1").asText());
        JsonNode e = Cli.run("evaluate", "--model", model.toString(), "--data", data.toString(), "--json").ok().json();
        assertEquals(32, e.at("/data/inputs").size());
        JsonNode f = Cli.run("forecast", "--model", model.toString(), "--data", data.toString(), "--json").ok().json();
        assertEquals(2, f.get("forecast").size());

        Path plain = Files.writeString(dir.resolve("rows.csv"), "load\n1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n");
        Cli.Result r = Cli.run("train", "--data", plain.toString(), "--target", "load", "--calendar", "month",
                "--window", "2", "--epochs", "1", "--out", dir.resolve("x.gated").toString());
        assertTrue(r.code() != 0 && r.err().contains("--calendar") && r.err().contains("no time column"), r.err());
        Cli.run("train", "--data", data.toString(), "--target", "load", "--calendar", "minute", "--out",
                dir.resolve("y.gated").toString()).failsWith(2).says("not one of hour, weekday, month");
    }
}
