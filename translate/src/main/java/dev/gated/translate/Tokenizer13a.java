package dev.gated.translate;

import java.util.regex.Pattern;

/**
 * The "13a" tokenizer of mteval-v13a.pl, as sacreBLEU applies it before BLEU (its default, {@code tokenize='13a'}).
 *
 * <pre>
 * drop "&lt;skipped&gt;", join "-\n", newlines → spaces; if '&amp;' present: &amp;quot; → ", &amp;amp; → &amp;, &amp;lt; → &lt;, &amp;gt; → &gt;
 * pad with one space on each side, then in order:
 *   ([{-~[-` -&amp;(-+:-@/])  → " $1 "     punctuation and symbols become tokens
 *   ([^0-9])([.,])          → "$1 $2 "   period/comma not after a digit
 *   ([.,])([^0-9])          → " $1 $2"   period/comma not before a digit
 *   ([0-9])(-)              → "$1 $2 "   dash after a digit
 * collapse whitespace, strip
 * </pre>
 * Letters outside ASCII (é, à, Hangul) are untouched, as in sacreBLEU.
 */
public final class Tokenizer13a {

    private static final Pattern SYMBOLS = Pattern.compile("([\\{-\\~\\[-\\` -\\&\\(-\\+\\:-\\@\\/])");
    private static final Pattern PERIOD_AFTER = Pattern.compile("([^0-9])([\\.,])");
    private static final Pattern PERIOD_BEFORE = Pattern.compile("([\\.,])([^0-9])");
    private static final Pattern DASH = Pattern.compile("([0-9])(-)");

    private Tokenizer13a() {
    }

    public static String tokenize(String line) {
        String s = line.replace("<skipped>", "").replace("-\n", "").replace("\n", " ");
        if (s.indexOf('&') >= 0) {
            s = s.replace("&quot;", "\"").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">");
        }
        s = " " + s + " ";
        s = SYMBOLS.matcher(s).replaceAll(" $1 ");
        s = PERIOD_AFTER.matcher(s).replaceAll("$1 $2 ");
        s = PERIOD_BEFORE.matcher(s).replaceAll(" $1 $2");
        s = DASH.matcher(s).replaceAll("$1 $2 ");
        return String.join(" ", words(s));
    }

    /**
     * Python's {@code str.isspace()}, which sacreBLEU's {@code split()} uses: Java's whitespace plus the no-break
     * spaces U+00A0, U+2007, U+202F and NEL U+0085. French Tatoeba text puts U+202F before "?" and "!", so the
     * difference changes scores.
     */
    public static boolean isSpace(int codePoint) {
        return Character.isWhitespace(codePoint) || codePoint == 0xA0 || codePoint == 0x2007 || codePoint == 0x202F || codePoint == 0x85;
    }

    /** Python's {@code s.split()}: the runs of non-space characters. */
    public static String[] words(String s) {
        java.util.List<String> out = new java.util.ArrayList<>();
        StringBuilder word = new StringBuilder();
        s.codePoints().forEach(c -> {
            if (isSpace(c)) {
                if (word.length() > 0) {
                    out.add(word.toString());
                    word.setLength(0);
                }
            } else {
                word.appendCodePoint(c);
            }
        });
        if (word.length() > 0) {
            out.add(word.toString());
        }
        return out.toArray(new String[0]);
    }
}
