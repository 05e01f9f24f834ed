package dev.gated.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import java.io.UncheckedIOException;

/**
 * The one JSON document a command prints with {@code --json}: records are written with snake_case names
 * ({@code trainSeconds} → {@code train_seconds}), maps with their own keys, in insertion order, indented.
 */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    /** Writes {@code document} and a newline. */
    public static void print(PrintStream out, Object document) {
        try {
            out.println(MAPPER.writeValueAsString(document));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write the JSON output: " + e.getOriginalMessage(), e);
        }
    }

    /** The mapper, for tests that read the output back. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
