package dev.gated.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the shared data sets ({@code shared/data} beside the repository) by walking up from the working
 * directory; the environment variable {@code GATED_SHARED_DATA} wins when set.
 */
final class SharedData {

    private SharedData() {
    }

    static Path airline() {
        return file("airline-passengers/airline-passengers.csv");
    }

    static Path file(String relative) {
        String env = System.getenv("GATED_SHARED_DATA");
        Path start = Path.of("").toAbsolutePath();
        if (env != null && !env.isBlank()) {
            return check(Path.of(env).resolve(relative), relative);
        }
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("data");
            if (Files.isDirectory(candidate)) {
                return check(candidate.resolve(relative), relative);
            }
        }
        throw new IllegalStateException("no shared/data folder at " + start + " or above (or set GATED_SHARED_DATA)");
    }

    private static Path check(Path file, String relative) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("shared data file " + relative + " not found at " + file);
        }
        return file;
    }
}
