package dev.gated.translate;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The architecture of an encoder–decoder: which cell, which attention, how wide. Declared once; the CLI's
 * options, the model file's metadata and the comparison table's row names all come from it.
 *
 * @param cell          LSTM or GRU, for encoder and decoder alike; TRANSFORMER for {@link TransformerSeq2Seq}
 * @param attention     NONE (Sutskever et al. 2014), DOT (Luong et al. 2015), ADDITIVE (Bahdanau et al. 2015 scores); MULTI_HEAD for the Transformer
 * @param bidirectional encoder reads the source both ways (its states are projected to start the decoder)
 * @param embedding     E, the width of the source and target token embeddings
 * @param units         H, the hidden units of every recurrent layer (unused by the Transformer)
 * @param transformer   the Transformer's sizes (its width D is {@code embedding}); null for the recurrent models
 * @param dropout       p, recurrent models only: dropout on the source and target embeddings and on the decoder's top
 *                      layer before the output projection (Zaremba et al. 2014; Luong et al. 2015); 0 = none. The
 *                      Transformer's dropout is its shape's.
 */
public record ModelSpec(Cell cell, AttentionKind attention, boolean bidirectional, int embedding, int units, TransformerShape transformer,
                        double dropout) {

    /** LSTM or GRU for the recurrent encoder–decoders; TRANSFORMER for Vaswani et al.'s (no recurrence at all). */
    public enum Cell { LSTM, GRU, TRANSFORMER }

    /** MULTI_HEAD only with the Transformer (self-attention in both stacks, cross-attention in the decoder). */
    public enum AttentionKind { NONE, DOT, ADDITIVE, MULTI_HEAD }

    public ModelSpec {
        if (cell == null || attention == null) {
            throw new IllegalArgumentException("model spec: cell and attention must be given (e.g. LSTM, DOT)");
        }
        if (embedding < 1 || units < 1) {
            throw new IllegalArgumentException("model spec: embedding (" + embedding + ") and units (" + units + ") must be ≥ 1");
        }
        boolean isTransformer = cell == Cell.TRANSFORMER;
        if (isTransformer != (transformer != null) || isTransformer != (attention == AttentionKind.MULTI_HEAD) || (isTransformer && bidirectional)) {
            throw new IllegalArgumentException("model spec: a Transformer has multi-head attention, a shape and no bidirectional option; "
                    + "a recurrent model has none of these (cell " + cell + ", attention " + attention + ")");
        }
        if (isTransformer) {
            transformer.checkWidth(embedding);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("--dropout must be in [0, 1) but is " + dropout + " (for " + cell.name().toLowerCase(Locale.ROOT)
                    + ": the share of embedding and output-layer inputs zeroed in training)");
        }
        if (isTransformer && dropout != 0) {
            throw new IllegalArgumentException("model spec: a Transformer's dropout is its shape's (TransformerShape.dropout), not the "
                    + "recurrent dropout (" + dropout + ") — use withDropout");
        }
    }

    /** Without recurrent dropout. */
    public ModelSpec(Cell cell, AttentionKind attention, boolean bidirectional, int embedding, int units, TransformerShape transformer) {
        this(cell, attention, bidirectional, embedding, units, transformer, 0);
    }

    /** A recurrent encoder–decoder. */
    public ModelSpec(Cell cell, AttentionKind attention, boolean bidirectional, int embedding, int units) {
        this(cell, attention, bidirectional, embedding, units, null);
    }

    /**
     * This spec with dropout p: for a recurrent model on its embeddings and before its output layer; for the
     * Transformer its shape's dropout (after attention, feed-forward and positions).
     */
    public ModelSpec withDropout(double p) {
        return isTransformer()
                ? new ModelSpec(cell, attention, false, embedding, units, new TransformerShape(transformer.layers(), transformer.heads(),
                        transformer.feedForward(), p))
                : new ModelSpec(cell, attention, bidirectional, embedding, units, null, p);
    }

    public boolean isTransformer() {
        return cell == Cell.TRANSFORMER;
    }

    /**
     * From a name such as {@code lstm}, {@code gru-attention}, {@code lstm-dot}, {@code gru-additive},
     * {@code bilstm-dot} ("attention" = additive, Bahdanau's).
     */
    public static ModelSpec parse(String name, int embedding, int units) {
        return parse(name, embedding, units, TransformerShape.defaults());
    }

    /** As {@link #parse(String, int, int)}; {@code transformer} gives the Transformer's sizes when the name is {@code transformer}. */
    public static ModelSpec parse(String name, int embedding, int units, TransformerShape transformer) {
        String n = name.toLowerCase(Locale.ROOT).strip();
        if (n.equals("transformer")) {
            return new ModelSpec(Cell.TRANSFORMER, AttentionKind.MULTI_HEAD, false, embedding, units, transformer);
        }
        boolean bi = n.startsWith("bi");
        if (bi) {
            n = n.substring(2);
        }
        String[] parts = n.split("-", 2);
        Cell cell = switch (parts[0]) {
            case "lstm" -> Cell.LSTM;
            case "gru" -> Cell.GRU;
            default -> throw new IllegalArgumentException("model \"" + name + "\": expected lstm, gru, lstm-dot, gru-additive, "
                    + "lstm-attention, bigru-dot … or transformer");
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
        if (isTransformer()) {
            return "transformer";
        }
        return (bidirectional ? "bi" : "") + cell.name().toLowerCase(Locale.ROOT)
                + (attention == AttentionKind.NONE ? "" : "-" + attention.name().toLowerCase(Locale.ROOT));
    }

    public Map<String, String> toMetadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("translate.model", name());
        m.put("translate.embedding", Integer.toString(embedding));
        m.put("translate.units", Integer.toString(units));
        if (isTransformer()) {
            m.put("translate.layers", Integer.toString(transformer.layers()));
            m.put("translate.heads", Integer.toString(transformer.heads()));
            m.put("translate.feed_forward", Integer.toString(transformer.feedForward()));
            m.put("translate.dropout", Double.toString(transformer.dropout()));
        } else if (dropout > 0) {
            m.put("translate.dropout", Double.toString(dropout));
        }
        return m;
    }

    public static ModelSpec fromMetadata(Map<String, String> m) {
        String name = m.get("translate.model");
        if (name == null) {
            throw new IllegalArgumentException("this model file holds no translation model (no translate.model entry) — "
                    + "train one with `gated translate train`, or use `gated forecast` for forecasting models");
        }
        TransformerShape shape = !m.containsKey("translate.layers") ? TransformerShape.defaults()
                : new TransformerShape(Integer.parseInt(m.get("translate.layers")), Integer.parseInt(m.get("translate.heads")),
                        Integer.parseInt(m.get("translate.feed_forward")), Double.parseDouble(m.get("translate.dropout")));
        ModelSpec spec = parse(name, Integer.parseInt(m.get("translate.embedding")), Integer.parseInt(m.get("translate.units")), shape);
        return spec.isTransformer() || !m.containsKey("translate.dropout") ? spec : spec.withDropout(Double.parseDouble(m.get("translate.dropout")));
    }
}
