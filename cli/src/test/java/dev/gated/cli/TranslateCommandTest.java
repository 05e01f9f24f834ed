package dev.gated.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gated translate}: train, translate, evaluate on a tiny corpus, and the bad inputs of issue 10, each one line. */
class TranslateCommandTest {

    static final String PAIRS = "go.\tva !\nhi.\tsalut !\nhi.\tsalut.\nrun!\tcours !\nwho?\tqui ?\nwow!\tça alors !\n"
            + "help!\tà l'aide !\njump.\tsaute.\nstop!\tstop !\nwait!\tattends !\n";

    @TempDir
    static Path dir;

    private static Path trained;

    private static Path pairs() throws IOException {
        Path p = dir.resolve("pairs.tsv");
        Files.writeString(p, PAIRS);
        return p;
    }

    /** Trained once for the whole class (2 epochs of 7 sentences: the commands are under test, not the model). */
    private static synchronized Path trainTiny() throws IOException {
        if (trained != null) {
            return trained;
        }
        Path model = dir.resolve("t.gated");
        JsonNode doc = Cli.run("translate", "train", "--data", pairs().toString(), "--model", "gru-dot", "--units", "8",
                "--embedding", "4", "--epochs", "2", "--test-fraction", "0.2", "--out", model.toString(), "--json").ok().json();
        assertEquals("gru-dot", doc.get("model").asText());
        assertEquals(7, doc.get("train").asInt());   // 10 lines, 9 distinct sources, round(20 % · 9) = 2 held out
        assertTrue(Files.isRegularFile(model));
        trained = model;
        return model;
    }

    @Test
    void validationEarlyStoppingAndRecurrentDropout() throws IOException {
        Path model = dir.resolve("v.gated");
        JsonNode doc = Cli.run("translate", "train", "--data", pairs().toString(), "--model", "gru", "--units", "8", "--embedding", "4",
                "--epochs", "3", "--test-fraction", "0.2", "--validation-fraction", "0.3", "--patience", "1", "--plateau-factor", "0.5",
                "--dropout", "0.2", "--out", model.toString(), "--json").ok().json();
        assertTrue(doc.get("loss").size() >= 1 && doc.get("loss").size() <= 3, "epochs run: " + doc.get("loss"));
        JsonNode out = Cli.run("translate", "--model", model.toString(), "--text", "go.", "--json").ok().json();
        assertTrue(out.get("translations").get(0).has("translation"));
    }

    @Test
    void trainsTranslatesAndEvaluatesWithJson() throws IOException {
        Path model = trainTiny();
        JsonNode out = Cli.run("translate", "--model", model.toString(), "--text", "go.", "--text", "hi!", "--json").ok().json();
        assertEquals(2, out.get("translations").size());
        assertEquals("go.", out.get("translations").get(0).get("source").asText());
        assertTrue(out.get("translations").get(0).has("translation"));
        JsonNode beam = Cli.run("translate", "--model", model.toString(), "--text", "go.", "--beam", "3", "--json").ok().json();
        assertEquals(3, beam.get("beam").asInt());
        JsonNode eval = Cli.run("translate", "evaluate", "--model", model.toString(), "--data", pairs().toString(),
                "--whole-file", "--decoders", "--json").ok().json();
        assertTrue(eval.get("decoders").get("same_greedy_outputs").asBoolean(), "step-model and prefix re-running greedy decoders agree");
        assertEquals(9, eval.get("sentences").asInt());
        assertTrue(eval.get("scores").has("copy source") && eval.get("scores").has("gru-dot greedy"));
        assertEquals(0, eval.get("scores").get("copy source").get("exact").asDouble());
    }

    @Test
    void attentionHeatmapIsAPngOfTheExpectedSize() throws IOException {
        Path png = dir.resolve("plots/attention.png");
        JsonNode doc = Cli.run("translate", "--model", trainTiny().toString(), "--text", "help!", "--plot", png.toString(), "--json").ok().json();
        JsonNode attention = doc.get("attention");
        assertEquals(5, attention.get("source_tokens").size());
        int rows = attention.get("output_tokens").size();
        assertEquals(rows, attention.get("weights").size());
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
        assertTrue(image != null, "a readable PNG");
        assertEquals(dev.gated.cli.output.AttentionPlot.width(5), image.getWidth());
        assertEquals(dev.gated.cli.output.AttentionPlot.height(rows), image.getHeight());
    }

    @Test
    void transformerTrainsTranslatesAndPlotsItsCrossAttention() throws IOException {
        Path model = dir.resolve("transformer.gated");
        JsonNode doc = Cli.run("translate", "train", "--data", pairs().toString(), "--model", "transformer", "--embedding", "8",
                "--heads", "2", "--layers", "1", "--ff", "16", "--dropout", "0", "--epochs", "2", "--out", model.toString(), "--json").ok().json();
        assertEquals("transformer", doc.get("model").asText());
        Path png = dir.resolve("transformer.png");
        JsonNode out = Cli.run("translate", "--model", model.toString(), "--text", "go.", "--beam", "2", "--plot", png.toString(), "--json")
                .ok().json();
        assertEquals("transformer", out.get("model").asText());
        assertEquals(3, out.get("attention").get("source_tokens").size());
        assertEquals(dev.gated.cli.output.AttentionPlot.width(3), javax.imageio.ImageIO.read(png.toFile()).getWidth());
        Cli.run("translate", "train", "--data", pairs().toString(), "--model", "gru", "--units", "4", "--embedding", "4", "--epochs", "1",
                "--out", dir.resolve("plain.gated").toString()).ok();
        Cli.run("translate", "--model", dir.resolve("plain.gated").toString(), "--text", "go.", "--plot", png.toString())
                .failsWith(1).says("has no attention to plot");
    }

