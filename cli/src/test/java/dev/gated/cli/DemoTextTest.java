package dev.gated.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** gated demo sentiment and gated demo shakespeare, with tiny settings. */
class DemoTextTest {

    @Test
    void sentimentJsonReportsAccuracyBesideTheBaseline() {
        JsonNode doc = Cli.run("demo", "sentiment", "--epochs", "1", "--json").ok().json();
        assertEquals(2400, doc.get("train").asInt());
        assertEquals(600, doc.get("test").asInt());
        assertTrue(doc.get("vocabulary").asInt() > 100, doc.toString());
        double accuracy = doc.get("accuracy").asDouble();
        double baseline = doc.get("baseline_accuracy").asDouble();
        assertTrue(accuracy >= 0 && accuracy <= 1, doc.toString());
        assertTrue(baseline > 0.4 && baseline < 0.6, doc.toString());
        assertEquals(1, doc.get("loss").size());
        assertTrue(doc.get("examples").size() > 0 && doc.get("examples").get(0).has("sentence"), doc.toString());
    }

    @Test
    void sentimentTextShowsProgressAccuracyAndExamples() {
        Cli.Result r = Cli.run("demo", "sentiment", "--epochs", "1").ok();
        assertTrue(r.out().contains("Epoch 1/1") && r.out().contains("75/75 [===="), r.out());
        assertTrue(r.out().contains("test accuracy: ") && r.out().contains("majority-class baseline"), r.out());
        assertTrue(r.out().contains("p="), r.out());
    }

    @Test
    void shakespeareJsonReportsLossPerEpochAndTheGeneratedText() {
        JsonNode doc = Cli.run("demo", "shakespeare", "--epochs", "2", "--chars", "3000", "--length", "50",
                "--stride", "16", "--json").ok().json();
        assertEquals(2, doc.get("loss").size());
        assertTrue(doc.get("loss").get(0).asDouble() > 0, doc.toString());
        assertEquals(50, doc.get("generated").asText().length());
        assertEquals(3000, doc.get("chars").asInt());
        assertEquals(64, doc.get("prompt").asText().length());
    }

    @Test
    void shakespeareSamplerRepsTimeSteppingAgainstTheWindowedSampler() {
        double warmup = DemoShakespeareCommand.warmupSeconds;
        DemoShakespeareCommand.warmupSeconds = 0.05; // the timing's mechanics, not its figures
        JsonNode doc;
        try {
            doc = Cli.run("demo", "shakespeare", "--epochs", "1", "--chars", "2000", "--length", "30",
                    "--stride", "32", "--prompt", "Citizen:", "--sampler-reps", "3", "--json").ok().json();
        } finally {
            DemoShakespeareCommand.warmupSeconds = warmup;
        }
        assertEquals(30, doc.get("generated").asText().length());
        JsonNode t = doc.get("sampling");
        assertEquals(3, t.get("repetitions").asInt(), doc.toString());
        assertEquals(30, t.get("characters").asInt(), doc.toString());
        assertTrue(t.get("stepped_warmup_runs").asInt() >= 3 && t.get("windowed_warmup_runs").asInt() >= 3, doc.toString());
        double stepped = t.get("stepped_chars_per_second").asDouble();
        double windowed = t.get("windowed_chars_per_second").asDouble();
        assertTrue(stepped > 0 && windowed > 0, doc.toString());
        assertEquals(stepped / windowed, t.get("speedup").asDouble(), 1e-9 * stepped / windowed, doc.toString());
        assertTrue(!Cli.run("demo", "shakespeare", "--epochs", "1", "--chars", "2000", "--length", "5", "--stride", "32",
                "--json").ok().json().has("sampling"));
    }

    @Test
    void shakespeareLongerSequencesTrainByTruncatedBptt() {
        JsonNode doc = Cli.run("demo", "shakespeare", "--epochs", "1", "--chars", "3000", "--length", "10",
                "--sequence", "256", "--json").ok().json();
        assertEquals(256, doc.get("sequence").asInt(), doc.toString());
        assertEquals(256, doc.get("stride").asInt(), doc.toString());
        assertEquals(64, doc.get("truncated_bptt").asInt(), doc.toString());
        assertEquals(11, doc.get("windows").asInt(), doc.toString()); // (3000 - 257) / 256 + 1
        assertTrue(doc.get("loss").get(0).asDouble() > 0, doc.toString());
        assertEquals(10, doc.get("generated").asText().length());
    }

    @Test
    void shakespeareHoldoutReportsTheHeldOutLossAsAStreamAndInWindows() {
        JsonNode doc = Cli.run("demo", "shakespeare", "--epochs", "1", "--chars", "3000", "--length", "10",
                "--holdout", "0.1", "--json").ok().json();
        assertEquals(2700, doc.get("chars").asInt(), doc.toString());
        assertEquals(300, doc.get("heldout_chars").asInt(), doc.toString());
        double stream = doc.get("heldout_loss_stream").asDouble();
        double windows = doc.get("heldout_loss_windows").asDouble();
        assertTrue(stream > 0 && stream < 10 && windows > 0 && windows < 10, doc.toString());
        assertTrue(!Cli.run("demo", "shakespeare", "--epochs", "1", "--chars", "2000", "--length", "5", "--json")
                .ok().json().has("heldout_loss_stream"));
    }

    @Test
    void shakespeareTextShowsTheLossAndTheSample() {
        Cli.Result r = Cli.run("demo", "shakespeare", "--epochs", "1", "--chars", "2000", "--length", "20",
                "--stride", "32", "--prompt", "Citizen:").ok();
        assertTrue(r.out().contains("epoch 1: loss ") && r.out().contains("--- generated ---"), r.out());
    }

    @Test
    void badOptionsAreUsageErrors() {
        Cli.run("demo", "shakespeare", "--temperature", "0").failsWith(2).says("--temperature");
        Cli.run("demo", "shakespeare", "--chars", "10").failsWith(2).says("--chars");
        Cli.run("demo", "shakespeare", "--sampler-reps", "-1").failsWith(2).says("--sampler-reps");
        Cli.run("demo", "shakespeare", "--sequence", "0").failsWith(2).says("--sequence");
        Cli.run("demo", "shakespeare", "--holdout", "1").failsWith(2).says("--holdout");
        Cli.run("demo", "shakespeare", "--chars", "1000", "--holdout", "0.02").failsWith(2).says("--holdout");
        Cli.run("demo", "shakespeare", "--chars", "1000", "--sequence", "1000").failsWith(2).says("--sequence");
        Cli.run("demo", "shakespeare", "--prompt", "\u00e9t\u00e9").failsWith(2).says("--prompt");
        Cli.run("demo", "sentiment", "--epochs", "0").failsWith(2).says("--epochs");
        Cli.run("demo", "sentiment", "--data", "/nonexistent").failsWith(1).says("--data");
    }
}
