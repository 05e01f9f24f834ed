package dev.gated.experiments;

import dev.gated.layer.recurrent.RecurrentKind;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gated.inspect.Inspector;
import dev.gated.model.Sequential;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner on budgets small enough for a unit test: rows, gradient curves, inspections, plots, determinism. */
class MemoryExperimentTest {

    static final Budget TINY = new Budget(2, 120, 40, 6, 20, 0.01, 1.0, 16);

    static List<MemoryRun> run(String task, List<Integer> lengths, boolean inspect) {
        return MemoryExperiment.run(new MemoryExperiment.Config(MemoryTask.of(task), lengths,
                List.of(RecurrentKind.RNN, RecurrentKind.LSTM, RecurrentKind.GRU), 3, TINY, inspect), new MemoryExperiment.Listener() {
                });
    }

    @Test
    void everyModelAtEveryLengthGetsARowWithItsMeasurements() {
        List<MemoryRun> runs = run("adding", List.of(4, 8), true);
        assertEquals(6, runs.size());
        for (MemoryRun r : runs) {
            assertEquals("adding", r.task());
            assertEquals("mse", r.metric());
            assertTrue(r.testMetric() >= 0 && Double.isFinite(r.testMetric()), r.toString());
            assertTrue(r.baseline() > 0.05 && r.baseline() < 0.4, "always-1 MSE on 40 examples: " + r.baseline());
            assertEquals(r.testMetric() < AddingProblem.TARGET_VARIANCE / 100, r.solved());
            assertEquals(r.length(), r.gradientNormsInit().length);
            assertEquals(r.length(), r.gradientNormsTrained().length);
            for (double g : r.gradientNormsInit()) {
                assertTrue(g > 0 && Double.isFinite(g), "gradient norm " + g);
            }
            assertNotNull(r.sample());
            assertEquals(r.length(), r.sample().trace().steps().size());
            assertEquals(2, r.sampleCues().length);
            assertEquals(TINY.epochs(), r.epochs());
        }
        assertEquals(List.of("rnn", "lstm", "gru"), runs.subList(0, 3).stream().map(MemoryRun::model).toList());
        assertEquals(List.of("i", "f", "g", "o"), runs.get(1).sample().trace().gateNames());
    }

    @Test
    void theSameSeedGivesTheSameTable() {
        List<MemoryRun> a = run("first-symbol", List.of(3), false);
        List<MemoryRun> b = run("first-symbol", List.of(3), false);
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).testMetric(), b.get(i).testMetric(), 0.0);
            assertEquals(a.get(i).finalTrainLoss(), b.get(i).finalTrainLoss(), 0.0);
            assertArrayEquals(a.get(i).gradientNormsTrained(), b.get(i).gradientNormsTrained(), 0.0);
            assertNull(a.get(i).sample());
        }
    }

    @Test
    void copyTaskRunsPerStepAndReportsCrossEntropyAgainstItsBaseline() {
        List<MemoryRun> runs = MemoryExperiment.run(new MemoryExperiment.Config(new CopyMemory(), List.of(2),
                List.of(RecurrentKind.GRU), 5, TINY, false), new MemoryExperiment.Listener() {
                });
        MemoryRun r = runs.get(0);
        assertEquals("cross_entropy", r.metric());
        assertEquals(10 * Math.log(8) / 22, r.baseline(), 1e-12);
        assertEquals(22, r.gradientNormsInit().length);
    }

    /**
     * What initialisation alone does, measured (docs/memory.md): with an orthogonal recurrent kernel the plain RNN
     * passes more of the loss's gradient back 59 steps than the gated cells, whose untrained gates damp it every
     * step — LSTM by its forget gate f ≈ σ(1) ≈ 0.73, GRU by its update gate z ≈ σ(0) = 0.5. Gating is not a
     * better gradient at the start; it is a path that training can open (f, z → 1).
     */
    @Test
    void atInitialisationTheOrthogonalRnnKeepsMoreGradientThanTheUntrainedGates() {
        int length = 60;
        AddingProblem task = new AddingProblem();
        TaskData probe = task.generate(32, length, 1);
        double rnn = relativeAtLag(task, RecurrentKind.RNN, probe, length);
        double lstm = relativeAtLag(task, RecurrentKind.LSTM, probe, length);
        double gru = relativeAtLag(task, RecurrentKind.GRU, probe, length);
        assertTrue(rnn > 100 * lstm && lstm > 100 * gru, "||dL/dh_0|| / ||dL/dh_59||: rnn " + rnn + ", lstm " + lstm
                + ", gru " + gru);
        assertTrue(gru < 1e-9, "GRU: the update gate halves the direct path every step: " + gru);
    }

    static double relativeAtLag(MemoryTask task, RecurrentKind kind, TaskData probe, int length) {
        Sequential model = MemoryExperiment.network(task, kind, length, 1, Budget.defaults());
        double[] norms = Inspector.gradientNorms(model, task.loss(), probe.x(), probe.y(), null).get(0);
        return norms[0] / norms[length - 1];
    }

    @Test
    void plotsAreWrittenAsPngWithTheNumbersAsCsv(@TempDir Path dir) throws IOException {
        List<MemoryRun> runs = run("adding", List.of(5), true);
        List<Path> files = MemoryPlots.write(runs, dir.resolve("plots"));
        List<String> names = new ArrayList<>();
        for (Path f : files) {
            names.add(f.getFileName().toString());
            if (f.toString().endsWith(".png")) {
                byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(f), 4);
                assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, head, f + " is a PNG");
            }
        }
        assertTrue(names.containsAll(List.of("gradient-flow-adding-T5.png", "gates-adding-lstm-T5.png",
                "gates-adding-gru-T5.png", "gates-adding-rnn-T5.png", "state-adding-lstm-T5.png",
                "gradient-flow-adding.csv")), names.toString());
        List<String> csv = Files.readAllLines(dir.resolve("plots/gradient-flow-adding.csv"));
        assertEquals("task,model,length,phase,t,lag,gradient_norm", csv.get(0));
        assertEquals(1 + 3 * 2 * 5, csv.size());
    }

    @Test
    void tableShowsOneLinePerRun() {
        List<MemoryRow> rows = List.of(
                new MemoryRow("adding", "lstm", 50, "mse", 0.000412, 0.1683, true, 41.2, 10, 4513),
                new MemoryRow("adding", "rnn", 50, "mse", 0.171, 0.1683, false, 12.0, 10, 1153));
        String table = MemoryTable.render(rows);
        String[] lines = table.split("\n");
        assertEquals(3, lines.length);
        assertTrue(lines[0].contains("test_mse") && lines[0].contains("baseline") && lines[0].contains("solved"));
        assertTrue(lines[1].contains("lstm") && lines[1].contains("4.120e-04") && lines[1].contains("yes"), lines[1]);
        assertTrue(lines[2].contains("0.17100") && lines[2].contains("no"), lines[2]);
    }
}
