package dev.gated.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gated.cli.output.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the gated command in-process, as a user would from a pipe (not interactive), capturing both streams. */
final class Cli {

    /** What one run produced. */
    record Result(int code, String out, String err) {

        /** Asserts exit 0, showing stderr otherwise. */
        Result ok() {
            assertEquals(0, code, () -> "exit code; stderr: " + err + "\nstdout: " + out);
            return this;
        }

        /** Asserts the exit code and that stderr is exactly one line starting with "gated: error: ". */
        Result failsWith(int expected) {
            assertEquals(expected, code, () -> "exit code; stderr: " + err);
            String e = err.strip();
            assertTrue(e.startsWith("gated: error: "), () -> "stderr should start with 'gated: error: ' but is: " + err);
            assertEquals(1, e.lines().count(), () -> "stderr should be one line but is:\n" + err);
            return this;
        }

        /** Asserts stderr contains every fragment. */
        Result says(String... fragments) {
            for (String f : fragments) {
                assertTrue(err.contains(f), () -> "stderr should mention \"" + f + "\" but is: " + err);
            }
            return this;
        }

        JsonNode json() {
            try {
                return Json.mapper().readTree(out);
            } catch (Exception e) {
                throw new AssertionError("stdout is not one JSON document: " + e.getMessage() + "\n" + out, e);
            }
        }
    }

    static {
        // progress lines for slow steps would make a failure's stderr more than one line on a loaded machine;
        // SlowStepsTest turns them on where it checks them
        System.setProperty(SlowSteps.AFTER_PROPERTY, Long.toString(Long.MAX_VALUE / 2));
    }

    private Cli() {
    }

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = GatedCommand.execute(new Io(o, e, false), args);
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
