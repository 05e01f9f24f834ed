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

/** gated speech train / evaluate / predict with --labels FILE.csv: speaker identification on a small FSDD subset. */
class SpeechLabelsTest {

    static final List<String> SPEAKERS = List.of("george", "jackson", "nicolas", "theo", "yweweler");

    @TempDir
    Path dir;

    /** Who is speaking: digits 0-9, recordings 0-3 of each speaker; recording 0 is test. */
    private Path speakerTable() throws IOException {
        StringBuilder csv = new StringBuilder("file,label,split\n");
        for (String speaker : SPEAKERS) {
            for (int digit = 0; digit < 10; digit++) {
                for (int index = 0; index < 4; index++) {
                    csv.append(digit).append('_').append(speaker).append('_').append(index).append(".wav,").append(speaker)
                            .append(',').append(index == 0 ? "test" : "train").append('\n');
                }
            }
        }
        return Files.writeString(dir.resolve("speakers.csv"), csv);
    }

    @Test
    void aClassifierLearnsWhoIsSpeakingFromACsvOfSpeakerNames() throws IOException {
        Path recordings = SharedData.file("fsdd/recordings/0_theo_0.wav").getParent();
        Path csv = speakerTable();
        Path model = dir.resolve("speakers.gated");
        Cli.Result trained = Cli.run("speech", "train", "--data", recordings.toString(), "--labels", csv.toString(),
                "--units", "16", "--epochs", "5", "--out", model.toString(), "--json").ok();
        JsonNode doc = trained.json();
        assertEquals(150, doc.get("train").asInt());
        assertEquals(50, doc.get("test").asInt());
        assertEquals(SPEAKERS, List.of(new com.fasterxml.jackson.databind.ObjectMapper().convertValue(doc.get("classes"), String[].class)));
        assertEquals(2500 - 200, doc.get("left_out").asInt(), "the recordings the table does not list are left out");

        JsonNode evaluated = Cli.run("speech", "evaluate", "--model", model.toString(), "--data", recordings.toString(),
                "--labels", csv.toString(), "--json").ok().json();
        assertEquals(50, evaluated.get("test").asInt());
        assertEquals(5, evaluated.get("per_class").size());
        double accuracy = evaluated.get("accuracy").asDouble();
        assertEquals(doc.get("accuracy").asDouble(), accuracy, 1e-12, "train and evaluate score the same test rows");
        assertTrue(accuracy >= 0.4, "twice chance (0.2): the voice tells the speaker (0.58 measured): " + accuracy);
        Cli.Result text = Cli.run("speech", "evaluate", "--model", model.toString(), "--data", recordings.toString(),
                "--labels", csv.toString()).ok();
        assertTrue(text.out().contains("yweweler") && text.out().contains("confusion"), text.out());

        Path theo = recordings.resolve("7_theo_0.wav");
        JsonNode predicted = Cli.run("speech", "predict", model.toString(), theo.toString(), "--json").ok().json();
        JsonNode r = predicted.get("results").get(0);
        assertTrue(SPEAKERS.contains(r.get("label").asText()), r.toString());
        assertTrue(!r.has("digit"), "a speaker model names speakers, not digits: " + r);
        assertEquals(5, r.get("probabilities").size());
    }

    @Test
    void aBadTableIsOneLineNamingTheLineAndColumn() throws IOException {
        Path recordings = SharedData.file("fsdd/recordings/0_theo_0.wav").getParent();
        Path few = Files.writeString(dir.resolve("few.csv"), "0_theo_0.wav,theo\n0_theo_5.wav,theo\n0_george_0.wav,george\n"
                + "0_george_5.wav,george\n");
        Cli.Result said = Cli.run("speech", "train", "--data", recordings.toString(), "--labels", few.toString(), "--units", "2",
                "--epochs", "1", "--out", dir.resolve("few.gated").toString()).ok();
        assertTrue(said.out().contains("2496 .wav file(s) in " + recordings + " are not in " + few + " and are left out"), said.out());
        Path missing = Files.writeString(dir.resolve("missing.csv"), "0_theo_0.wav,theo\n0_theo_99.wav,theo\n");
        Cli.run("speech", "train", "--data", recordings.toString(), "--labels", missing.toString(), "--out", "x.gated")
                .failsWith(1).says(missing + ":2:1: 0_theo_99.wav is not in");
        Path one = Files.writeString(dir.resolve("one.csv"), "0_theo_0.wav,theo\n0_theo_1.wav,theo\n");
        Cli.run("speech", "train", "--data", recordings.toString(), "--labels", one.toString(), "--out", "x.gated")
                .failsWith(1).says(one.toString(), "at least two classes");
        Path twice = Files.writeString(dir.resolve("twice.csv"), "0_theo_0.wav,theo\n0_george_0.wav,george\n0_theo_0.wav,x\n");
        Cli.run("speech", "train", "--data", recordings.toString(), "--labels", twice.toString(), "--out", "x.gated")
                .failsWith(1).says(twice + ":3:1:", "listed twice (first on line 1)");
        Path empty = Files.writeString(dir.resolve("empty.csv"), "0_theo_0.wav,theo\n0_george_0.wav,\n");
        Cli.run("speech", "train", "--data", recordings.toString(), "--labels", empty.toString(), "--out", "x.gated")
                .failsWith(1).says(empty + ":2:2: empty label");
    }
}
