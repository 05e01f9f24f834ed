package dev.gated.translate;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The architecture of an encoder–decoder: which cell, which attention, how wide. Declared once; the CLI's
 * options, the model file's metadata and the comparison table's row names all come from it.
 *
 * @param cell          LSTM or GRU, for encoder and decoder alike
 * @param attention     NONE (Sutskever et al. 2014), DOT (Luong et al. 2015) or ADDITIVE (Bahdanau et al. 2015 scores)
 * @param bidirectional encoder reads the source both ways (its states are projected to start the decoder)
 * @param embedding     E, the width of the source and target token embeddings
 * @param units         H, the hidden units of every recurrent layer
 */
public record ModelSpec(Cell cell, AttentionKind attention, boolean bidirectional, int embedding, int units) {

    public enum Cell { LSTM, GRU }

    public enum AttentionKind { NONE, DOT, ADDITIVE }

    public ModelSpec {
        if (cell == null || attention == null) {
            throw new IllegalArgumentException("model spec: cell and attention must be given (e.g. LSTM, DOT)");
        }
        if (embedding < 1 || units < 1) {
            throw new IllegalArgumentException("model spec: embedding (" + embedding + ") and units (" + units + ") must be ≥ 1");
        }
    }

    /**
     * From a name such as {@code lstm}, {@code gru-attention}, {@code lstm-dot}, {@code gru-additive},
     * {@code bilstm-dot} ("attention" = additive, Bahdanau's).
     */
    public static ModelSpec parse(String name, int embedding, int units) {
        String n = name.toLowerCase(Locale.ROOT).strip();
        boolean bi = n.startsWith("bi");
        if (bi) {
            n = n.substring(2);
        }
        String[] parts = n.split("-", 2);
        Cell cell = switch (parts[0]) {
            case "lstm" -> Cell.LSTM;
            case "gru" -> Cell.GRU;
            default -> throw new IllegalArgumentException("model \"" + name + "\": expected lstm, gru, lstm-dot, gru-additive, "
                    + "lstm-attention, bigru-dot … (transformer is not implemented)");
        };
        AttentionKind attention = parts.length == 1 ? AttentionKind.NONE : switch (parts[1]) {
            case "dot", "luong" -> AttentionKind.DOT;
            case "additive", "bahdanau", "attention" -> AttentionKind.ADDITIVE;
            default -> throw new IllegalArgumentException("model \"" + name + "\": the attention after '-' must be dot, "
                    + "additive or attention (= additive) but is \"" + parts[1] + "\"");
        };
        return new ModelSpec(cell, attention, bi, embedding, units);
    }

    /** The canonical name, e.g. {@code bigru-dot}: parse(name()) gives this spec back (with the same sizes). */
    public String name() {
        return (bidirectional ? "bi" : "") + cell.name().toLowerCase(Locale.ROOT)
                + (attention == AttentionKind.NONE ? "" : "-" + attention.name().toLowerCase(Locale.ROOT));
    }

    public Map<String, String> toMetadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("translate.model", name());
        m.put("translate.embedding", Integer.toString(embedding));
        m.put("translate.units", Integer.toString(units));
        return m;
    }

    public static ModelSpec fromMetadata(Map<String, String> m) {
        String name = m.get("translate.model");
        if (name == null) {
            throw new IllegalArgumentException("this model file holds no translation model (no translate.model entry) — "
                    + "train one with `gated translate train`, or use `gated forecast` for forecasting models");
        }
        return parse(name, Integer.parseInt(m.get("translate.embedding")), Integer.parseInt(m.get("translate.units")));
    }
}
