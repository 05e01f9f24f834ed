package dev.gated.audio;

import java.nio.file.Files;
import java.nio.file.Path;

/** FSDD's recordings folder in shared/data, found upwards from the working directory or via $GATED_SHARED_DATA. */
final class Fsdd {

    private Fsdd() {
    }

    static Path recordings() {
        String env = System.getenv("GATED_SHARED_DATA");
        if (env != null && !env.isBlank()) {
            return Path.of(env).resolve("fsdd/recordings");
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/data/fsdd/recordings");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no shared/data/fsdd/recordings above " + Path.of("").toAbsolutePath()
                + " (or set GATED_SHARED_DATA)");
    }
}
