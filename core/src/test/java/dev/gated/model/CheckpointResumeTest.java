package dev.gated.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gated.data.Dataset;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A training process killed with SIGKILL in the middle of fit and resumed from its last checkpoint ends
 * with exactly the weights of an uninterrupted run with the same seed.
 */
class CheckpointResumeTest {

    private static final int EPOCHS = 8;
    private static final int EXAMPLES = 600;

    @Test
    void killedRunResumedFromCheckpointMatchesUninterruptedRun(@TempDir Path dir) throws Exception {
        Path checkpoint = dir.resolve("run.gated");
        Path childErrors = dir.resolve("child-stderr.txt");
        Process child = startChild(checkpoint, childErrors);
        int seenEpoch = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("epoch ")) {
                    seenEpoch = Integer.parseInt(line.substring(6));
                    if (seenEpoch == 3) {
                        break;
                    }
                }
            }
            Thread.sleep(200); // the child is paced at ≥ 15 ms per batch, 38 batches an epoch: this lands inside epoch 4
            child.destroyForcibly(); // SIGKILL on Linux
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "child did not die");
        }
        assertEquals(3, seenEpoch, "child never reached epoch 3; stderr: " + java.nio.file.Files.readString(childErrors));
        assertTrue(child.exitValue() != 0, "child should have been killed, not finished");

        Sequential resumed = Sequential.load(checkpoint);
        int completed = resumed.epochsCompleted();
        assertTrue(completed >= 3 && completed < EPOCHS, "checkpoint holds " + completed + " epochs");
        Dataset data = TrainingFixtures.sineData(EXAMPLES, 20);
        resumed.fit(data, Fit.epochs(EPOCHS).batchSize(16).quiet().resume());

        Sequential uninterrupted = TrainingFixtures.stackedModel(7, 20);
        uninterrupted.fit(data, Fit.epochs(EPOCHS).batchSize(16).quiet());

        assertEquals(EPOCHS, resumed.epochsCompleted());
        assertArrayEquals(TrainingFixtures.flatWeights(uninterrupted), TrainingFixtures.flatWeights(resumed),
                "resumed run (from epoch " + completed + ") must end bit-identical to the uninterrupted one");
        assertArrayEquals(uninterrupted.history().loss(), resumed.history().loss(), "loss history");
    }

    private static Process startChild(Path checkpoint, Path errors) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java));
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            cmd.addAll(List.of("--add-modules", "jdk.incubator.vector"));
        }
        String kernels = System.getProperty("gated.kernels");
        if (kernels != null) {
            cmd.add("-Dgated.kernels=" + kernels);
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), CheckpointedTrainingMain.class.getName(),
                checkpoint.toString(), Integer.toString(EPOCHS), Integer.toString(EXAMPLES)));
        return new ProcessBuilder(cmd).redirectError(errors.toFile()).start();
    }
}
