package dev.gated.studio.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The studio's private temporary folder for one server run: uploads and model files live under it, at paths
 * the server chooses ({@code uploads/d3/data.csv}, {@code models/j2.gated}). Nothing a client sends becomes part
 * of a path. Deleted when the server stops.
 */
public final class WorkFolder {

    private final Path root;

    public WorkFolder() {
        try {
            root = Files.createTempDirectory("gated-studio-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the studio's temporary folder: " + e.getMessage(), e);
        }
    }

    public Path root() {
        return root;
    }

    /** A folder {@code root/kind/id}, created; {@code id} must be server-made (letters and digits). */
    public Path folder(String kind, String id) {
        if (!id.matches("[a-z0-9]+") || !kind.matches("[a-z]+")) {
            throw new IllegalArgumentException("internal: unsafe folder name " + kind + "/" + id);
        }
        Path p = root.resolve(kind).resolve(id);
        try {
            Files.createDirectories(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + p + ": " + e.getMessage(), e);
        }
        return p;
    }

    /** Deletes the folder and everything in it; best effort. */
    public void delete() {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp folder is harmless
        }
    }
}
