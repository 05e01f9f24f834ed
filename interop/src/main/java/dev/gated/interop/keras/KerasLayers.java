package dev.gated.interop.keras;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gated.interop.ImportException;
import dev.gated.interop.layer.ActivationLayer;
import dev.gated.interop.layer.Masking;
import dev.gated.layer.Activation;
import dev.gated.layer.Add;
import dev.gated.layer.Concatenate;
import dev.gated.layer.Dense;
import dev.gated.layer.Dropout;
import dev.gated.layer.Embedding;
import dev.gated.layer.Layer;
import dev.gated.layer.RepeatVector;
import dev.gated.layer.TimeDistributed;
import dev.gated.layer.recurrent.Bidirectional;
import dev.gated.layer.recurrent.CellActivation;
import dev.gated.layer.recurrent.Recurrent;
import java.util.Locale;
import java.util.Set;

/**
 * One Keras layer config (Keras 2, tf.keras, Keras 3 or TF.js: they share the field names) → the Gated layer
 * that computes the same function, or an {@link ImportException} naming the layer, its class and the option
 * Gated cannot follow. Nothing is skipped silently.
 *
 * <pre>
 * InputLayer                     (no layer: the model's input shape)
 * LSTM, GRU, SimpleRNN           Recurrent.lstm / gru (reset_after) / gruResetBefore / simpleRnn
 *                                activation, recurrent_activation: tanh, sigmoid, relu, linear, hard_sigmoid (in
 *                                the writer's definition: Keras 2 / tf.keras / TF.js or Keras 3; {@link CellActivation});
 *                                return_sequences, return_state (graphs), go_backwards (not with return_sequences:
 *                                Keras then returns the outputs in reversed order), dropout rates kept
 * Bidirectional                  merge_mode concat | sum | ave
 * Dense                          activation linear | relu | tanh | sigmoid | softmax
 * Embedding                      input_dim, output_dim, mask_zero
 * Masking                        mask_value ({@link Masking})
 * Dropout, SpatialDropout1D      Dropout (identity in inference)
 * TimeDistributed                the wrapped Dense / Dropout
 * RepeatVector, Concatenate (last axis), Add
 * Activation                     linear | relu | tanh | sigmoid | softmax ({@link ActivationLayer})
 * </pre>
 */
final class KerasLayers {

    private KerasLayers() {
    }

    /** The Gated layer for {@code spec} ({"class_name", "config"}), or null for InputLayer. */
    static Layer create(JsonNode spec, String where, CellActivation hardSigmoid) throws ImportException {
        String kind = spec.path("class_name").asText();
        JsonNode c = spec.path("config");
        String at = where + " \"" + c.path("name").asText("?") + "\" (" + kind + ")";
        return switch (kind) {
            case "InputLayer" -> null;
            case "LSTM", "GRU", "SimpleRNN" -> recurrent(kind, c, at, true, hardSigmoid);
            case "Bidirectional" -> bidirectional(c, at, hardSigmoid);
            case "Dense" -> dense(c, at);
            case "Embedding" -> new Embedding(c.path("input_dim").asInt(), c.path("output_dim").asInt(), c.path("mask_zero").asBoolean(false));
            case "Masking" -> new Masking(c.path("mask_value").asDouble(0));
            case "Dropout", "SpatialDropout1D" -> new Dropout(c.path("rate").asDouble());
            case "RepeatVector" -> new RepeatVector(c.path("n").asInt());
            case "TimeDistributed" -> timeDistributed(c, at);
            case "Concatenate" -> concatenate(c, at);
            case "Add" -> new Add();
            case "Activation" -> activationLayer(c, at);
            default -> throw new ImportException(at + ": layer class " + kind + " has no Gated equivalent; importable are "
                    + "InputLayer, LSTM, GRU, SimpleRNN, Bidirectional, Dense, Embedding, Masking, Dropout, "
                    + "SpatialDropout1D, TimeDistributed, RepeatVector, Concatenate, Add, Activation");
        };
    }

    static Recurrent recurrent(String kind, JsonNode c, String at, boolean standalone, CellActivation hardSigmoid)
            throws ImportException {
        int units = c.path("units").asInt();
        CellActivation activation = cellActivation(c, "activation", CellActivation.TANH, hardSigmoid, at);
        CellActivation gates = kind.equals("SimpleRNN") ? CellActivation.SIGMOID
                : cellActivation(c, "recurrent_activation", CellActivation.SIGMOID, hardSigmoid, at);
        if (c.path("stateful").asBoolean(false)) {
            throw new ImportException(at + ": stateful=True is not imported — Gated keeps a stream's state outside the "
                    + "model (Model.newState / step); re-save the model with stateful=False");
        }
        if (c.path("time_major").asBoolean(false)) {
            throw new ImportException(at + ": time_major=True is not imported; Gated's sequences are (batch, time, features)");
        }
        boolean sequences = c.path("return_sequences").asBoolean(false);
        boolean backwards = c.path("go_backwards").asBoolean(false);
        if (standalone && backwards && sequences) {
            throw new ImportException(at + ": go_backwards=True with return_sequences=True returns the outputs in reversed "
                    + "time order in Keras, while Gated keeps them aligned with the input; not imported");
        }
        Recurrent r = switch (kind) {
            case "LSTM" -> Recurrent.lstm(units);
            case "GRU" -> c.path("reset_after").asBoolean(false) ? Recurrent.gru(units) : Recurrent.gruResetBefore(units);
            default -> Recurrent.simpleRnn(units);
        };
        r.returnSequences(sequences).returnState(c.path("return_state").asBoolean(false)).goBackwards(backwards)
                .activation(activation).recurrentActivation(gates);
        double dropout = c.path("dropout").asDouble(0);
        double recurrentDropout = c.path("recurrent_dropout").asDouble(0);
        if (dropout > 0) {
            r.dropout(dropout);
        }
        if (recurrentDropout > 0) {
            r.recurrentDropout(recurrentDropout);
        }
        return r;
    }

