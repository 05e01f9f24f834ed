package dev.gated.studio.text;

import dev.gated.studio.web.ApiException;
import dev.gated.text.Tokenizer;
import dev.gated.text.classify.LabelledTexts;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The first read of a labelled-text file, before the user picks columns: every column described (distinct values,
 * words per value, numbers or not), the first rows as the file has them, and a guess of the header, the text column
 * and the label column. Parsed as {@link LabelledTexts} parses it ({@code .csv}: RFC 4180; {@code .tsv/.tab/.txt}:
 * TAB-separated, no quoting, lines end at {@code \n} only), so what the preview shows is what training reads.
 * <pre>
 *   header guessed absent  when some short-valued column's first value recurs below it (e.g. "0"/"1" labels)
 *   text column            the non-numeric column with the most words per value (at least 2 on average)
 *   label column           of the others, the one with the fewest distinct values (at least 2)
 * </pre>
 * Problems a user can fix are {@link ApiException}s (400) worded for the page: not UTF-8, binary, no rows, one
 * column, no text column.
 */
public final class TextProfile {

    static final int PREVIEW_ROWS = 10;

    /** One column of the file. */
    public record Column(int number, String name, int distinct, double meanWords, boolean numeric, int empty,
                         List<String> examples) {
    }

    private TextProfile() {
    }