    @Test
    void unknownCharactersWarnAndLongInputIsBounded() throws IOException {
        Path model = trainTiny();
        Cli.Result r = Cli.run("translate", "--model", model.toString(), "--text", "Zürich€ " + "x".repeat(500)).ok();
        assertTrue(r.err().contains("never seen in training"), r.err());
        assertTrue(r.out().strip().length() <= 400, "bounded output: " + r.out().length());
    }

    @Test
    void compareWithModelsNoneGivesTheBaselinesAlone() throws IOException {
        JsonNode doc = Cli.run("translate", "compare", "--data", pairs().toString(), "--models", "none", "--test-fraction", "0.2",
                "--json").ok().json();
        java.util.List<String> names = new java.util.ArrayList<>();
        doc.get("rows").forEach(r -> names.add(r.get("name").asText()));
        assertEquals(java.util.List.of("copy source", "most frequent", "retrieval"), names);
    }

    @Test
    void additionReportsEveryEpochAndBadOptionsAreOneLine() throws IOException {
        JsonNode doc = Cli.run("translate", "addition", "--digits", "1", "--size", "50", "--units", "4", "--epochs", "2",
                "--target", "1.0", "--json").ok().json();
        assertEquals(2, doc.get("epochs").size());
        assertEquals(2, doc.get("epochs").get(1).get("epoch").asInt());
        assertTrue(doc.get("epochs").get(0).get("val_accuracy").asDouble() >= 0);
        assertTrue(doc.get("first_epoch_reaching_target").isNull());
        Cli.run("translate", "addition", "--digits", "1", "--size", "80").failsWith(1)
                .says("expected 10 to 55 problems for 1-digit operands");
        Cli.run("translate", "addition", "--target", "1.5").failsWith(2).says("--target must be a fraction");
    }

    @Test
    void badInputsAreOneLineErrors() throws IOException {
        Path oneColumn = dir.resolve("one.tsv");
        Files.writeString(oneColumn, "go.\tva !\nhello there\n");
        Cli.run("translate", "train", "--data", oneColumn.toString(), "--out", dir.resolve("x.gated").toString())
                .failsWith(1).says("one.tsv:2", "is the file tab-separated?");
        Path model = trainTiny();
        Cli.run("translate", "--model", model.toString(), "--text", " ").failsWith(1).says("sentence 1 is empty");
        Cli.run("translate", "train", "--data", pairs().toString(), "--model", "transformer", "--embedding", "10", "--heads", "4",
                "--out", dir.resolve("x.gated").toString()).failsWith(1).says("must be a multiple of --heads 4", "try --embedding 8 or 12");
        Cli.run("translate", "train", "--data", pairs().toString(), "--model", "transformer", "--dropout", "1.5",
                "--out", dir.resolve("x.gated").toString()).failsWith(1).says("--dropout must be in [0, 1)");
        Cli.run("translate", "train", "--data", pairs().toString(), "--model", "gru", "--dropout", "1.5",
                "--out", dir.resolve("x.gated").toString()).failsWith(1).says("--dropout must be in [0, 1) but is 1.5 (for gru");
        Cli.run("translate", "train", "--data", pairs().toString(), "--validation-fraction", "1.5",
                "--out", dir.resolve("x.gated").toString()).failsWith(1).says("--validation-fraction", "[0, 1)", "1.5");
        Cli.run("translate", "train", "--data", pairs().toString(), "--validation-fraction", "0.2", "--patience", "0",
                "--out", dir.resolve("x.gated").toString()).failsWith(1).says("--patience", "found 0");
        Cli.run("translate").failsWith(2).says("--model");
        // a translation model given to forecast, and a forecasting model given to translate
        Cli.run("forecast", "--model", model.toString(), "--data", pairs().toString()).failsWith(1);
        Path series = dir.resolve("s.csv");
        StringBuilder sb = new StringBuilder("Month,Sales\n");
        for (int i = 0; i < 40; i++) {
            sb.append(String.format("%d-%02d,%.1f%n", 2000 + i / 12, i % 12 + 1, 100 + i + 10 * Math.sin(i)));
        }
        Files.writeString(series, sb.toString());
        Path forecast = dir.resolve("f.gated");
        Cli.run("train", "--data", series.toString(), "--target", "Sales", "--epochs", "1", "--units", "4", "--window", "4",
                "--out", forecast.toString()).ok();
        Cli.run("translate", "--model", forecast.toString(), "--text", "go.").failsWith(1).says("no translation model", "gated forecast");
    }
}
