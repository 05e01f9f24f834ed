package dev.gated.layer;

import dev.gated.layer.recurrent.Bidirectional;
import dev.gated.layer.recurrent.Cell;
import dev.gated.layer.recurrent.Recurrent;
import java.util.Locale;
import java.util.Map;

/** Creates a layer again from its {@link Layer#type()} and {@link Layer#config()}: how model files rebuild architectures. */
public final class LayerFactory {

    private LayerFactory() {
    }

    public static Layer create(String type, Map<String, String> config) {
        return switch (type) {
            case "dense" -> new Dense(integer(config, "units"), Activation.parse(text(config, "activation")));
            case "dropout" -> new Dropout(Double.parseDouble(text(config, "rate")));
            case "embedding" -> new Embedding(integer(config, "vocabulary_size"), integer(config, "dimension"),
                    Boolean.parseBoolean(text(config, "mask_zero")));
            case "lstm", "gru", "simple_rnn" -> recurrent(type, config);
            case "concatenate" -> new Concatenate();
            case "add" -> new Add();
            case "bidirectional" -> new Bidirectional(recurrent(text(config, "cell"), config),
                    Bidirectional.Merge.valueOf(text(config, "merge").toUpperCase(Locale.ROOT)));
            default -> throw new IllegalArgumentException("unknown layer type \"" + type
                    + "\": expected dense, dropout, embedding, lstm, gru, simple_rnn, bidirectional, concatenate or add");
        };
    }

    private static Recurrent recurrent(String type, Map<String, String> config) {
        int units = integer(config, "units");
        Recurrent layer = switch (type) {
            case "lstm" -> Recurrent.lstm(units);
            case "gru" -> Boolean.parseBoolean(config.getOrDefault("reset_after", "true"))
                    ? Recurrent.gru(units) : Recurrent.gruResetBefore(units);
            case "simple_rnn" -> Recurrent.simpleRnn(units);
            default -> throw new IllegalArgumentException("unknown recurrent cell \"" + type + "\": expected lstm, gru or simple_rnn");
        };
        return layer.returnSequences(Boolean.parseBoolean(config.getOrDefault("return_sequences", "false")))
                .returnState(Boolean.parseBoolean(config.getOrDefault("return_state", "false")))
                .goBackwards(Boolean.parseBoolean(config.getOrDefault("go_backwards", "false")))
                .init(Cell.Init.valueOf(config.getOrDefault("init", "keras").toUpperCase(Locale.ROOT)))
                .dropout(Double.parseDouble(config.getOrDefault("dropout", "0")))
                .recurrentDropout(Double.parseDouble(config.getOrDefault("recurrent_dropout", "0")));
    }

    private static String text(Map<String, String> config, String key) {
        String v = config.get(key);
        if (v == null) {
            throw new IllegalArgumentException("layer configuration lacks \"" + key + "\"");
        }
        return v;
    }

    private static int integer(Map<String, String> config, String key) {
        return Integer.parseInt(text(config, key));
    }
}
