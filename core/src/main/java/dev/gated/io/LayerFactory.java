package dev.gated.io;

import dev.gated.layer.Activation;
import dev.gated.layer.Add;
import dev.gated.layer.Attention;
import dev.gated.layer.Concatenate;
import dev.gated.layer.Dense;
import dev.gated.layer.Dropout;
import dev.gated.layer.Embedding;
import dev.gated.layer.Layer;
import dev.gated.layer.LayerNormalization;
import dev.gated.layer.MultiHeadAttention;
import dev.gated.layer.PositionalEncoding;
import dev.gated.layer.RepeatVector;
import dev.gated.layer.TimeDistributed;
import dev.gated.layer.recurrent.Bidirectional;
import dev.gated.layer.recurrent.Cell;
import dev.gated.layer.recurrent.CellActivation;
import dev.gated.layer.recurrent.Recurrent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Creates a layer again from its {@link Layer#type()} and {@link Layer#config()}: how model files rebuild
 * architectures. Layers and recurrent cells written outside Gated are saved like the built-in ones and
 * loaded once registered: {@code LayerFactory.register("my_layer", config -> new MyLayer(...))},
 * {@code LayerFactory.registerCell("my_cell", units -> new MyCell(units))}.
 */
public final class LayerFactory {

    private static final Map<String, Function<Map<String, String>, Layer>> LAYERS = new ConcurrentHashMap<>();
    private static final Map<String, IntFunction<Cell>> CELLS = new ConcurrentHashMap<>();

    private LayerFactory() {
    }

    /** Lets model files holding layers of {@code type} be loaded: {@code create} gets the saved config. */
    public static void register(String type, Function<Map<String, String>, Layer> create) {
        LAYERS.put(type, create);
    }

    /** Lets model files holding recurrent layers with cells of {@code type} be loaded: {@code create} gets the units. */
    public static void registerCell(String type, IntFunction<Cell> create) {
        CELLS.put(type, create);
    }

    public static Layer create(String type, Map<String, String> config) {
        if (type == null) {
            throw new IllegalArgumentException("layer configuration lacks \"type\"");
        }
        if (LAYERS.containsKey(type)) {
            return LAYERS.get(type).apply(config);
        }
        if (CELLS.containsKey(type)) {
            return recurrent(type, config);
        }
        return switch (type) {
            case "dense" -> new Dense(integer(config, "units"), Activation.parse(text(config, "activation")));
            case "dropout" -> new Dropout(decimal(config, "rate", null));
            case "embedding" -> new Embedding(integer(config, "vocabulary_size"), integer(config, "dimension"),
                    Boolean.parseBoolean(text(config, "mask_zero")));
            case "lstm", "gru", "simple_rnn" -> recurrent(type, config);
            case "concatenate" -> new Concatenate();
            case "add" -> new Add();
            case "attention" -> Attention.fromConfig(config);
            case "multi_head_attention" -> MultiHeadAttention.of(integer(config, "heads"), integer(config, "key_dim"),
                            integer(config, "value_dim"), integer(config, "output_dim"))
                    .causal(Boolean.parseBoolean(text(config, "causal")))
                    .returnAttentionScores(Boolean.parseBoolean(config.getOrDefault("return_attention_scores", "false")));
            case "positional_encoding" -> new PositionalEncoding();
            case "layer_normalization" -> new LayerNormalization(decimal(config, "epsilon", null));
            case "repeat_vector" -> new RepeatVector(integer(config, "n"));
            case "time_distributed" -> timeDistributed(config);
            case "bidirectional" -> new Bidirectional(recurrent(text(config, "cell"), config),
                    Bidirectional.Merge.valueOf(text(config, "merge").toUpperCase(Locale.ROOT)));
            default -> throw new IllegalArgumentException("unknown layer type \"" + type
                    + "\" (a layer written outside Gated? register it with LayerFactory.register): expected dense, dropout, "
                    + "embedding, lstm, gru, simple_rnn, bidirectional, concatenate, add, attention, multi_head_attention, "
                    + "positional_encoding, layer_normalization, repeat_vector or time_distributed");
        };
    }

    private static Recurrent recurrent(String type, Map<String, String> config) {
        int units = integer(config, "units");
        Recurrent layer = switch (type) {
            case "lstm" -> Recurrent.lstm(units);
            case "gru" -> Boolean.parseBoolean(config.getOrDefault("reset_after", "true"))
                    ? Recurrent.gru(units) : Recurrent.gruResetBefore(units);
            case "simple_rnn" -> Recurrent.simpleRnn(units);
            default -> {
                if (!CELLS.containsKey(type)) {
                    throw new IllegalArgumentException("unknown recurrent cell \"" + type
                            + "\": expected lstm, gru, simple_rnn or a cell registered with LayerFactory.registerCell");
                }
                yield new Recurrent(CELLS.get(type).apply(units));
            }
        };
        return layer.returnSequences(Boolean.parseBoolean(config.getOrDefault("return_sequences", "false")))
                .returnState(Boolean.parseBoolean(config.getOrDefault("return_state", "false")))
                .goBackwards(Boolean.parseBoolean(config.getOrDefault("go_backwards", "false")))
                .init(Cell.Init.valueOf(config.getOrDefault("init", "keras").toUpperCase(Locale.ROOT)))
                .dropout(decimal(config, "dropout", "0"))
                .recurrentDropout(decimal(config, "recurrent_dropout", "0"))
                .activation(CellActivation.parse(config.getOrDefault("activation", "tanh")))
                .recurrentActivation(CellActivation.parse(config.getOrDefault("recurrent_activation", "sigmoid")));
    }

    /** The wrapper and its layers, saved nested as {@code layer.k.*} keys of its config. */
    private static TimeDistributed timeDistributed(Map<String, String> config) {
        int n = integer(config, "layers");
        List<Layer> inner = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            String prefix = "layer." + k + ".";
            Map<String, String> c = new LinkedHashMap<>();
            config.forEach((key, value) -> {
                if (key.startsWith(prefix)) {
                    c.put(key.substring(prefix.length()), value);
                }
            });
            if (!c.containsKey("type")) {
                throw new IllegalArgumentException("time_distributed configuration lacks \"" + prefix + "type\"");
            }
            inner.add(create(c.get("type"), c));
        }
        return new TimeDistributed(inner);
    }

    private static String text(Map<String, String> config, String key) {
        String v = config.get(key);
        if (v == null) {
            throw new IllegalArgumentException("layer configuration lacks \"" + key + "\"");
        }
        return v;
    }

    private static int integer(Map<String, String> config, String key) {
        String v = text(config, key);
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("layer configuration: " + key + " is \"" + v + "\" where a whole number is expected", e);
        }
    }

    private static double decimal(Map<String, String> config, String key, String fallback) {
        String v = config.getOrDefault(key, fallback);
        if (v == null) {
            throw new IllegalArgumentException("layer configuration lacks \"" + key + "\"");
        }
        try {
            return Double.parseDouble(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("layer configuration: " + key + " is \"" + v + "\" where a number is expected", e);
        }
    }
}
