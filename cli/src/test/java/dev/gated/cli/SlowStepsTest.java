package dev.gated.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Progress for the slow steps of a command: on stderr after a second, silent with --quiet and --json. */
class SlowStepsTest {

    @TempDir
    Path dir;

    @Test
    void aStepIsAnnouncedOnlyWhenItRunsLongerThanASecond() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        String previous = System.getProperty(SlowSteps.AFTER_PROPERTY);
        System.clearProperty(SlowSteps.AFTER_PROPERTY); // the real threshold: one second
        try {
            SlowSteps steps = new SlowSteps(err, true);
            assertEquals(7, steps.run("adding quickly", () -> 7));
            steps.run("sleeping", () -> Thread.sleep(2_000));
            new SlowSteps(err, false).run("sleeping unseen", () -> Thread.sleep(1_200));
        } finally {
            restore(previous);
        }
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(2, lines.size(), lines::toString);
        assertTrue(lines.get(0).matches("gated: sleeping… [12] s"), lines.get(0));
        assertTrue(lines.get(1).matches("gated: sleeping: done in [2-9]\\.\\d s"), lines.get(1));
    }

    @Test
    void aFailingStepSaysItStoppedNotThatItIsDone() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        String previous = System.getProperty(SlowSteps.AFTER_PROPERTY);
        System.setProperty(SlowSteps.AFTER_PROPERTY, "0");
        try {
            org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> new SlowSteps(err, true)
                    .run("reading x.csv", () -> {
                        throw new java.io.IOException("x.csv: gone");
                    }));
        } finally {
            restore(previous);
        }
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(2, lines.size(), lines::toString);
        assertTrue(lines.get(1).startsWith("gated: reading x.csv: stopped after "), lines.get(1));
    }

    @Test
    void trainShowsEveryStepOnStderrUnlessQuietOrJson() throws Exception {
        Path data = Files.writeString(dir.resolve("s.csv"), CorpusFixtures.series(60,
                i -> CorpusFixtures.fmt(100 + 10 * Math.sin(i))));
        String[] args = {"train", "--data", data.toString(), "--target", "Sales", "--epochs", "1", "--units", "2",
                "--window", "4", "--out", dir.resolve("m.gated").toString()};
        Cli.run("--version"); // loads Cli, whose default is no progress, before this test's setting
        String previous = System.getProperty(SlowSteps.AFTER_PROPERTY);
        System.setProperty(SlowSteps.AFTER_PROPERTY, "0"); // every step counts as slow
        try {
            String err = Cli.run(args).ok().err();
            for (String step : List.of("typing the columns of " + data, "reading " + data,
                    "fitting the scaler and making the windows of 60 rows", "evaluating lstm on the validation and "
                            + "test windows", "computing the baselines (period detection on 60 rows)",
                    "saving " + dir.resolve("m.gated"))) {
                assertTrue(err.contains("gated: " + step + "… 0 s"), () -> step + " announced: " + err);
                assertTrue(err.contains("gated: " + step + ": done in "), () -> step + " timed: " + err);
            }
            assertTrue(err.indexOf("gated: reading") < err.indexOf("gated: evaluating")
                    && err.indexOf("gated: evaluating") < err.indexOf("gated: saving"), "in order: " + err);
            String[] quiet = java.util.Arrays.copyOf(args, args.length + 1);
            quiet[args.length] = "--quiet";
            assertEquals("", Cli.run(quiet).ok().err(), "--quiet");
            quiet[args.length] = "--json";
            assertEquals("", Cli.run(quiet).ok().err(), "--json");
        } finally {
            restore(previous);
        }
    }

    private static void restore(String previous) {
        if (previous == null) {
            System.clearProperty(SlowSteps.AFTER_PROPERTY);
        } else {
            System.setProperty(SlowSteps.AFTER_PROPERTY, previous);
        }
    }
}
