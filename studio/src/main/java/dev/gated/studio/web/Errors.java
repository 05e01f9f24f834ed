package dev.gated.studio.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gated.model.TrainingDivergedException;
import dev.gated.timeseries.csv.CsvFormatException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every exception into {@code {"error": "one line"}} with a fitting status: responses never carry a
 * stack trace. Unexpected errors are logged on the server with their trace and answered with 500.
 */
public final class Errors {

    private static final Logger LOG = LoggerFactory.getLogger(Errors.class);

    private Errors() {
    }

    public static void install(Javalin app) {
        app.exception(ApiException.class, (e, ctx) -> {
            Map<String, Object> body = body(e.getMessage());
            body.putAll(e.fields());
            ctx.status(e.status()).json(body);
        });
        app.exception(CsvFormatException.class, (e, ctx) -> ctx.status(400).json(csvError(e)));
        app.exception(JsonProcessingException.class, (e, ctx) -> ctx.status(400).json(body(jsonProblem(e))));
        app.exception(TrainingDivergedException.class, (e, ctx) -> ctx.status(422).json(body(e.getMessage())));
        app.exception(IllegalArgumentException.class, (e, ctx) -> ctx.status(400).json(body(inPageWords(e.getMessage()))));
        app.exception(HttpResponseException.class, (e, ctx) -> ctx.status(e.getStatus()).json(body(e.getMessage())));
        app.exception(Exception.class, (e, ctx) -> internal(e, ctx));
        app.error(404, ctx -> {
            if (ctx.path().startsWith("/api/") && ctx.result() == null) {
                ctx.json(body("no such endpoint: " + ctx.method() + " " + ctx.path()));
            }
        });
    }

    /**
     * A request the page built but the server refused: a setting out of range is reported as the setting's own
     * message ("epochs must be between 1 and 10000, got 20000"), not as Jackson's account of the record it could
     * not build; anything else names the field that did not fit.
     */
    static String jsonProblem(JsonProcessingException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException iae && iae.getMessage() != null) {
                return inPageWords(iae.getMessage());
            }
        }
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty()) {
            String field = m.getPath().get(m.getPath().size() - 1).getFieldName();
            if (field != null) {
                return "the setting \"" + field + "\" has a value the studio cannot use (a number was expected?)";
            }
        }
        return "the request is not the JSON the studio expects: " + oneLine(e.getOriginalMessage());
    }

    private static final String[][] FLAGS = {
        {"--window + --horizon", "window + horizon"}, {"--target", "target"}, {"--features", "inputs"},
        {"--ignore it", "ignore it"}, {"--split", "split"}, {"--window", "window"}, {"--horizon", "horizon"},
        {"--stride", "stride"}, {"--units", "units"}, {"--epochs", "epochs"}, {"--batch", "batch"},
        {"--lr", "learning rate"}, {"--dropout", "dropout"}, {"--time", "time column"},
        {"--missing", "missing values"}, {"--scaler", "scaler"}
    };

    /**
     * The shared pipeline words its messages for the command line; the page has no flags, so {@code --target}
     * becomes "target", {@code --features} "inputs", and so on.
     */
    public static String inPageWords(String message) {
        if (message == null) {
            return null;
        }
        String m = message;
        for (String[] f : FLAGS) {
            m = m.replace(f[0], f[1]);
        }
        return m;
    }

    /** The JSON of a CSV error: the message and where it is, so the page can point at the cell. */
    public static Map<String, Object> csvError(CsvFormatException e) {
        Map<String, Object> b = body(e.getMessage());
        b.put("line", e.line());
        b.put("column", e.columnName());
        b.put("columnIndex", e.columnIndex());
        return b;
    }

    private static void internal(Exception e, Context ctx) {
        LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
        ctx.status(500).json(body("internal error (" + e.getClass().getSimpleName() + "): " + oneLine(e.getMessage())
                + " — the server log has the details"));
    }

    public static Map<String, Object> body(String message) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("error", oneLine(message));
        return b;
    }

    /** The first line of a message, at most 500 characters; never null. */
    public static String oneLine(String message) {
        if (message == null || message.isBlank()) {
            return "no message";
        }
        String line = message.strip().lines().findFirst().orElse("");
        return line.length() > 500 ? line.substring(0, 500) + "…" : line;
    }
}
