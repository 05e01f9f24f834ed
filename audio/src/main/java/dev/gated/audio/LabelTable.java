package dev.gated.audio;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The class of each recording of a folder, from a CSV file: any set of class names, not only FSDD's digits.
 *
 * <pre>
 * file,label[,split]          optional header line starting with "file"; RFC 4180 quoting (Commons CSV)
 * 3_theo_12.wav,theo          file: relative to the data folder;  label: a non-empty class name
 * 3_theo_2.wav,theo,test      split: train | test; without the column, the first of every {@value #TEST_EVERY}
 *                             rows of each class (in file order) is test, the rest training
 * classes    the distinct labels, sorted by name: class k is the k-th name
 * </pre>
 * A {@code .wav} in the folder that the table does not list is left out of training and testing and reported
 * in {@link #unlisted()}. Every error names the table, the line and the column, with what was expected.
 */
public final class LabelTable {

    /** Without a split column, one row in this many of each class is test. */
    public static final int TEST_EVERY = 5;

    /** One row: a recording, its class index, whether it is test, and the line it came from. */
    public record Row(Path file, int label, boolean test, long line) {
    }

    private final List<String> classes;
    private final List<Row> rows;
    private final List<Path> unlisted;

    private LabelTable(List<String> classes, List<Row> rows, List<Path> unlisted) {
        this.classes = classes;
        this.rows = rows;
        this.unlisted = unlisted;
    }

    /** Class names, class k at index k. */
    public List<String> classes() {
        return classes;
    }

    /** Rows in table order. */
    public List<Row> rows() {
        return rows;
    }

    /** The {@code .wav} files of the folder that the table does not name (left out), sorted. */
    public List<Path> unlisted() {
        return unlisted;
    }

    /** The recordings of one part (test or training) as a labelled list, for {@link FeatureSet#compute}. */
    public List<SpokenDigits.Recording> part(boolean test) {
        return rows.stream().filter(r -> r.test() == test).map(r -> SpokenDigits.Recording.labelled(r.file(), r.label())).toList();
    }

    /** Reads {@code csv}, whose file names are relative to {@code dir}; at least two classes and every file present. */
    public static LabelTable read(Path dir, Path csv) throws IOException {
        if (!Files.isRegularFile(csv)) {
            throw new IOException(csv + ": no such file — expected a CSV of file,label[,split] rows");
        }
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + ": not a folder — --data names the folder the CSV's file names are relative to");
        }
        String content = Files.readString(csv, StandardCharsets.UTF_8);
        List<Parsed> parsed = parse(csv, content, dir);
        if (parsed.isEmpty()) {
            throw new IOException(csv + ": no rows — expected lines of file,label[,split]");
        }
        Set<String> names = new TreeSet<>();
        parsed.forEach(p -> names.add(p.label()));
        if (names.size() < 2) {
            throw new IOException(csv + ": every row has the label '" + names.iterator().next() + "' — a classifier needs at "
                    + "least two classes");
        }
        List<String> classes = List.copyOf(names);
        Map<String, Integer> seenPerClass = new HashMap<>();
        List<Row> rows = new ArrayList<>(parsed.size());
        for (Parsed p : parsed) {
            int k = classes.indexOf(p.label());
            boolean test = p.split() != null ? p.split() : seenPerClass.merge(p.label(), 1, Integer::sum) % TEST_EVERY == 1;
            rows.add(new Row(p.file(), k, test, p.line()));
        }
        return new LabelTable(classes, List.copyOf(rows), unlisted(dir, rows));
    }

    private record Parsed(Path file, String label, Boolean split, long line) {
    }

    private static List<Parsed> parse(Path csv, String content, Path dir) throws IOException {
        LineIndex lines = new LineIndex(content);
        Map<Path, Long> firstLine = new HashMap<>();
        List<Parsed> out = new ArrayList<>();
        try (Reader reader = new StringReader(content);
             CSVParser parser = CSVParser.builder().setReader(reader)
                     .setFormat(CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get()).get()) {
            Iterator<CSVRecord> records = parser.iterator();
            boolean first = true;
            while (true) {
                CSVRecord r;
                try {
                    if (!records.hasNext()) {
                        break;
                    }
                    r = records.next();
                } catch (RuntimeException e) { // Commons CSV wraps parse errors (e.g. an unclosed quote)
                    throw new IOException(csv + ":" + (parser.getCurrentLineNumber() + 1) + ": cannot parse the row: "
                            + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
                }
                long line = lines.lineOf(r.getCharacterPosition());
                if (first && r.get(0).trim().equalsIgnoreCase("file")) {
                    first = false;
                    continue;
                }
                first = false;
                out.add(row(csv, dir, r, line, firstLine));
            }
        }
        return out;
    }

    private static Parsed row(Path csv, Path dir, CSVRecord r, long line, Map<Path, Long> firstLine) throws IOException {
        String at = csv + ":" + line;
        if (r.size() < 2 || r.size() > 3) {
            throw new IOException(at + ": expected 2 or 3 columns (file,label[,split]) but found " + r.size() + ": "
                    + String.join(",", r.toList()));
        }
        String name = r.get(0).trim();
        if (name.isEmpty()) {
            throw new IOException(at + ":1: empty file name — expected a .wav file in " + dir);
        }
        Path file = dir.resolve(name).normalize();
        if (!Files.isRegularFile(file)) {
            throw new IOException(at + ":1: " + name + " is not in " + dir + " — expected a .wav file there (names are relative "
                    + "to --data)");
        }
        Long earlier = firstLine.putIfAbsent(file, line);
        if (earlier != null) {
            throw new IOException(at + ":1: " + name + " is listed twice (first on line " + earlier + ") — one label per file");
        }
        String label = r.get(1).trim();
        if (label.isEmpty()) {
            throw new IOException(at + ":2: empty label for " + name + " — expected a class name");
        }
        Boolean test = null;
        if (r.size() == 3) {
            String split = r.get(2).trim().toLowerCase(java.util.Locale.ROOT);
            if (!split.equals("train") && !split.equals("test")) {
                throw new IOException(at + ":3: expected train or test but found '" + r.get(2).trim() + "'");
            }
            test = split.equals("test");
        }
        return new Parsed(file, label, test, line);
    }

    private static List<Path> unlisted(Path dir, List<Row> rows) throws IOException {
        Set<Path> listed = new java.util.HashSet<>();
        rows.forEach(r -> listed.add(r.file()));
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".wav"))
                    .map(Path::normalize).filter(p -> !listed.contains(p)).sorted().toList();
        }
    }

    /** 1-based line numbers of character positions. */
    private static final class LineIndex {
        private final List<Integer> starts = new ArrayList<>();

        LineIndex(String content) {
            starts.add(0);
            for (int i = 0; i < content.length(); i++) {
                if (content.charAt(i) == '\n') {
                    starts.add(i + 1);
                }
            }
        }

        long lineOf(long position) {
            int i = java.util.Collections.binarySearch(starts, (int) position);
            return (i >= 0 ? i : -i - 2) + 1;
        }
    }
}
