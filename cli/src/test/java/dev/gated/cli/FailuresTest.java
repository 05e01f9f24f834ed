package dev.gated.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Errors that escape picocli's handlers (out of memory, stack overflow) still end as one line and exit 1. */
class FailuresTest {

    @Test
    void anErrorIsOneLineThatSaysWhatToChange() {
        assertOneLine(new OutOfMemoryError("Java heap space"), "out of memory (Java heap space)", "-Xmx");
        assertOneLine(new StackOverflowError(), "stack overflow", "--window");
    }

    @Test
    void anUnexpectedErrorAsksForTheStackTrace() {
        assertOneLine(new NoClassDefFoundError("picocli/CommandLine"), "NoClassDefFoundError", "--debug");
    }

    private static void assertOneLine(Throwable t, String... fragments) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = Failures.last(new PrintStream(bytes, true, StandardCharsets.UTF_8), t, false);
        String err = bytes.toString(StandardCharsets.UTF_8).strip();
        assertEquals(1, code);
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("gated: error: "), err);
        for (String f : fragments) {
            assertTrue(err.contains(f), "should mention \"" + f + "\": " + err);
        }
    }
}