    /**
     * A recurrent cell's {@code option} as a {@link CellActivation}: tanh, sigmoid, relu, linear, and
     * hard_sigmoid in the writer's definition ({@code hardSigmoid}: Keras 2 / tf.keras / TF.js clip(0.2x + 0.5),
     * Keras 3 relu6(x + 3) / 6); absent means {@code absent}.
     */
    private static CellActivation cellActivation(JsonNode c, String option, CellActivation absent,
                                                 CellActivation hardSigmoid, String at) throws ImportException {
        String name = activationName(c.path(option));
        if (name == null) {
            return absent;
        }
        return switch (name) {
            case "tanh" -> CellActivation.TANH;
            case "sigmoid" -> CellActivation.SIGMOID;
            case "relu" -> CellActivation.RELU;
            case "linear" -> CellActivation.LINEAR;
            case "hard_sigmoid" -> hardSigmoid;
            default -> throw new ImportException(at + ": " + option + "=" + name + " is not supported; Gated's recurrent "
                    + "cells take tanh, sigmoid, relu, linear or hard_sigmoid");
        };
    }

    /** "tanh" from "tanh", {"class_name": "tanh"} or Keras 3's {"module": …, "config": {"name": "tanh"}}; null if absent. */
    static String activationName(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        String name = node.isTextual() ? node.asText() : node.path("config").path("name").asText(node.path("class_name").asText());
        String snake = name.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
        return snake.equals("hardsigmoid") ? "hard_sigmoid" : snake;
    }

    private static Bidirectional bidirectional(JsonNode c, String at, CellActivation hardSigmoid) throws ImportException {
        JsonNode inner = c.path("layer");
        String kind = inner.path("class_name").asText();
        if (!Set.of("LSTM", "GRU", "SimpleRNN").contains(kind)) {
            throw new ImportException(at + ": wraps a " + kind + "; Gated's Bidirectional wraps LSTM, GRU or SimpleRNN");
        }
        if (inner.path("config").path("go_backwards").asBoolean(false)) {
            throw new ImportException(at + ": the wrapped layer has go_backwards=True; not imported");
        }
        String mode = c.path("merge_mode").isNull() ? "none" : c.path("merge_mode").asText("concat");
        Bidirectional.Merge merge = switch (mode) {
            case "concat" -> Bidirectional.Merge.CONCAT;
            case "sum" -> Bidirectional.Merge.SUM;
            case "ave" -> Bidirectional.Merge.AVERAGE;
            default -> throw new ImportException(at + ": merge_mode=" + mode
                    + " is not supported; Gated merges the directions by concat, sum or ave");
        };
        return new Bidirectional(recurrent(kind, inner.path("config"), at, false, hardSigmoid), merge);
    }

    static Dense dense(JsonNode c, String at) throws ImportException {
        String name = activationName(c.path("activation"));
        Activation activation;
        try {
            activation = Activation.parse(name == null ? "linear" : name);
        } catch (IllegalArgumentException e) {
            throw new ImportException(at + ": " + e.getMessage());
        }
        return new Dense(c.path("units").asInt(), activation);
    }

    private static ActivationLayer activationLayer(JsonNode c, String at) throws ImportException {
        String name = activationName(c.path("activation"));
        try {
            return new ActivationLayer(Activation.parse(name == null ? "linear" : name));
        } catch (IllegalArgumentException e) {
            throw new ImportException(at + ": " + e.getMessage());
        }
    }

    private static TimeDistributed timeDistributed(JsonNode c, String at) throws ImportException {
        JsonNode inner = c.path("layer");
        String kind = inner.path("class_name").asText();
        return switch (kind) {
            case "Dense" -> new TimeDistributed(dense(inner.path("config"), at));
            case "Dropout" -> new TimeDistributed(new Dropout(inner.path("config").path("rate").asDouble()));
            default -> throw new ImportException(at + ": wraps a " + kind + "; TimeDistributed is imported around Dense or Dropout");
        };
    }

    private static Concatenate concatenate(JsonNode c, String at) throws ImportException {
        int axis = c.path("axis").asInt(-1);
        if (axis != -1) {
            throw new ImportException(at + ": axis=" + axis + "; Gated's Concatenate joins the last axis (axis=-1)");
        }
        return new Concatenate();
    }
}
