package dev.gated.cli;

import java.io.IOException;
import java.nio.file.Path;

/** Starts {@code gated} in a child JVM (for kill -9 and two-process tests), both streams into one file. */
final class ChildGated {

    private ChildGated() {
    }

    static Process start(Path output, String... args) throws IOException {
        return new ProcessBuilder(ChildJvm.command(null, args)).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    }
}
