package dev.gated.translate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Subword tokens by byte-pair encoding (Sennrich, Haddow &amp; Birch 2016, "Neural Machine Translation of Rare
 * Words with Subword Units"), learned on the training part only.
 *
 * <pre>
 * words = text split on whitespace; a word is a list of symbols: its characters, the last one marked as
 *         word-final ("e·" ≠ "e"), so decoding knows where spaces go
 * learn:  repeat M times: count adjacent symbol pairs over all training words (weighted by word frequency),
 *         merge the most frequent pair (ties: the pair first in string order) into one new symbol everywhere
 * encode: per word, repeatedly merge the adjacent pair with the lowest merge rank until none is mergeable
 * vocabulary = every training character (plain and word-final) + the M merged symbols, after the reserved 4
 * </pre>
 * Characters never seen in training encode as {@link #UNKNOWN}.
 */
public final class BytePairTokenizer implements SymbolTokenizer {

    static final char FINAL = '\u2581';   // marks a word-final symbol (sentencepiece's "▁", used as a suffix here)

    private final List<String> symbols;                 // index − RESERVED → symbol
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, Integer> rank = new HashMap<>();   // "left right" → merge order
    private final List<String[]> merges;
    private final Map<String, int[]> cache = new HashMap<>();

    private BytePairTokenizer(List<String> symbols, List<String[]> merges) {
        this.symbols = List.copyOf(symbols);
        this.merges = List.copyOf(merges);
        for (int i = 0; i < symbols.size(); i++) {
            index.put(symbols.get(i), RESERVED + i);
        }
        for (int i = 0; i < merges.size(); i++) {
            rank.put(merges.get(i)[0] + " " + merges.get(i)[1], i);
        }
    }

    /** Learns {@code mergeCount} merges from {@code sentences} (the training part). */
    public static BytePairTokenizer learn(List<String> sentences, int mergeCount) {
        if (mergeCount < 0) {
            throw new IllegalArgumentException("BPE merges must be ≥ 0 but is " + mergeCount);
        }
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
        TreeSet<String> base = new TreeSet<>();
        wordCounts.forEach((w, c) -> {
            List<String> split = characters(w);
            base.addAll(split);
            words.add(split);
            counts.add(c);
        });
        List<String[]> merges = new ArrayList<>();
        for (int m = 0; m < mergeCount; m++) {
            Map<String, Integer> pairs = new HashMap<>();
            for (int i = 0; i < words.size(); i++) {
                List<String> w = words.get(i);
                for (int j = 0; j + 1 < w.size(); j++) {
                    pairs.merge(w.get(j) + " " + w.get(j + 1), counts.get(i), Integer::sum);
                }
            }
            String best = null;
            int bestCount = 1;   // a pair seen once is not worth a symbol
            for (Map.Entry<String, Integer> e : pairs.entrySet()) {
                if (e.getValue() > bestCount || (e.getValue() == bestCount && best != null && e.getKey().compareTo(best) < 0)) {
                    best = e.getKey();
                    bestCount = e.getValue();
                }
            }
            if (best == null) {
                break;
            }
            String[] pair = best.split(" ", 2);
            merges.add(pair);
            for (List<String> w : words) {
                mergeAll(w, pair[0], pair[1]);
            }
        }
        List<String> symbols = new ArrayList<>(base);
        for (String[] pair : merges) {
            symbols.add(pair[0] + pair[1]);
        }
        return new BytePairTokenizer(symbols, merges);
    }

    private static List<String> characters(String word) {
        List<String> out = new ArrayList<>();
        int[] cps = word.codePoints().toArray();
        for (int i = 0; i < cps.length; i++) {
            out.add(new String(Character.toChars(cps[i])) + (i == cps.length - 1 ? String.valueOf(FINAL) : ""));
        }
        return out;
    }

    private static void mergeAll(List<String> w, String left, String right) {
        for (int j = 0; j + 1 < w.size(); j++) {
            if (w.get(j).equals(left) && w.get(j + 1).equals(right)) {
                w.set(j, left + right);
                w.remove(j + 1);
            }
        }
    }

    public int mergeCount() {
        return merges.size();
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
        List<String> w = characters(word);
        while (w.size() > 1) {
            int bestRank = Integer.MAX_VALUE;
            int at = -1;
            for (int j = 0; j + 1 < w.size(); j++) {
                Integer r = rank.get(w.get(j) + " " + w.get(j + 1));
                if (r != null && r < bestRank) {
                    bestRank = r;
                    at = j;
                }
            }
            if (at < 0) {
                break;
            }
            String[] pair = merges.get(bestRank);
            mergeAll(w, pair[0], pair[1]);
        }
        return w.stream().mapToInt(s -> index.getOrDefault(s, UNKNOWN)).toArray();
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
        List<String> base = new ArrayList<>(symbols.subList(0, symbols.size() - merges.size()));
        List<String> parts = new ArrayList<>();
        for (String s : base) {
            parts.add(hex(s));
        }
        List<String> pairs = new ArrayList<>();
        for (String[] p : merges) {
            pairs.add(hex(p[0]) + ":" + hex(p[1]));
        }
        return String.join(" ", parts) + "|" + String.join(" ", pairs);
    }

    static BytePairTokenizer parse(String text) {
        String[] halves = text.split("\\|", -1);
        if (halves.length != 2) {
            throw new IllegalArgumentException("bpe vocabulary: expected \"symbols|merges\" but found " + halves.length + " part(s)");
        }
        List<String> symbols = new ArrayList<>();
        for (String h : halves[0].split(" ")) {
            if (!h.isEmpty()) {
                symbols.add(unhex(h));
            }
        }
        List<String[]> merges = new ArrayList<>();
        for (String h : halves[1].split(" ")) {
            if (!h.isEmpty()) {
                String[] lr = h.split(":");
                merges.add(new String[] {unhex(lr[0]), unhex(lr[1])});
                symbols.add(unhex(lr[0]) + unhex(lr[1]));
            }
        }
        return new BytePairTokenizer(symbols, merges);
    }

    private static String hex(String s) {
        List<String> cps = new ArrayList<>();
        s.codePoints().forEach(c -> cps.add(Integer.toString(c, 16)));
        return String.join(".", cps);
    }

    private static String unhex(String h) {
        StringBuilder out = new StringBuilder();
        for (String c : h.split("\\.")) {
            out.appendCodePoint(Integer.parseInt(c, 16));
        }
        return out.toString();
    }
}
