package dev.gated.studio.web;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error the client caused or can act on: an HTTP status and a one-line message, plus optional fields
 * (line, column …) that the page can use to point at the problem. Rendered as {@code {"error": "…", …}}.
 */
public final class ApiException extends RuntimeException {

    private final int status;
    private final Map<String, Object> fields = new LinkedHashMap<>();

    public ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public static ApiException notFound(String what, String id) {
        return new ApiException(404, "no " + what + " \"" + id + "\"; it may belong to a studio that was restarted");
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    public ApiException with(String key, Object value) {
        fields.put(key, value);
        return this;
    }

    public int status() {
        return status;
    }

    public Map<String, Object> fields() {
        return fields;
    }
}
