package dev.gated.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gated.audio.ConnectedDigits;
import dev.gated.audio.SpokenDigits;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gated speech train-ctc / evaluate / transcribe with tiny settings (a few strings, 1 epoch): the plumbing, not the accuracy. */
class SpeechTranscribeCommandTest {

    @TempDir
    static Path dir;

    static Path model;
    static Path wav;

    @BeforeAll
    static void trainTinyTranscriber() throws IOException {
        model = dir.resolve("strings.gated");
        JsonNode doc = Cli.run("speech", "train-ctc", "--units", "8", "--epochs", "1", "--max-index", "7", "--strings", "12",
                "--test-strings", "6", "--beam", "2", "--out", model.toString(), "--json").ok().json();
        assertEquals(12, doc.get("train_strings").asInt());
        assertEquals(6, doc.get("test_strings").asInt());
        assertEquals(1, doc.get("loss").size());
        assertTrue(doc.get("der_greedy").asDouble() >= 0 && doc.get("string_accuracy_beam").asDouble() <= 1, doc.toString());
        assertTrue(Files.isRegularFile(model));
        Path recordings = SharedData.file("fsdd/recordings/4_theo_0.wav").getParent();
        List<SpokenDigits.Recording> three = List.of(SpokenDigits.parse(recordings.resolve("4_theo_0.wav")),
                SpokenDigits.parse(recordings.resolve("0_jackson_1.wav")), SpokenDigits.parse(recordings.resolve("7_george_2.wav")));
        ConnectedDigits.Utterance u = ConnectedDigits.compose(ConnectedDigits.read(three, 8000), 1, 8000,
                new ConnectedDigits.Composition(3, 3, 100, 100, 50, 30), 1).get(0);
        wav = dir.resolve("string.wav");
        writeWav(u.samples(), wav);
    }

    static void writeWav(float[] x, Path file) throws IOException {
        writeWav(x, 8000, file);
    }

    static void writeWav(float[] x, float rate, Path file) throws IOException {
        ByteBuffer pcm = ByteBuffer.allocate(2 * x.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : x) {
            pcm.putShort((short) Math.round(Math.max(-1, Math.min(1, v)) * 32767));
        }
        AudioFormat format = new AudioFormat(rate, 16, 1, true, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm.array()), format, x.length)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        }
    }

    @Test
    void evaluateScoresGreedyAndBeamOnTheTestStrings() {
        JsonNode doc = Cli.run("speech", "evaluate", "--model", model.toString(), "--test-strings", "5", "--beam", "3", "--json").ok().json();
        assertEquals(5, doc.get("test_strings").asInt());
        assertEquals(3, doc.get("beam").asInt());
        assertTrue(doc.get("test_digits").asInt() >= 10, doc.toString());
        assertTrue(doc.get("der_greedy").asDouble() >= 0 && doc.get("der_beam").asDouble() >= 0, doc.toString());
        Cli.Result text = Cli.run("speech", "evaluate", "--model", model.toString(), "--test-strings", "5").ok();
        assertTrue(text.out().contains("greedy:") && text.out().contains("beam 8") && text.out().contains("DER"), text.out());
    }

    @Test
    void transcribeGivesTheSameDigitsOfflineAndStreamed() {
        JsonNode doc = Cli.run("speech", "transcribe", "--model", model.toString(), wav.toString(), "--stream", "--beam", "4",
                "--json").ok().json();
        JsonNode r = doc.get("results").get(0);
        assertEquals(r.get("greedy").asText(), r.get("streamed").asText(), r.toString());
        assertTrue(r.get("chunks").asInt() >= 5 && r.get("real_time_factor").asDouble() > 0, r.toString());
        assertEquals(r.get("chunks").asInt() + 1, r.get("emitted").asText().split("\\|", -1).length, r.toString());
        Cli.Result text = Cli.run("speech", "transcribe", "--model", model.toString(), wav.toString()).ok();
        assertTrue(text.out().startsWith(wav + ": "), text.out());
    }

    @Test
    void plotDrawsWaveformSpectrogramAndCtcProbabilitiesInOnePng() throws IOException {
        Path png = dir.resolve("plots/string.png");
        JsonNode doc = Cli.run("speech", "transcribe", "--model", model.toString(), wav.toString(), "--plot", png.toString(),
                "--json").ok().json();
        assertEquals(png.toString(), doc.get("results").get(0).get("plot").asText());
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
        assertEquals(1100, image.getWidth());
        assertEquals(900, image.getHeight(), "three panels of 300 pixels");
    }

    @Test
    void theWrongKindOfModelOrFileIsOneLineThatSaysWhatToUse() throws IOException {
        Path digitModel = dir.resolve("digit.gated");
        Cli.run("speech", "train", "--units", "4", "--epochs", "1", "--max-index", "6", "--out", digitModel.toString()).ok();
        Cli.run("speech", "transcribe", "--model", digitModel.toString(), wav.toString()).failsWith(1)
                .says(digitModel.toString(), "one-digit classifier", "gated speech predict");
        Cli.run("speech", "predict", model.toString(), wav.toString()).failsWith(1)
                .says(model.toString(), "transcriber", "gated speech transcribe");
        Path fake = Files.writeString(dir.resolve("fake.wav"), "RIFF but not really");
        Cli.run("speech", "transcribe", "--model", model.toString(), fake.toString()).failsWith(1).says(fake.toString());
        Cli.run("speech", "transcribe", "--model", model.toString(), wav.toString(), "--beam", "0").failsWith(2).says("--beam");
        Cli.run("speech", "train-ctc", "--strings", "0", "--out", dir.resolve("x.gated").toString()).failsWith(2).says("--strings");
    }

    /** Over the 5-minute whole-file limit (5 min 1 s, at 100 Hz to stay small): streamed and decoded greedily. */
    @Test
    void aFileOverTheWholeFileLimitIsTranscribedStreamedAndGreedily() throws IOException {
        float[] x = new float[301 * 100];
        for (int n = 0; n < x.length; n++) {
            x[n] = (float) (0.3 * Math.sin(n * 0.7) * Math.sin(n * 0.003));
        }
        Path wav = dir.resolve("long-100hz.wav");
        writeWav(x, 100, wav);
        JsonNode r = Cli.run("speech", "transcribe", "--model", model.toString(), wav.toString(), "--json").ok().json()
                .get("results").get(0);
        assertTrue(r.get("decoding").asText().startsWith("greedy, streamed"), r.toString());
        assertEquals(301.0, r.get("seconds").asDouble(), 1e-9);
        assertEquals(3010, r.get("chunks").asInt());
        assertEquals(r.get("streamed").asText(), r.get("digits").asText());
        Cli.run("speech", "transcribe", "--model", model.toString(), wav.toString(), "--plot", dir.resolve("long.png").toString())
                .failsWith(1).says(wav + ": holds 5:01 of audio", "over the 5:00 that --plot reads whole");
    }
}
