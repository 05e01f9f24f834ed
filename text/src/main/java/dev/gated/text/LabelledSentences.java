package dev.gated.text;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code sentence<TAB>label} files (the UCI "Sentiment Labelled Sentences" format): UTF-8, one example
 * per {@code \n}-terminated line, split on the last TAB, the sentence trimmed, the label 0 or 1. Lines are
 * split on {@code \n} only — the IMDB file holds U+0085 (NEL) inside sentences, which
 * {@code Scanner.nextLine} would treat as a line break — and quotes get no special treatment.
 */
public final class LabelledSentences {

    /** One example: the sentence and its label (0 negative, 1 positive). */
    public record Example(String sentence, int label) {
    }

    private LabelledSentences() {
    }

    public static List<Example> read(Path file) throws IOException {
        String content = Files.readString(file, StandardCharsets.UTF_8);
        List<Example> out = new ArrayList<>();
        int lineNo = 0;
        for (String line : content.split("\n", -1)) {
            lineNo++;
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (line.isBlank()) {
                continue;
            }
            int tab = line.lastIndexOf('\t');
            if (tab < 0) {
                throw new IOException(file + ":" + lineNo + ": expected 'sentence<TAB>label' but found no TAB in: "
                        + abbreviate(line));
            }
            String label = line.substring(tab + 1).trim();
            if (!label.equals("0") && !label.equals("1")) {
                throw new IOException(file + ":" + lineNo + ":" + (tab + 2) + ": expected the label 0 or 1 after the "
                        + "last TAB but found '" + abbreviate(label) + "'");
            }
            out.add(new Example(line.substring(0, tab).trim(), label.charAt(0) - '0'));
        }
        return out;
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
