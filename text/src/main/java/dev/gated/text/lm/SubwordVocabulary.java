package dev.gated.text.lm;

import dev.gated.text.BytePairEncoding;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A lossless subword vocabulary for language models: byte-pair encoding ({@link BytePairEncoding}) over the raw
 * text, spaces and line ends included, so that {@code decode(encode(text)) == text} exactly.
 * <pre>
 * pieces:  the text cut, without losing a character, into (GPT-2's pre-tokenisation, line ends apart)
 *            " "? letters  |  " "? digits  |  " "? other non-space characters  |  white space up to a line end
 *            |  other white space
 *          a run of spaces before a word leaves its last space to the word: "  to be" → " ", " to", " be";
 *          "\n\n" is a piece of its own, so line ends can merge (a blank line becomes one token)
 * learn:   the pieces of the training part spelled in characters (code points), counted; M merges, never across
 *          a piece's border
 * tokens:  every character of the alphabet text (the whole file, so the validation part encodes) + the M merged
 *          symbols; a token's text is its symbol, spaces and line ends as they are
 * encode:  per piece, the merges in rank order (cached per distinct piece); decode: concatenate the tokens
 * </pre>
 */
public final class SubwordVocabulary implements LmVocabulary {

    static final String KIND = "bpe";
    private static final Pattern PIECE = Pattern.compile(" ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s*\\n|\\s+(?!\\S)|\\s+");

    private final BytePairEncoding encoding;
    private final List<String> tokens;
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, int[]> cache = new HashMap<>();

    private SubwordVocabulary(BytePairEncoding encoding) {
        this.encoding = encoding;
        this.tokens = encoding.symbols();
        for (int i = 0; i < tokens.size(); i++) {
            index.put(tokens.get(i), i);
        }
    }

    /**
     * Learns {@code mergeCount} merges on {@code train}, over the characters of {@code alphabet} (which must hold
     * those of {@code train}); an IllegalArgumentException when the text allows fewer merges (no pair of symbols
     * is seen twice after that many).
     */
    public static SubwordVocabulary learn(String train, String alphabet, int mergeCount) {
        if (mergeCount < 1) {
            throw new IllegalArgumentException("merges must be >= 1 but is " + mergeCount
                    + " (for a vocabulary of characters only, use the char vocabulary)");
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String p : pieces(train)) {
            counts.merge(p, 1, Integer::sum);
        }
        List<List<String>> spelled = new ArrayList<>(counts.size());
        counts.keySet().forEach(p -> spelled.add(characters(p)));
        BytePairEncoding learned = BytePairEncoding.learn(spelled, new ArrayList<>(counts.values()), mergeCount);
        if (learned.mergeCount() < mergeCount) {
            throw new IllegalArgumentException("the training text allows only " + learned.mergeCount() + " merges (after "
                    + "them no pair of adjacent symbols is seen twice) but " + mergeCount + " were asked for — use "
                    + learned.mergeCount() + " or fewer, or a longer text");
        }
        TreeSet<String> base = new TreeSet<>(learned.base());
        alphabet.codePoints().distinct().forEach(c -> base.add(new String(Character.toChars(c))));
        return new SubwordVocabulary(BytePairEncoding.of(new ArrayList<>(base), learned.merges()));
    }

    /** {@code text} cut into pieces as above; their concatenation is {@code text}. */
    static List<String> pieces(CharSequence text) {
        List<String> out = new ArrayList<>();
        Matcher m = PIECE.matcher(text);
        int at = 0;
        while (m.find()) {
            if (m.start() != at) {
                throw new IllegalStateException("pre-tokenisation skipped characters " + at + " to " + m.start());
            }
            out.add(m.group());
            at = m.end();
        }
        if (at != text.length()) {
            throw new IllegalStateException("pre-tokenisation stopped at character " + at + " of " + text.length());
        }
        return out;
    }

    private static List<String> characters(String text) {
        List<String> out = new ArrayList<>(text.length());
        text.codePoints().forEach(c -> out.add(new String(Character.toChars(c))));
        return out;
    }

    public int mergeCount() {
        return encoding.mergeCount();
    }

    /** The alphabet: the characters the vocabulary can spell. */
    public int characterCount() {
        return encoding.base().size();
    }

    @Override
    public int size() {
        return tokens.size();
    }

    @Override
    public int[] encode(CharSequence text, String source) {
        for (int i = 0; i < text.length(); i++) {
            int cp = Character.codePointAt(text, i);
            if (!index.containsKey(new String(Character.toChars(cp)))) {
                throw CharacterTokens.outside(text, i, source, characterCount() + " characters");
            }
            i += Character.charCount(cp) - 1;
        }
        List<int[]> parts = new ArrayList<>();
        int n = 0;
        for (String p : pieces(text)) {
            int[] ids = cache.computeIfAbsent(p, this::encodePiece);
            parts.add(ids);
            n += ids.length;
        }
        int[] out = new int[n];
        int at = 0;
        for (int[] ids : parts) {
            System.arraycopy(ids, 0, out, at, ids.length);
            at += ids.length;
        }
        return out;
    }

    private int[] encodePiece(String piece) {
        return encoding.apply(characters(piece)).stream().mapToInt(index::get).toArray();
    }

    @Override
    public String token(int id) {
        if (id < 0 || id >= tokens.size()) {
            throw new IllegalArgumentException("token " + id + " is outside [0, " + tokens.size() + ")");
        }
        return tokens.get(id);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String serialise() {
        return encoding.serialise();
    }

    @Override
    public String describe() {
        return characterCount() + " characters + " + mergeCount() + " merges = " + size() + " tokens";
    }

    static SubwordVocabulary parse(String text) {
        return new SubwordVocabulary(BytePairEncoding.parse(text));
    }
}
