package dev.gated.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gated.cli.output.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gated speech train / evaluate / predict / compare with tiny settings (a handful of recordings, 1–2 epochs). */
class SpeechCommandTest {

    @TempDir
    static Path dir;

    static Path model;
    static Path wav;

    @BeforeAll
    static void trainTinyModel() {
        model = dir.resolve("digits.gated");
        wav = SharedData.file("fsdd/recordings/3_theo_0.wav");
        JsonNode doc = Cli.run("speech", "train", "--model", "gru", "--units", "8", "--epochs", "2", "--max-index", "8",
                "--normalise", "global", "--out", model.toString(), "--json").ok().json();
        assertEquals(150, doc.get("train").asInt());
        assertEquals(250, doc.get("test").asInt());
        assertEquals(2, doc.get("loss").size());
        double accuracy = doc.get("accuracy").asDouble();
        assertTrue(accuracy >= 0 && accuracy <= 1, doc.toString());
        assertTrue(Files.isRegularFile(model));
    }

    @Test
    void evaluateReportsAccuracyPerSpeakerAndConfusion() {
        JsonNode doc = Cli.run("speech", "evaluate", "--model", model.toString(), "--json").ok().json();
        assertEquals(250, doc.get("test").asInt());
        assertEquals(5, doc.get("per_speaker").size());
        int total = 0;
        for (JsonNode row : doc.get("confusion")) {
            for (JsonNode v : row) {
                total += v.asInt();
            }
        }
        assertEquals(250, total);
        Cli.Result text = Cli.run("speech", "evaluate", "--model", model.toString()).ok();
        assertTrue(text.out().contains("test accuracy: ") && text.out().contains("confusion"), text.out());
    }

    @Test
    void predictGivesTheSameDigitOfflineAndStreamed() {
        JsonNode offline = Cli.run("speech", "predict", model.toString(), wav.toString(), "--json").ok().json();
        JsonNode streamed = Cli.run("speech", "predict", model.toString(), wav.toString(), "--stream", "--json").ok().json();
        JsonNode a = offline.get("results").get(0);
        JsonNode b = streamed.get("results").get(0);
        assertEquals(a.get("digit").asInt(), b.get("digit").asInt());
        assertEquals(a.get("probability").asDouble(), b.get("probability").asDouble(), 1e-5);
        assertTrue(b.get("chunks").asInt() >= 1 && b.get("real_time_factor").asDouble() > 0, b.toString());
        Cli.Result text = Cli.run("speech", "predict", model.toString(), wav.toString()).ok();
        assertTrue(text.out().startsWith(wav + ": "), text.out());
    }

    @Test
    void predictPlotsTheBeliefAfterEachFrame() throws IOException {
        Path png = dir.resolve("digit.png");
        Cli.run("speech", "predict", model.toString(), wav.toString(), "--plot", png.toString()).ok();
        assertEquals(900, javax.imageio.ImageIO.read(png.toFile()).getHeight());
    }

    @Test
    void compareTabulatesTheBaselineBesideEachModel() {
        JsonNode doc = Cli.run("speech", "compare", "--models", "gru", "--units", "4", "--epochs", "1", "--max-index", "7",
                "--json").ok().json();
        assertEquals(2, doc.get("rows").size());
        assertTrue(doc.get("rows").get(0).get("model").asText().startsWith("baseline"), doc.toString());
    }

    @Test
    void leaveOneSpeakerOutGivesOneColumnPerSpeakerAndMeanAndSd() {
        JsonNode doc = Cli.run("speech", "compare", "--leave-one-speaker-out", "--models", "gru", "--units", "4",
                "--epochs", "1", "--max-index", "2", "--json").ok().json();
        assertEquals(2, doc.get("rows").size());
        JsonNode gru = doc.get("rows").get(1);
        assertEquals(5, gru.get("by_speaker").size());
        assertTrue(gru.get("sd").asDouble() >= 0 && gru.get("mean").asDouble() <= 1, gru.toString());
    }

    @Test
    void augmentationAddsACopyOfEveryTrainingRecording() {
        JsonNode doc = Cli.run("speech", "compare", "--models", "gru", "--units", "4", "--epochs", "1", "--max-index", "6",
                "--augment", "--augment-snr", "15", "--json").ok().json();
        assertEquals(100, doc.get("train").asInt(), "50 recordings and their 50 copies");
        assertTrue(doc.get("augmentation").asText().contains("snr 15.0 dB"), doc.toString());
        Cli.run("speech", "compare", "--augment", "--augment-speed", "0.7").failsWith(2).says("speed");
    }

    @Test
    void badInputIsOneLineThatNamesTheProblem() throws IOException {
        Path fake = Files.writeString(dir.resolve("fake.wav"), "not audio at all");
        Cli.run("speech", "predict", model.toString(), fake.toString()).failsWith(1).says(fake.toString(), "not a WAV file");
        Cli.run("speech", "train", "--model", "transformer", "--out", "x.gated").failsWith(2).says("transformer");
        Cli.run("speech", "train", "--normalise", "nightly", "--out", "x.gated").failsWith(2).says("nightly");
        Cli.run("speech", "predict", model.toString(), wav.toString(), "--chunk-ms", "0").failsWith(2).says("--chunk-ms");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Cli.run("speech", "train", "--data", empty.toString(), "--out", "x.gated").failsWith(1).says("no .wav files");
        Cli.run("speech", "train", "--data", dir.toString(), "--out", "x.gated").failsWith(1).says("fake.wav", "{digit}_{speaker}_{index}.wav");
    }

    /**
     * A 6-minute file (over the 5-minute whole-file limit), streamed by the CLI in a child JVM with a 24 MB heap: held
     * whole it would need about 12 MB of samples plus about 25 MB of feature frames (36,000 frames of 39 values), so
     * only the bounded-memory path fits.
     */
    @Test
    void aLongFileIsStreamedFromDiskInBoundedMemory() throws Exception {
        Path wav = LongWav.write(dir.resolve("long.wav"), SharedData.file("fsdd/recordings/3_theo_0.wav"), 6 * 60);
        ChildJvm.Result child = ChildJvm.run("24m", "speech", "predict", model.toString(), wav.toString(), "--json");
        assertEquals(0, child.code(), child.errors());
        JsonNode r = Json.mapper().readTree(child.output()).get("results").get(0);
        assertTrue(r.get("streamed").asBoolean(), r.toString());
        assertEquals(360.0, r.get("seconds").asDouble(), 1e-9);
        assertEquals(3600, r.get("chunks").asInt());
        Cli.run("speech", "predict", model.toString(), wav.toString(), "--plot", dir.resolve("long.png").toString())
                .failsWith(1).says(wav + ": holds 6:00 of audio (5.8 MB), over the 5:00 that --plot reads whole");
    }
}
