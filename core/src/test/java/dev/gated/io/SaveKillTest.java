package dev.gated.io;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gated.model.Sequential;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 while saving: a process that does nothing but save a model over the same file is killed at a random
 * moment, several times; afterwards the file always loads, and holds one of the saves that completed (or the
 * one in flight, which the rename publishes whole or not at all) — never a mixture or a torn file.
 */
class SaveKillTest {

    private static final int ROUNDS = 3;

    @Test
    void aKilledSaveLeavesTheLastCompleteModel(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("m.gated");
        Random random = new Random(15);
        for (int round = 0; round < ROUNDS; round++) {
            Path errors = dir.resolve("child-" + round + ".txt");
            Process child = start(target, errors);
            int lastSaved = 0;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null && lastSaved < 3; ) {
                    lastSaved = Integer.parseInt(line.substring("saved ".length()));
                }
                Thread.sleep(random.nextInt(40)); // lands inside one of the next saves
                child.destroyForcibly(); // SIGKILL on Linux
                assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child did not die");
            }
            assertTrue(lastSaved >= 3, "the child never saved; stderr: " + Files.readString(errors));
            Sequential loaded = Sequential.load(target);
            double saveNumber = loaded.parameters().get(0).value().get(0);
            assertTrue(saveNumber >= lastSaved, "round " + round + ": the file holds save " + saveNumber
                    + " but save " + lastSaved + " had completed");
        }
        try (var files = Files.list(dir)) {
            long temporaries = files.filter(p -> p.getFileName().toString().endsWith(".tmp")).count();
            System.out.println("save kill test: " + ROUNDS + " kills, " + temporaries
                    + " left a temporary behind (killed in the middle of a save); the model loaded every time");
        }
    }

    private static Process start(Path target, Path errors) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java));
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            cmd.addAll(List.of("--add-modules", "jdk.incubator.vector"));
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), SavingLoopMain.class.getName(),
                target.toString()));
        return new ProcessBuilder(cmd).redirectError(errors.toFile()).start();
    }
}
