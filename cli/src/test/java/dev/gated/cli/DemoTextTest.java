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
    void shakespeareTextShowsTheLossAndTheSample() {
        Cli.Result r = Cli.run("demo", "shakespeare", "--epochs", "1", "--chars", "2000", "--length", "20",
                "--stride", "32", "--prompt", "Citizen:").ok();
        assertTrue(r.out().contains("epoch 1: loss ") && r.out().contains("--- generated ---"), r.out());
    }

    @Test
    void badOptionsAreUsageErrors() {
        Cli.run("demo", "shakespeare", "--temperature", "0").failsWith(2).says("--temperature");
        Cli.run("demo", "shakespeare", "--chars", "10").failsWith(2).says("--chars");
        Cli.run("demo", "shakespeare", "--prompt", "\u00e9t\u00e9").failsWith(2).says("--prompt");
        Cli.run("demo", "sentiment", "--epochs", "0").failsWith(2).says("--epochs");
        Cli.run("demo", "sentiment", "--data", "/nonexistent").failsWith(1).says("--data");
    }
}
