package dev.gated.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gated.cli.output.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The automatic settings as a user meets them, the tutorial preset, and rolling-origin evaluation. */
class AutoSettingsCommandTest {

    @TempDir
    Path dir;

    @Test
    void compareWithoutSettingsPrintsEveryAutomaticChoiceAndUsesIt() {
        String data = SharedData.airline().toString();
        Cli.Result text = Cli.run("compare", "--data", data, "--target", "Passengers", "--models", "gru",
                "--units", "4", "--epochs", "2").ok();
        String out = text.out();
        assertTrue(out.contains("auto settings"), out);
        assertTrue(out.contains("period 12: from the time column: a year of monthly rows"), out);
        for (String flag : List.of("--window 12:", "--val-split 0.2:", "--batch 8:", "--patience ", "--lr-plateau ",
                "--relative:")) {
            assertTrue(out.contains(flag), "the block names " + flag + ":\n" + out);
        }
        assertFalse(out.contains("--epochs "), "--epochs was given, so it is no automatic choice:\n" + out);

        JsonNode doc = Cli.run("compare", "--data", data, "--target", "Passengers", "--models", "gru", "--units", "4",
                "--epochs", "2", "--json").ok().json();
        JsonNode hp = doc.get("hyper_parameters");
        assertEquals("12", hp.get("window").asText());
        assertEquals("true", hp.get("relative").asText());
        assertEquals("8", hp.get("batch").asText());
        assertTrue(hp.get("lr_plateau").asInt() > 0, hp.toString());
        assertTrue(hp.get("patience").asInt() >= 10, hp.toString());
        // 96 training rows → 84 windows of 12 + 1; the last ⌈0.2·84⌉ = 17 validate, in time order
        assertEquals(17, doc.at("/data/validation/windows").asInt(), doc.get("data").toString());
        assertEquals(67, doc.at("/data/train/windows").asInt(), doc.get("data").toString());
        List<String> lines = out.lines().toList();
        int block = lines.indexOf(lines.stream().filter(l -> l.startsWith("auto settings")).findFirst().orElseThrow());
        long printed = lines.stream().skip(block + 1).takeWhile(l -> l.startsWith("  ")).count();
        assertEquals(doc.get("auto_settings").size(), printed, "one JSON note per printed line:\n" + out);
    }

    @Test
    void theKerasTutorialPresetIsTheOldDefaultsAndNoFlagIsOverridden() {
        JsonNode doc = Cli.run("compare", "--data", SharedData.airline().toString(), "--target", "Passengers",
                "--models", "gru", "--units", "4", "--preset", "keras-tutorial", "--json").ok().json();
        JsonNode hp = doc.get("hyper_parameters");
        assertEquals(List.of("10", "20", "32", "false", "0"), List.of(hp.get("window").asText(),
                hp.get("epochs").asText(), hp.get("batch").asText(), hp.get("relative").asText(),
                hp.get("patience").asText()));
        assertEquals("4", hp.get("units").asText(), "a given flag wins over the preset");
        assertFalse(hp.has("lr_plateau"), hp.toString());
        assertTrue(doc.at("/data/validation").isNull(), "no validation part: " + doc.get("data"));
        assertEquals(0, doc.get("auto_settings").size());
        Cli.run("compare", "--data", SharedData.airline().toString(), "--target", "Passengers", "--preset", "keras")
                .failsWith(2).says("--preset", "keras-tutorial");
    }

    @Test
    void rollingOriginGivesTheMeanAndSpreadOfEachFold() throws IOException {
        Path model = dir.resolve("m.gated");
        String data = SharedData.airline().toString();
        Cli.run("train", "--data", data, "--target", "Passengers", "--model", "gru", "--units", "4",
                "--preset", "keras-tutorial", "--epochs", "1", "--window", "12", "--out", model.toString()).ok();
        JsonNode doc = Cli.run("evaluate", "--model", model.toString(), "--data", data, "--rolling", "4", "--json")
                .ok().json();
        JsonNode rolling = doc.get("rolling");
        assertEquals(4, rolling.get("folds").asInt());
        assertEquals(List.of("1957-01", "1958-01", "1959-01", "1960-01"),
                Json.mapper().convertValue(rolling.get("fold_starts"), List.class));
        // the naive rows, recomputed from the file: fold k forecasts months 96 + 12k … 107 + 12k by the month before
        double[] v = Files.readAllLines(SharedData.airline()).stream().skip(1)
                .mapToDouble(l -> Double.parseDouble(l.split(",")[1])).toArray();
        JsonNode naive = null;
        for (JsonNode r : rolling.get("rows")) {
            if (r.get("model").asText().equals("naive")) {
                naive = r;
            }
        }
        double[] expected = new double[4];
        double mean = 0;
        for (int k = 0; k < 4; k++) {
            double ss = 0;
            for (int t = 96 + 12 * k; t < 108 + 12 * k; t++) {
                ss += (v[t] - v[t - 1]) * (v[t] - v[t - 1]);
            }
            expected[k] = Math.sqrt(ss / 12);
            assertEquals(expected[k], naive.at("/rmse/folds/" + k).asDouble(), 1e-9, "naive RMSE of fold " + k);
            mean += expected[k] / 4;
        }
        double ss = 0;
        for (double e : expected) {
            ss += (e - mean) * (e - mean);
        }
        assertEquals(mean, naive.at("/rmse/mean").asDouble(), 1e-9);
        assertEquals(Math.sqrt(ss / 3), naive.at("/rmse/sd").asDouble(), 1e-9);
        assertEquals(4, rolling.at("/rows/0/mae/folds").size());
        assertEquals("gru", rolling.at("/rows/0/model").asText());
        Cli.Result text = Cli.run("evaluate", "--model", model.toString(), "--data", data, "--rolling", "4").ok();
        assertTrue(text.out().contains("rolling origin: the test part in 4 folds"), text.out());
        Cli.run("evaluate", "--model", model.toString(), "--data", data, "--rolling", "1").failsWith(2)
                .says("--rolling", "2 <= N <= 48");
    }
}
