package dev.gated.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** gated demo sine: the Keras tutorial program (with a hidden --epochs override to keep the test short). */
class DemoSineTest {

    @Test
    void printsPerEpochProgressAndTheFinalLoss() {
        Cli.Result r = Cli.run("demo", "sine", "--epochs", "3").ok();
        assertTrue(r.out().contains("lstm (LSTM)") && r.out().contains("10,451"), r.out());
        assertTrue(r.out().contains("Epoch 3/3") && r.out().contains("16/16 [====="), r.out());
        assertTrue(r.out().contains("final loss: ") && r.out().contains("wall time"), r.out());
    }

    @Test
    void jsonReportsTheLossCurve() {
        JsonNode doc = Cli.run("demo", "sine", "--epochs", "2", "--json").ok().json();
        assertEquals(2, doc.get("loss").size());
        assertEquals(10451, doc.get("params").asInt());
        assertTrue(doc.get("final_loss").asDouble() < doc.get("loss").get(0).asDouble() + 1e-9);
    }

    @Test
    void windowsMatchNumpy() {
        assertEquals(0.0, DemoSineCommand.linspace(0));
        assertEquals(100.0, DemoSineCommand.linspace(499));
        assertEquals(100.0 * 10 / 499, DemoSineCommand.linspace(10), 1e-12);
    }

    @Test
    void demoWithoutANameIsAUsageError() {
        Cli.run("demo").failsWith(2).says("sine");
    }
}
