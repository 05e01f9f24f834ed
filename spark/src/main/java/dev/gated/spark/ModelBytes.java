package dev.gated.spark;

import dev.gated.model.Model;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A model file as bytes, the form in which models travel through Spark (broadcast variables, result columns).
 * The engine reads and writes files, so the bytes pass through a temporary file that is deleted at once.
 */
public final class ModelBytes {

    private ModelBytes() {
    }

    /** The bytes of {@code model}'s file (architecture, weights, optimizer state). */
    public static byte[] of(Model model) {
        try {
            Path file = Files.createTempFile("gated-", ".gated");
            try {
                model.save(file);
                return Files.readAllBytes(file);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The model in {@code bytes}; a file that is not a Gated model file fails with the engine's message
     * (which says what is wrong), naming {@code source} instead of the temporary file.
     */
    public static Model load(byte[] bytes, String source) throws IOException {
        Path file = Files.createTempFile("gated-", ".gated");
        try {
            Files.write(file, bytes);
            return Model.load(file);
        } catch (IOException e) {
            throw new IOException(String.valueOf(e.getMessage()).replace(file.toString(), source), e);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
