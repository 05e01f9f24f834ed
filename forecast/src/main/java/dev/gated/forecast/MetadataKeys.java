package dev.gated.forecast;

import java.util.LinkedHashMap;
import java.util.Map;

/** Reading typed values out of a model file's metadata, with messages that name the missing or bad key. */
final class MetadataKeys {

    private MetadataKeys() {
    }

    static String text(Map<String, String> m, String key) {
        String v = m.get(key);
        if (v == null) {
            throw new IllegalArgumentException("the model's forecasting settings have no \"" + key + "\" entry");
        }
        return v;
    }

    static int integer(Map<String, String> m, String key) {
        String v = text(m, key);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the model's setting \"" + key + "\" should be an integer but is \""
                    + v + "\"");
        }
    }

    static double number(Map<String, String> m, String key) {
        String v = text(m, key);
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the model's setting \"" + key + "\" should be a number but is \""
                    + v + "\"");
        }
    }

    /** The entries whose key starts with {@code prefix}, with the prefix removed. */
    static Map<String, String> withPrefix(Map<String, String> m, String prefix) {
        Map<String, String> out = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }

    /** Copies {@code from} into {@code into} with every key prefixed. */
    static void putAll(Map<String, String> into, String prefix, Map<String, String> from) {
        from.forEach((k, v) -> into.put(prefix + k, v));
    }
}
