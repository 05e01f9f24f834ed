package dev.gated.studio;

import dev.gated.timeseries.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Small slices of the shared sentiment data (UCI Sentiment Labelled Sentences; {@code sentence<TAB>0|1}, no header)
 * for the Text tab's tests: the first 200 lines of the Amazon file hold 99 negative and 101 positive sentences.
 */
final class TextSlice {

    static final String AMAZON = "sentiment-labelled-sentences/amazon_cells_labelled.txt";
    static final String IMDB = "sentiment-labelled-sentences/imdb_labelled.txt";

    private TextSlice() {
    }

    /** The first {@code lines} lines of a shared sentiment file, as UTF-8 bytes (split on \n only). */
    static byte[] head(String relative, int lines) throws IOException {
        String all = Files.readString(SharedData.file(relative), StandardCharsets.UTF_8);
        List<String> kept = List.of(all.split("\n", -1)).subList(0, lines);
        return (String.join("\n", kept) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The slice written to {@code dir/name}, for a browser's file chooser. */
    static Path write(Path dir, String name, String relative, int lines) throws IOException {
        return Files.write(dir.resolve(name), head(relative, lines));
    }
}
