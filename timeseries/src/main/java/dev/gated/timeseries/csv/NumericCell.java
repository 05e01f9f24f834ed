package dev.gated.timeseries.csv;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads one numeric cell.
 *
 * <p>Accepted numbers are plain decimals with an optional exponent, surrounding spaces ignored:
 * {@code [+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?}. This is stricter than
 * {@link Double#parseDouble}, which would also take {@code 12f}, {@code 0x1p3} or {@code Infinity}.
 * Missing placeholders are listed in {@link MissingValuePolicy}.
 */
final class NumericCell {

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern DECIMAL_COMMA = Pattern.compile("[+-]?\\d+,\\d+");
    private static final Set<String> MISSING = Set.of("", "na", "n/a", "nan", "null", "none", "-", "?");

    private NumericCell() {
    }

    static boolean isMissing(String text) {
        return MISSING.contains(text.trim().toLowerCase(Locale.ROOT));
    }

    static boolean isNumber(String text) {
        return NUMBER.matcher(text.trim()).matches();
    }

    /** The value of a cell that {@link #isNumber} accepts. */
    static double parse(String text) {
        return Double.parseDouble(text.trim());
    }

    /** A hint for a common mistake behind a non-numeric cell, or "" if none applies. */
    static String hint(String text) {
        String t = text.trim();
        if (t.matches("[+-]?\\d{1,3}(,\\d{3})+")) { // 1,234: a thousands separator, or a decimal comma
            return " (a thousands separator or a decimal comma? write " + t.replace(",", "") + " or "
                    + t.replace(',', '.') + ")";
        }
        if (DECIMAL_COMMA.matcher(t).matches()) {
            return " (a decimal comma? write decimals with a point, e.g. " + t.replace(',', '.') + ")";
        }
        if (t.matches("[+-]?\\d{1,3}(,\\d{3})+(\\.\\d+)?")) {
            return " (thousands separators are not supported: write " + t.replace(",", "") + ")";
        }
        return "";
    }
}