    /**
     * Reads {@code bytes} of a file called {@code name}; {@code header} null guesses whether the first line names the
     * columns.
     */
    public static Map<String, Object> of(byte[] bytes, String name, Boolean header) {
        String content = utf8(bytes, name);
        CSVFormat format = format(name);
        List<List<String>> records = records(content, format, name);
        if (records.isEmpty()) {
            throw new ApiException(400, name + " has no rows: the file is empty or holds only blank lines");
        }
        if (records.size() == 1) {
            throw new ApiException(400, name + " has one line only (" + abbreviate(String.join(" | ", records.get(0)))
                    + "): a header with no rows below it, or a single example; a classifier needs many labelled texts");
        }
        int width = records.stream().mapToInt(List::size).max().orElse(0);
        if (width < 2) {
            throw new ApiException(400, name + " has one column only, but a labelled text file needs a column of "
                    + "texts and a column of labels" + (format.getDelimiterString().equals("\t")
                    ? " separated by a TAB" : " separated by a comma; if it is TAB-separated, name it .tsv"));
        }
        boolean hasHeader = header != null ? header : guessHeader(records, width);
        List<List<String>> data = hasHeader ? records.subList(1, records.size()) : records;
        if (data.isEmpty()) {
            throw new ApiException(400, name + " has a header line but no rows of data below it");
        }
        List<Column> columns = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            String given = hasHeader && c < records.get(0).size() ? records.get(0).get(c).trim() : "";
            columns.add(describe(c, given.isEmpty() ? "column " + (c + 1) : given, data));
        }
        Column text = guessText(columns);
        if (text == null) {
            throw new ApiException(400, name + " has no column of text: its columns are " + listing(columns)
                    + "; one column must hold the sentences to classify");
        }
        Column label = guessLabel(columns, text);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("format", format.getDelimiterString().equals("\t") ? "TAB-separated, no quoting" : "comma-separated (CSV)");
        m.put("header", hasHeader);
        m.put("rows", data.size());
        m.put("columns", columns);
        m.put("preview", data.subList(0, Math.min(PREVIEW_ROWS, data.size())));
        m.put("text", text.number());
        m.put("label", label == null ? null : label.number());
        return m;
    }

    /** What a column would be called in a {@code gated text train} command: its header name if unique, else its number. */
    public static String commandName(List<Column> columns, int number) {
        Column c = columns.get(number - 1);
        long same = columns.stream().filter(o -> o.name().equals(c.name())).count();
        boolean named = !c.name().equals("column " + number) && same == 1 && !c.name().chars().allMatch(Character::isDigit);
        return named ? c.name() : Integer.toString(number);
    }

    static String utf8(byte[] bytes, String name) {
        for (int i = 0; i < Math.min(bytes.length, 8192); i++) {
            if (bytes[i] == 0) {
                throw new ApiException(400, name + " looks like a binary file (it has a zero byte at offset " + i
                        + "), not text: upload a CSV or TAB-separated text file");
            }
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult r = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(in, out, true);
        if (r.isError()) {
            int at = in.position();
            int line = 1;
            for (int i = 0; i < at; i++) {
                line += bytes[i] == '\n' ? 1 : 0;
            }
            throw new ApiException(400, name + " is not UTF-8 text: line " + line + " has the byte 0x"
                    + String.format(Locale.ROOT, "%02X", bytes[at] & 0xFF) + ", which UTF-8 does not allow there "
                    + "(is it Latin-1 or Windows-1252?); save the file as UTF-8 and upload it again").with("line", line);
        }
        String s = out.flip().toString();
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    static CSVFormat format(String name) {
        try {
            return LabelledTexts.formatOf(Path.of(name));
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, name + " is neither .csv (comma-separated, quoted fields) nor .tsv, .tab or .txt "
                    + "(TAB-separated): rename the file to say which it is");
        }
    }

    private static List<List<String>> records(String content, CSVFormat format, String name) {
        List<List<String>> out = new ArrayList<>();
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(content)).setFormat(format).get()) {
            var it = parser.iterator();
            while (true) {
                CSVRecord r;
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    r = it.next();
                } catch (RuntimeException e) {
                    long line = parser.getCurrentLineNumber() + 1;
                    throw new ApiException(400, name + " line " + line + " cannot be read as " + (format.getQuoteCharacter()
                            == null ? "TAB-separated text" : "CSV") + ": " + (e.getCause() != null ? e.getCause().getMessage()
                            : e.getMessage())).with("line", line);
                }
                if (r.size() == 1 && r.get(0).isBlank()) {
                    continue;
                }
                out.add(r.toList());
            }
        } catch (IOException e) {
            throw new ApiException(400, name + " cannot be read: " + e.getMessage());
        }
        return out;
    }

    private static boolean guessHeader(List<List<String>> records, int width) {
        if (records.size() < 2) {
            return false;
        }
        List<String> first = records.get(0);
        for (int c = 0; c < Math.min(width, first.size()); c++) {
            Set<String> below = new LinkedHashSet<>();
            for (List<String> r : records.subList(1, records.size())) {
                if (c < r.size()) {
                    below.add(r.get(c).trim());
                }
                if (below.size() > 100) {
                    break;
                }
            }
            if (below.size() <= 100 && below.contains(first.get(c).trim())) {
                return false; // the first line holds a value the column repeats: it is data
            }
        }
        return true;
    }

    private static Column describe(int c, String name, List<List<String>> data) {
        Map<String, Integer> counts = new HashMap<>();
        long words = 0;
        int numbers = 0;
        int empty = 0;
        List<String> examples = new ArrayList<>();
        for (List<String> r : data) {
            String v = c < r.size() ? r.get(c).trim() : "";
            if (v.isEmpty()) {
                empty++;
                continue;
            }
            if (counts.merge(v, 1, Integer::sum) == 1 && examples.size() < 4) {
                examples.add(v.length() > 40 ? v.substring(0, 39) + "…" : v);
            }
            words += Tokenizer.tokenize(v).size();
            numbers += isNumber(v) ? 1 : 0;
        }
        int filled = data.size() - empty;
        return new Column(c + 1, name, counts.size(), filled == 0 ? 0 : words / (double) filled,
                filled > 0 && numbers == filled, empty, examples);
    }

    private static Column guessText(List<Column> columns) {
        Column best = null;
        for (Column c : columns) {
            if (!c.numeric() && c.meanWords() >= 2 && (best == null || c.meanWords() > best.meanWords())) {
                best = c;
            }
        }
        return best;
    }

    private static Column guessLabel(List<Column> columns, Column text) {
        Column best = null;
        for (Column c : columns) {
            if (c != text && c.distinct() >= 2 && (best == null || c.distinct() < best.distinct())) {
                best = c;
            }
        }
        return best;
    }

    private static String listing(List<Column> columns) {
        List<String> parts = new ArrayList<>();
        for (Column c : columns) {
            parts.add("\"" + c.name() + "\" (" + (c.numeric() ? "numbers" : c.distinct() + " different values, "
                    + String.format(Locale.ROOT, "%.1f", c.meanWords()) + " words each") + ")");
        }
        return String.join(", ", parts);
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 59) + "…";
    }

    static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
