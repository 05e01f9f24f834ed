package dev.gated.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two trainings to one --out: the second refuses at once, naming the file and the process that holds it. */
class OutputLockTest {

    @TempDir
    Path dir;

    @Test
    void aSecondTrainingToTheSameOutRefusesNamingTheHolder() throws Exception {
        Path data = Files.writeString(dir.resolve("s.csv"), CorpusFixtures.series(120,
                i -> CorpusFixtures.fmt(100 + 10 * Math.sin(i))));
        Path out = dir.resolve("same.gated");
        Path lockFile = OutputLock.fileFor(out);
        // the first run trains for minutes: it holds the lock while the second starts
        Process first = ChildGated.start(dir.resolve("first.txt"), "train", "--data", data.toString(), "--target",
                "Sales", "--epochs", "100000", "--patience", "0", "--lr-plateau", "0", "--units", "4", "--window", "4",
                "--out", out.toString());
        try {
            waitFor(() -> Files.exists(lockFile) && Files.readString(lockFile).startsWith("pid " + first.pid()),
                    first, dir.resolve("first.txt"));
            Process second = ChildGated.start(dir.resolve("second.txt"), "train", "--data", data.toString(),
                    "--target", "Sales", "--epochs", "1", "--units", "4", "--window", "4", "--out", out.toString());
            assertTrue(second.waitFor(60, TimeUnit.SECONDS), "the second run ends at once");
            String err = Files.readString(dir.resolve("second.txt")).strip();
            assertEquals(1, second.exitValue(), err);
            assertEquals(1, err.lines().filter(l -> !l.startsWith("WARNING")).count(), err);
            assertTrue(err.contains("gated: error: --out " + out), err);
            assertTrue(err.contains("process " + first.pid()), err);
            assertTrue(first.isAlive(), "the first run goes on");
        } finally {
            first.destroy(); // SIGTERM: the shutdown hook releases the lock and deletes its file
            assertTrue(first.waitFor(60, TimeUnit.SECONDS));
        }
        assertFalse(Files.exists(lockFile), "no lock file is left behind");
        assertFalse(Files.exists(out), "neither run saved a model");
        // the lock is free again: an in-process run takes it and releases it
        Cli.run("train", "--data", data.toString(), "--target", "Sales", "--epochs", "1", "--units", "2", "--window",
                "4", "--out", out.toString()).ok();
        assertTrue(Files.exists(out));
        assertFalse(Files.exists(lockFile), "the lock file is removed when the run ends");
    }

    @Test
    void aLockFileLeftByAKilledRunIsTakenOverAndRemoved() throws IOException {
        Path data = Files.writeString(dir.resolve("s.csv"), CorpusFixtures.series(60, i -> CorpusFixtures.fmt(i)));
        Path out = dir.resolve("m.gated");
        Files.writeString(OutputLock.fileFor(out), "pid 999999999");
        Cli.run("train", "--data", data.toString(), "--target", "Sales", "--epochs", "1", "--units", "2", "--window",
                "4", "--out", out.toString()).ok();
        assertFalse(Files.exists(OutputLock.fileFor(out)), "the stale lock file is gone");
    }

    private interface Condition {
        boolean holds() throws IOException;
    }

    private static void waitFor(Condition c, Process p, Path output) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!c.holds()) {
            assertTrue(p.isAlive(), () -> "the first run ended early: " + read(output));
            assertTrue(System.nanoTime() < deadline, "the first run never took the lock");
            Thread.sleep(20);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
