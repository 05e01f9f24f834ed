package dev.gated.translate;

import dev.gated.text.BytePairEncoding;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Subword tokens by byte-pair encoding, learned on the training part only: the translation side of
 * {@link BytePairEncoding} (text module), which learns and applies the merges.
 *
 * <pre>
 * words = text split on whitespace; a word is a list of symbols: its characters, the last one marked as
 *         word-final ("e·" ≠ "e"), so decoding knows where spaces go
 * learn:  BytePairEncoding over the distinct training words, weighted by word frequency
 * encode: per word, BytePairEncoding.apply
 * vocabulary = every training character (plain and word-final) + the M merged symbols, after the reserved 4
 * </pre>
 * Characters never seen in training encode as {@link #UNKNOWN}.
 */
public final class BytePairTokenizer implements SymbolTokenizer {

    static final char FINAL = '\u2581';   // marks a word-final symbol (sentencepiece's "▁", used as a suffix here)

    private final BytePairEncoding encoding;
    private final List<String> symbols;                 // index − RESERVED → symbol
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, int[]> cache = new HashMap<>();

    private BytePairTokenizer(BytePairEncoding encoding) {
        this.encoding = encoding;
        this.symbols = encoding.symbols();
        for (int i = 0; i < symbols.size(); i++) {
            index.put(symbols.get(i), RESERVED + i);
        }
    }

    /** Learns {@code mergeCount} merges from {@code sentences} (the training part). */
    public static BytePairTokenizer learn(List<String> sentences, int mergeCount) {
        Map<String, Integer> wordCounts = new LinkedHashMap<>();
        for (String s : sentences) {
            for (String w : s.strip().split("\\s+")) {
                if (!w.isEmpty()) {
                    wordCounts.merge(w, 1, Integer::sum);
                }
            }
        }
        List<List<String>> words = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        wordCounts.forEach((w, c) -> {
            words.add(characters(w));
            counts.add(c);
        });
        return new BytePairTokenizer(BytePairEncoding.learn(words, counts, mergeCount));
    }

    private static List<String> characters(String word) {
        List<String> out = new ArrayList<>();
        int[] cps = word.codePoints().toArray();
        for (int i = 0; i < cps.length; i++) {
            out.add(new String(Character.toChars(cps[i])) + (i == cps.length - 1 ? String.valueOf(FINAL) : ""));
        }
        return out;
    }

    public int mergeCount() {
        return encoding.mergeCount();
    }

    @Override
    public int size() {
        return RESERVED + symbols.size();
    }

    @Override
    public int[] encode(String text) {
        List<Integer> out = new ArrayList<>();
        for (String w : text.strip().split("\\s+")) {
            if (!w.isEmpty()) {
                for (int id : cache.computeIfAbsent(w, this::encodeWord)) {
                    out.add(id);
                }
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private int[] encodeWord(String word) {
        return encoding.apply(characters(word)).stream().mapToInt(s -> index.getOrDefault(s, UNKNOWN)).toArray();
    }

    @Override
    public String decode(int[] ids) {
        StringBuilder out = new StringBuilder();
        for (int id : ids) {
            if (id == END) {
                break;
            }
            if (id >= RESERVED && id < size()) {
                out.append(symbols.get(id - RESERVED));
            }
        }
        return out.toString().replace(FINAL, ' ').strip();
    }

    @Override
    public String kind() {
        return "bpe";
    }

    /** Base symbols, then merges: each symbol as hex code points joined by '.', fields by ' ', the two lists by '|'. */
    @Override
    public String serialise() {
        return encoding.serialise();
    }

    static BytePairTokenizer parse(String text) {
        return new BytePairTokenizer(BytePairEncoding.parse(text));
    }
}
