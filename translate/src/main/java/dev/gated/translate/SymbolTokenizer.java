package dev.gated.translate;

/**
 * Text ↔ token indices for one side of a translation model. Indices 0–3 are reserved in every vocabulary:
 * <pre>
 * 0 padding (Embedding maskZero)   1 start of sentence (decoder's first input)
 * 2 end of sentence (decoder's last target)   3 unknown (a symbol not seen in training)
 * </pre>
 */
public interface SymbolTokenizer {

    int PAD = 0;
    int START = 1;
    int END = 2;
    int UNKNOWN = 3;
    int RESERVED = 4;

    /** Vocabulary size V, reserved indices included: embeddings are (V, E), output layers have V units. */
    int size();

    /** The indices of {@code text}, without start or end; unseen symbols become {@link #UNKNOWN}. */
    int[] encode(String text);

    /** The text of {@code ids}, stopping at the first {@link #END} and skipping the other reserved indices. */
    String decode(int[] ids);

    /** How many symbols of {@code text} are unknown to this vocabulary. */
    default int unknownCount(String text) {
        int n = 0;
        for (int id : encode(text)) {
            n += id == UNKNOWN ? 1 : 0;
        }
        return n;
    }

    /** "char" or "bpe": written into model files. */
    String kind();

    /** The vocabulary as one line of text, read back by {@link #parse}. */
    String serialise();

    /** Reads a tokenizer written by {@link #serialise()} of the given kind. */
    static SymbolTokenizer parse(String kind, String text) {
        return switch (kind) {
            case "char" -> CharTokenizer.parse(text);
            case "bpe" -> BytePairTokenizer.parse(text);
            default -> throw new IllegalArgumentException("tokenizer kind \"" + kind + "\": expected char or bpe");
        };
    }
}
