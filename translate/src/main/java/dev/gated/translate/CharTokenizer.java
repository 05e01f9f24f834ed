package dev.gated.translate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Character-level tokens (Unicode code points), as in Keras's {@code lstm_seq2seq}: every distinct code point of
 * the training sentences gets an index after the four reserved ones, in code-point order (so the vocabulary does
 * not depend on sentence order). Korean Hangul syllables are single code points, so they are single tokens.
 */
public final class CharTokenizer implements SymbolTokenizer {

    private final int[] symbols;                     // index − RESERVED → code point
    private final Map<Integer, Integer> index = new HashMap<>();

    private CharTokenizer(int[] symbols) {
        this.symbols = symbols;
        for (int i = 0; i < symbols.length; i++) {
            index.put(symbols[i], RESERVED + i);
        }
    }

    /** The characters of {@code sentences} (the training part only). */
    public static CharTokenizer learn(List<String> sentences) {
        TreeSet<Integer> seen = new TreeSet<>();
        for (String s : sentences) {
            s.codePoints().forEach(seen::add);
        }
        return new CharTokenizer(seen.stream().mapToInt(Integer::intValue).toArray());
    }

    @Override
    public int size() {
        return RESERVED + symbols.length;
    }

    @Override
    public int[] encode(String text) {
        return text.codePoints().map(c -> index.getOrDefault(c, UNKNOWN)).toArray();
    }

    @Override
    public String decode(int[] ids) {
        StringBuilder out = new StringBuilder();
        for (int id : ids) {
            if (id == END) {
                break;
            }
            if (id >= RESERVED && id < size()) {
                out.appendCodePoint(symbols[id - RESERVED]);
            }
        }
        return out.toString();
    }

    @Override
    public String kind() {
        return "char";
    }

    @Override
    public String serialise() {
        List<String> parts = new ArrayList<>();
        for (int c : symbols) {
            parts.add(Integer.toString(c, 16));
        }
        return String.join(",", parts);
    }

    static CharTokenizer parse(String text) {
        if (text.isEmpty()) {
            return new CharTokenizer(new int[0]);
        }
        String[] parts = text.split(",");
        int[] symbols = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            symbols[i] = Integer.parseInt(parts[i], 16);
        }
        return new CharTokenizer(symbols);
    }
}
