package dev.gated.text.lm;

import dev.gated.text.CharVocabulary;

/**
 * One token per character: the {@link CharVocabulary} of the text (its distinct characters, sorted), written in
 * model files as those characters in index order.
 */
public final class CharacterTokens implements LmVocabulary {

    static final String KIND = "char";

    private final CharVocabulary vocabulary;

    public CharacterTokens(CharVocabulary vocabulary) {
        this.vocabulary = vocabulary;
    }

    public CharVocabulary characters() {
        return vocabulary;
    }

    @Override
    public int size() {
        return vocabulary.size();
    }

    @Override
    public int[] encode(CharSequence text, String source) {
        int[] out = new int[text.length()];
        for (int i = 0; i < out.length; i++) {
            char c = text.charAt(i);
            if (!vocabulary.contains(c)) {
                throw outside(text, i, source, vocabulary.size() + " characters");
            }
            out[i] = vocabulary.indexOf(c);
        }
        return out;
    }

    /** The error for character {@code i} of {@code text} missing from a vocabulary described as {@code what}. */
    static IllegalArgumentException outside(CharSequence text, int i, String source, String what) {
        return new IllegalArgumentException(source + ": " + TextFile.position(text, i) + ": character "
                + describe(text.charAt(i)) + " is not in the model's vocabulary of " + what
                + " (those of its training text)");
    }

    @Override
    public String token(int id) {
        return String.valueOf(vocabulary.charAt(id));
    }

    @Override
    public int length(int id) {
        return 1;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String serialise() {
        StringBuilder sb = new StringBuilder(vocabulary.size());
        for (int i = 0; i < vocabulary.size(); i++) {
            sb.append(vocabulary.charAt(i));
        }
        return sb.toString();
    }

    @Override
    public String describe() {
        return vocabulary.size() + " characters";
    }

    static CharacterTokens parse(String chars) {
        CharVocabulary vocabulary = CharVocabulary.of(chars);
        if (vocabulary.size() != chars.length()) {
            throw new IllegalArgumentException("the vocabulary lists a character twice");
        }
        return new CharacterTokens(vocabulary);
    }

    /** 'a' for printable ASCII, else U+XXXX with a name for the usual control characters. */
    static String describe(char c) {
        return switch (c) {
            case '\n' -> "U+000A (line feed)";
            case '\r' -> "U+000D (carriage return)";
            case '\t' -> "U+0009 (tab)";
            default -> c >= 32 && c < 127 ? "'" + c + "'" : String.format("'%c' (U+%04X)", c, (int) c);
        };
    }
}
