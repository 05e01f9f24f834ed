package dev.gated.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small word tokenizer: lower-cases, splits on every character that is not a letter or a digit, and keeps
 * an apostrophe only between two letters or digits ({@code "Don't"} → {@code don't}, {@code "'quoted'"} →
 * {@code quoted}). The typographic apostrophe ’ (U+2019) counts as {@code '} and is written as {@code '}.
 * <pre>
 *   "It's GREAT!!  10/10"   →  [it's, great, 10, 10]
 *   "rock'n'roll -- 'ok'"   →  [rock'n'roll, ok]
 * </pre>
 */
public final class Tokenizer {

    private Tokenizer() {
    }

    public static List<String> tokenize(String text) {
        String s = text.toLowerCase(Locale.ROOT);
        List<String> tokens = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        int n = s.length();
        for (int i = 0; i < n; ) {
            int c = s.codePointAt(i);
            int next = i + Character.charCount(c);
            if (isWordChar(c)) {
                word.appendCodePoint(c);
            } else if (isApostrophe(c) && word.length() > 0 && next < n && isWordChar(s.codePointAt(next))) {
                word.append('\'');
            } else if (word.length() > 0) {
                tokens.add(word.toString());
                word.setLength(0);
            }
            i = next;
        }
        if (word.length() > 0) {
            tokens.add(word.toString());
        }
        return tokens;
    }

    private static boolean isWordChar(int c) {
        return Character.isLetterOrDigit(c);
    }

    private static boolean isApostrophe(int c) {
        return c == '\'' || c == '\u2019';
    }
}
