package dev.gated.translate;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.InputStreamReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a tab-separated sentence-pair file (the manythings.org / Tatoeba "Anki" layout) and groups the
 * translations of each source sentence.
 *
 * <pre>
 * line:   source TAB target [TAB attribution …]     UTF-8, columns chosen by index (0-based)
 * result: one {@link Example} per distinct source, references in file order, sources in first-seen order
 * </pre>
 * Pitfalls handled (see shared/data/tatoeba-*&#47;PROVENANCE.md): several targets for one source sit on
 * consecutive lines (grouped here, by exact source text, wherever they are); eng-kor has a third column
 * (attribution, ignored); a UTF-8 byte-order mark on the first line is dropped; blank lines are skipped;
 * surrounding whitespace is trimmed; the same (source, target) pair twice counts once. A line with too few
 * columns, an empty cell or bytes that are not UTF-8 is an error naming the file and line.
 */
public final class ParallelCorpus {

    private ParallelCorpus() {
    }

    /** Reads columns 0 (source) and 1 (target). */
    public static List<Example> read(Path file) throws IOException {
        return read(file, 0, 1);
    }

    public static List<Example> read(Path file, int sourceColumn, int targetColumn) throws IOException {
        if (sourceColumn < 0 || targetColumn < 0 || sourceColumn == targetColumn) {
            throw new IllegalArgumentException("columns: source " + sourceColumn + " and target " + targetColumn
                    + " must be different and ≥ 0 (0 is the first column)");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + (Files.exists(file)
                    ? ": not a regular file (a folder or a device) — give a tab-separated file of sentence pairs"
                    : ": no such file — give a tab-separated file of sentence pairs"));
        }
        Map<String, List<String>> grouped = new LinkedHashMap<>();
        int needed = Math.max(sourceColumn, targetColumn) + 1;
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder))) {
            String line;
            int number = 0;
            while (true) {
                try {
                    line = in.readLine();
                } catch (CharacterCodingException e) {
                    throw new IllegalArgumentException(file + ":" + (number + 1) + ": not UTF-8 text — convert the file to UTF-8");
                }
                if (line == null) {
                    break;
                }
                number++;
                if (number == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split("\t", -1);
                if (cells.length < needed) {
                    throw new IllegalArgumentException(file + ":" + number + ": expected at least " + needed
                            + " tab-separated columns (source in column " + sourceColumn + ", target in column "
                            + targetColumn + ") but found " + cells.length + ": \"" + abbreviate(line) + "\""
                            + (cells.length == 1 ? " — is the file tab-separated?" : ""));
                }
                String source = cells[sourceColumn].strip();
                String target = cells[targetColumn].strip();
                if (source.isEmpty() || target.isEmpty()) {
                    throw new IllegalArgumentException(file + ":" + number + ": column "
                            + (source.isEmpty() ? sourceColumn : targetColumn) + " is empty — every line needs a sentence on both sides");
                }
                List<String> references = grouped.computeIfAbsent(source, k -> new ArrayList<>());
                if (!references.contains(target)) {
                    references.add(target);
                }
            }
        }
        if (grouped.isEmpty()) {
            throw new IllegalArgumentException(file + ": no sentence pairs (the file is empty or blank)");
        }
        List<Example> out = new ArrayList<>(grouped.size());
        grouped.forEach((source, refs) -> out.add(new Example(source, refs)));
        return out;
    }

    private static String abbreviate(String line) {
        return line.length() <= 60 ? line : line.substring(0, 57) + "…";
    }
}
