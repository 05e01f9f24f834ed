package dev.gated.text.lm;

import java.util.Locale;

/**
 * The tokens a language model reads and predicts, and how text maps onto them losslessly:
 * {@code decode(encode(text)) == text} for every text whose characters the vocabulary holds.
 * <pre>
 *   char: one token per character (the distinct characters of the file)      {@link CharacterTokens}
 *   bpe:  byte-pair-encoded subwords, spaces and line ends included           {@link SubwordVocabulary}
 * </pre>
 * Losses are per token; ÷ the characters the tokens spell ({@link #length}) gives loss per character, which
 * compares across vocabularies.
 */
public interface LmVocabulary {

    /** V, the tokens: the model's embedding rows and output units. */
    int size();

    /**
     * {@code text} as token indices; an IllegalArgumentException naming the first character outside the
     * vocabulary, its line and column in {@code source}, when there is one.
     */
    int[] encode(CharSequence text, String source);

    /** The text token {@code id} stands for. */
    String token(int id);

    /** The characters (UTF-16 code units, as String.length) token {@code id} spells. */
    default int length(int id) {
        return token(id).length();
    }

    /** {@link #length} of every token, by index. */
    default int[] lengths() {
        int[] out = new int[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = length(i);
        }
        return out;
    }

    /** The text of {@code ids}, concatenated. */
    default String decode(int[] ids) {
        StringBuilder out = new StringBuilder();
        for (int id : ids) {
            out.append(token(id));
        }
        return out.toString();
    }

    /** "char" or "bpe", as model files write it. */
    String kind();

    /** One line for the model file; {@link #parse} reads it back. */
    String serialise();

    /** "65 characters" or "65 characters + 256 merges = 321 tokens". */
    String describe();

    /** Reads {@link #serialise()}'s form for {@code kind}. */
    static LmVocabulary parse(String kind, String text) {
        return switch (kind.trim().toLowerCase(Locale.ROOT)) {
            case CharacterTokens.KIND -> CharacterTokens.parse(text);
            case SubwordVocabulary.KIND -> SubwordVocabulary.parse(text);
            default -> throw new IllegalArgumentException("vocabulary kind \"" + kind + "\": expected char or bpe");
        };
    }
}
