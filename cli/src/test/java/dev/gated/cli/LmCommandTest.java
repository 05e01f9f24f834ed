package dev.gated.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gated.layer.Dense;
import dev.gated.loss.Loss;
import dev.gated.model.Sequential;
import dev.gated.optim.Adam;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gated lm train / evaluate / sample / speed / surprise / curve on the first 8 KB of tiny-shakespeare with tiny
 * models, and the one-line errors for what is not a text, a prompt the model cannot read and a file that is not a
 * language model.
 */
class LmCommandTest {

    @TempDir
    static Path dir;

    static Path text;
    static Path model;
    static Path curve;
    static JsonNode trained;

    @BeforeAll
    static void train() throws IOException {
        byte[] all = Files.readAllBytes(SharedData.file("tiny-shakespeare/input.txt"));
        text = dir.resolve("shakespeare-8k.txt");
        Files.write(text, java.util.Arrays.copyOf(all, 8192));
        model = dir.resolve("lm.gated");
        curve = dir.resolve("curve.csv");
        trained = Cli.run("lm", "train", "--data", text.toString(), "--model", "gru", "--layers", "2", "--units", "24",
                "--embedding", "8", "--dropout", "0.1", "--recurrent-dropout", "0.1", "--batch", "8", "--context", "16",
                "--lr", "0.01", "--epochs", "2", "--eval-every", "40", "--out", model.toString(), "--curve", curve.toString(),
                "--json").ok().json();
    }

    @Test
    void trainSplitsLikeNanoGptSavesTheBestAndWritesItsCurve() throws IOException {
        assertEquals(8192, trained.get("characters").asInt());
        assertTrue(trained.get("split").asText().startsWith("first 89.99 % (7,372 characters) for training, last 10.01 % (820)"),
                trained.get("split").asText());
        JsonNode best = trained.get("best");
        assertTrue(best.get("validation_loss").asDouble() < Math.log(trained.get("vocabulary").asInt()),
                "trained: better than a uniform guess; " + best);
        assertTrue(Files.isRegularFile(model));
        java.util.List<String> lines = Files.readAllLines(curve);
        assertEquals(String.join(",", LmCurveFile.HEADER), lines.get(0));
        assertEquals(trained.get("curve").size() + 1, lines.size());
        assertTrue(lines.get(1).startsWith("gru,wall,40,"), lines.get(1));
    }

    @Test
    void evaluateScoresTheValidationPartAsTrainingDid() {
        JsonNode e = Cli.run("lm", "evaluate", "--model", model.toString(), "--data", text.toString(), "--part", "validation",
                "--json").ok().json();
        assertEquals(820, e.get("characters").asInt());
        assertEquals(trained.get("best").get("validation_loss").asDouble(), e.get("loss_nats").asDouble(), 1e-9,
                "the best model is the one saved");
        assertEquals(e.get("loss_nats").asDouble() / Math.log(2), e.get("loss_bits").asDouble(), 1e-12);
        assertTrue(e.get("window_loss_nats").asDouble() > 0);
    }

    @Test
    void sampleStreamsAfterThePromptAndRepeatsWithTheSeed() {
        Cli.Result text1 = Cli.run("lm", "sample", "--model", model.toString(), "--prompt", "ROMEO:", "--length", "40",
                "--temperature", "0.8", "--top-k", "5", "--seed", "3").ok();
        assertTrue(text1.out().startsWith("ROMEO:"), text1.out());
        assertEquals("ROMEO:".length() + 40 + 1, text1.out().length(), "prompt, 40 characters, a line end: " + text1.out());
        JsonNode j = Cli.run("lm", "sample", "--model", model.toString(), "--prompt", "ROMEO:", "--length", "40",
                "--temperature", "0.8", "--top-k", "5", "--seed", "3", "--json").ok().json();
        assertEquals(text1.out().substring(6, 46), j.get("generated").asText());
    }

    @Test
    void speedTimesBothSamplers() {
        JsonNode s = Cli.run("lm", "speed", "--model", model.toString(), "--length", "20", "--repetitions", "1",
                "--warmup-seconds", "0", "--json").ok().json();
        assertTrue(s.get("speed").get("stepped").asDouble() > 0 && s.get("speed").get("windowed").asDouble() > 0, s.toString());
        assertEquals(16, s.get("speed").get("window").asInt());
    }

