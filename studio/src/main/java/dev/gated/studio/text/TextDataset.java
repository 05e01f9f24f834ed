package dev.gated.studio.text;

import dev.gated.studio.web.ApiException;
import dev.gated.text.classify.LabelledTexts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * An uploaded labelled-text file kept in the work folder under a name with the user's extension
 * ({@code texts/t2/data.tsv}), so its format is the one the extension implies, for the studio and for an exported
 * {@code gated text train --data} alike.
 *
 * @param id   server-made id, e.g. {@code t2}
 * @param name the file name shown to the user (cleaned; never used as a path)
 * @param file where the bytes are (absolute)
 * @param size bytes
 */
public record TextDataset(String id, String name, Path file, long size) {

    /** The first read: columns, preview and guesses ({@link TextProfile}); {@code header} null guesses it. */
    public Map<String, Object> profile(Boolean header) {
        Map<String, Object> m = TextProfile.of(bytes(), name, header);
        m.put("id", id);
        m.put("bytes", size);
        return m;
    }

    /**
     * The rows of the chosen columns, read by the text module's reader (the one {@code gated text train} uses); its
     * errors name the file by the user's name and say what to change.
     */
    public List<LabelledTexts.Row> rows(LabelledTexts.Columns columns) {
        try {
            return LabelledTexts.read(file, columns);
        } catch (IOException | IllegalArgumentException e) {
            String m = String.valueOf(e.getMessage()).replace(file.toString(), name)
                    .replace("--text", "the text column").replace("--label", "the label column");
            throw new ApiException(400, m);
        }
    }

    byte[] bytes() {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the stored upload " + name + ": " + e.getMessage(), e);
        }
    }
}
