package dev.gated.timeseries;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the shared data sets (the {@code shared/data} folder beside the repository) for tests.
 *
 * <p>Walks up from the working directory (the module folder when Maven runs the tests) and at each level
 * looks for {@code shared/data}; e.g. from /work/main/timeseries it finds /work/shared/data. The environment
 * variable {@code GATED_SHARED_DATA}, if set, wins.
 */
public final class SharedData {

    private SharedData() {
    }

    /** The file {@code relative} under shared/data, e.g. "airline-passengers/airline-passengers.csv". */
    public static Path file(String relative) {
        Path file = dataDir().resolve(relative);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("shared data file " + relative + " not found: " + file
                    + " does not exist; see that folder's PROVENANCE.md files for what should be there");
        }
        return file;
    }

    /** The shared/data folder found from the working directory. */
    public static Path dataDir() {
        String env = System.getenv("GATED_SHARED_DATA");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return findFrom(Path.of("").toAbsolutePath());
    }

    /** The first {@code shared/data} folder found at {@code start} or one of its ancestors. */
    static Path findFrom(Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("data");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no shared/data folder found at " + start + " or any folder above it; "
                + "the data sets live in shared/data beside the repository (or set GATED_SHARED_DATA)");
    }
}