    @Test
    void surpriseScoresEachCharacterAfterAWarmUpAndDrawsIt() throws IOException {
        Path png = dir.resolve("surprise.png");
        JsonNode s = Cli.run("lm", "surprise", "--model", model.toString(), "--data", text.toString(), "--from", "50",
                "--chars", "40", "--top", "3", "--plot", png.toString(), "--json").ok().json();
        assertEquals(40, s.get("loss_nats").size(), "all 40 characters, as 50 were read before");
        assertEquals(3, s.get("most_surprising").size());
        double mean = 0;
        for (JsonNode v : s.get("loss_nats")) {
            mean += v.asDouble() / 40;
        }
        assertEquals(mean, s.get("mean_loss_nats").asDouble(), 1e-12);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(Files.readAllBytes(png), 4));
    }

    @Test
    void curveReadsTrainingCurvesIntoATableAndAPlot() throws IOException {
        Path png = dir.resolve("curve.png");
        Path table = dir.resolve("table.csv");
        JsonNode c = Cli.run("lm", "curve", curve.toString(), "--at", "0,100", "--reference", "goal=1.60", "--plot",
                png.toString(), "--table", table.toString(), "--json").ok().json();
        assertEquals(2, c.get("rows").size());
        assertTrue(c.get("rows").get(0).get("val_loss").isNull(), "nothing is validated within 0 minutes");
        assertEquals(trained.get("best").get("validation_loss").asDouble(), c.get("rows").get(1).get("val_loss").asDouble(), 1e-4);
        assertTrue(Files.size(png) > 1000);
        assertEquals("model,clock,minutes,seconds,val_loss,run_seconds", Files.readAllLines(table).get(0));
    }

    @Test
    void aTinyTransformerTrainsScoresInWindowsAndSamplesButHasNothingToStep() {
        Path t = dir.resolve("transformer.gated");
        Cli.run("lm", "train", "--data", text.toString(), "--model", "transformer", "--layers", "1", "--units", "8",
                "--heads", "2", "--context", "8", "--batch", "16", "--epochs", "1", "--out", t.toString()).ok();
        JsonNode e = Cli.run("lm", "evaluate", "--model", t.toString(), "--data", text.toString(), "--part", "validation",
                "--json").ok().json();
        assertTrue(e.get("loss_nats").isNull() && e.get("window_loss_nats").asDouble() > 0, e.toString());
        JsonNode s = Cli.run("lm", "sample", "--model", t.toString(), "--length", "12", "--json").ok().json();
        assertEquals(12, s.get("generated").asText().length());
        Cli.run("lm", "speed", "--model", t.toString()).failsWith(1).says("a transformer has no streaming state to step");
    }

    @Test
    void aSubwordModelIsScoredPerCharacterAndSamplesText() {
        Path b = dir.resolve("bpe.gated");
        JsonNode t = Cli.run("lm", "train", "--data", text.toString(), "--vocabulary", "bpe", "--merges", "40", "--model", "gru",
                "--units", "16", "--embedding", "8", "--batch", "8", "--context", "8", "--lr", "0.01", "--epochs", "1",
                "--out", b.toString(), "--json").ok().json();
        assertEquals("bpe", t.get("vocabulary_kind").asText());
        assertEquals(trained.get("vocabulary").asInt() + 40, t.get("vocabulary").asInt(), "the characters + 40 merges");
        assertTrue(t.get("tokens").asInt() < 0.8 * 8192, "merges shorten the text: " + t.get("tokens"));
        JsonNode e = Cli.run("lm", "evaluate", "--model", b.toString(), "--data", text.toString(), "--part", "validation",
                "--json").ok().json();
        assertEquals(820, e.get("characters").asInt());
        assertEquals(t.get("best").get("validation_loss_per_character").asDouble(), e.get("loss_nats").asDouble(), 1e-9,
                "loss_nats is per character, as in training");
        assertEquals(t.get("best").get("validation_loss").asDouble(), e.get("loss_nats_per_token").asDouble(), 1e-9);
        assertTrue(e.get("loss_nats_per_token").asDouble() > 1.2 * e.get("loss_nats").asDouble(),
                "a token holds more than one character, so more nats: " + e);
        Cli.Result s = Cli.run("lm", "sample", "--model", b.toString(), "--prompt", "ROMEO:", "--length", "30", "--seed", "5").ok();
        assertEquals("ROMEO:".length() + 30 + 1, s.out().length(), "prompt, 30 characters, a line end: " + s.out());
        Cli.run("lm", "surprise", "--model", b.toString(), "--data", text.toString()).failsWith(1)
                .says("character-level models; this model's vocabulary is bpe");
        Cli.run("lm", "train", "--data", text.toString(), "--merges", "10").failsWith(2)
                .says("--merges applies to --vocabulary bpe");
        Cli.run("lm", "train", "--data", text.toString(), "--vocabulary", "bpe", "--merges", "100000", "--epochs", "1")
                .failsWith(1).says("allows only");
        Cli.run("lm", "train", "--data", text.toString(), "--vocabulary", "words").failsWith(2)
                .says("--vocabulary must be char or bpe but is 'words'");
    }

    @Test
    void whatIsNotTextIsRefusedInOneLine() throws IOException {
        Path empty = Files.write(dir.resolve("empty.txt"), new byte[0]);
        Cli.run("lm", "train", "--data", empty.toString()).failsWith(1).says("--data " + empty + ": is empty");
        Path binary = Files.write(dir.resolve("binary.txt"), new byte[] {'a', 'b', 0, 1, 2});
        Cli.run("lm", "train", "--data", binary.toString()).failsWith(1).says("looks binary", "NUL byte at offset 2");
        Path latin1 = Files.write(dir.resolve("latin1.txt"), "caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        Cli.run("lm", "evaluate", "--model", model.toString(), "--data", latin1.toString())
                .failsWith(1).says("line 1: not UTF-8 text: byte 0xE9 at offset 3");
        Path tiny = Files.writeString(dir.resolve("tiny.txt"), "abc");
        Cli.run("lm", "train", "--data", tiny.toString(), "--epochs", "1").failsWith(1)
                .says("3 characters leave 1 for validation");
        Cli.run("lm", "train", "--data", dir.resolve("missing.txt").toString()).failsWith(1).says("file not found");
    }

    @Test
    void promptsAndTextsOutsideTheVocabularyNameTheCharacterAndItsPlace() throws IOException {
        Cli.run("lm", "sample", "--model", model.toString(), "--prompt", "To\nb\u00e9").failsWith(1)
                .says("--prompt: line 2, column 2: character '\u00e9' (U+00E9) is not in the model's vocabulary");
        Path other = Files.writeString(dir.resolve("other.txt"), "First line\nsecond {line}\n");
        Cli.run("lm", "evaluate", "--model", model.toString(), "--data", other.toString()).failsWith(1)
                .says("--data " + other + ": line 2, column 8: character '{' is not in the model's vocabulary");
    }

    @Test
    void aModelThatIsNotALanguageModelIsNamedSo() throws IOException {
        Path plain = dir.resolve("plain.gated");
        Sequential m = Sequential.input(3).add(new Dense(1));
        m.compile(new Adam(), Loss.mse());
        m.save(plain);
        Cli.run("lm", "sample", "--model", plain.toString()).failsWith(1)
                .says(plain + ": not a language model (no 'lm.vocabulary' in its metadata) — train one with 'gated lm train'");
        Cli.run("lm", "evaluate", "--model", text.toString(), "--data", text.toString()).failsWith(1);
    }

    @Test
    void badOptionsAreUsageErrors() {
        Cli.run("lm", "train", "--data", text.toString(), "--model", "cnn").failsWith(2).says("model must be lstm, gru, rnn or transformer");
        Cli.run("lm", "train", "--data", text.toString(), "--dropout", "1").failsWith(2).says("dropout must be in [0, 1) but is 1.0");
        Cli.run("lm", "train", "--data", text.toString(), "--model", "transformer", "--units", "10", "--heads", "4")
                .failsWith(2).says("units (10) must be a multiple of its heads (4)");
        Cli.run("lm", "train", "--data", text.toString(), "--minutes", "0").failsWith(2).says("give a time budget");
        Cli.run("lm", "evaluate", "--model", model.toString(), "--data", text.toString(), "--part", "middle")
                .failsWith(2).says("--part must be all, train or validation but is 'middle'");
        Cli.run("lm", "sample", "--model", model.toString(), "--top-k", "-1").failsWith(2).says("--top-k must be >= 0");
        Cli.run("lm", "sample", "--model", model.toString(), "--temperature", "0").failsWith(2).says("--temperature must be");
        Cli.run("lm").failsWith(2).says("missing command: lm train");
    }
}
