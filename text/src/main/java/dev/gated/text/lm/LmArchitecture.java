package dev.gated.text.lm;

import dev.gated.layer.Dense;
import dev.gated.layer.Dropout;
import dev.gated.layer.Embedding;
import dev.gated.layer.LayerNormalization;
import dev.gated.layer.Node;
import dev.gated.layer.PositionalEncoding;
import dev.gated.layer.TransformerBlock;
import dev.gated.layer.recurrent.RecurrentKind;
import dev.gated.model.Model;
import dev.gated.model.Sequential;
import dev.gated.tensor.Precision;
import dev.gated.tensor.Shape;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The shape of a character-level language model: next-character logits at every step, from x (B, T) character
 * indices to z (B, T, V) logits. Recurrent (lstm, gru, rnn):
 * <pre>
 *   e = Embedding(V, E)(x)                                           (B, T, E)
 *   for l = 1 … L:  h_l = Recurrent_l(h_{l−1})  (LSTM, GRU or RNN of H units, every step, recurrent dropout r)
 *                   h_l = Dropout(p)(h_l)        (between layers and before the output; Zaremba et al. 2014)
 *   z = Dense(V)(h_L)
 * </pre>
 * Transformer (nanoGPT's shape: decoder-only, pre-norm; positions sinusoidal here, learned there):
 * <pre>
 *   a_0 = PositionalEncoding(Embedding(V, D)(x))                     (B, T, D),  D = units
 *   for l = 1 … L:  a_l = TransformerBlock(heads, D, causal, dropout p)(a_{l−1})
 *                   (a + Drop(causal SelfMHA(LN(a))), then a + Drop(FFN(LN(a))), FFN width 4·D)
 *   z = Dense(V)(LayerNorm(a_L))
 * </pre>
 * The input has a free time axis. A recurrent model trains on chunks of T characters, is scored on longer ones
 * and is stepped one character at a time with a {@link dev.gated.model.StreamState}; a Transformer sees at most
 * the T characters it was trained on, all at once, and has no state to step.
 *
 * @param kind             lstm, gru, rnn or transformer
 * @param layers           L stacked recurrent layers or Transformer blocks, ≥ 1
 * @param units            H hidden units per recurrent layer, or the Transformer's width D
 * @param embedding        E, the size of each character's vector (recurrent; a Transformer's is D)
 * @param heads            attention heads (Transformer; D must be a multiple)
 * @param dropout          p, dropout in training on each layer's outputs, in [0, 1)
 * @param recurrentDropout r, dropout on h_{t−1} before the recurrent product (Gal &amp; Ghahramani), in [0, 1)
 */
public record LmArchitecture(String kind, int layers, int units, int embedding, int heads, double dropout,
                             double recurrentDropout) {

    /** The kinds {@link #kind} may name. */
    public static final String KINDS = "lstm, gru, rnn or transformer";
    static final String TRANSFORMER = "transformer";

    public LmArchitecture {
        kind = kind.trim().toLowerCase(Locale.ROOT);
        if (!kind.equals(TRANSFORMER)) {
            try {
                kind = RecurrentKind.parse(kind).id();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("model must be " + KINDS + " but is '" + kind + "'");
            }
        }
        positive("layers", layers);
        positive("units", units);
        positive("embedding", embedding);
        positive("heads", heads);
        fraction("dropout", dropout);
        fraction("recurrent-dropout", recurrentDropout);
        if (kind.equals(TRANSFORMER) && units % heads != 0) {
            throw new IllegalArgumentException("a Transformer's units (" + units + ") must be a multiple of its heads ("
                    + heads + "): each head gets units / heads features");
        }
        if (kind.equals(TRANSFORMER) && recurrentDropout > 0) {
            throw new IllegalArgumentException("recurrent-dropout applies to recurrent layers; a Transformer has none");
        }
    }

    /** A recurrent model (no heads). */
    public static LmArchitecture recurrent(RecurrentKind kind, int layers, int units, int embedding, double dropout,
                                           double recurrentDropout) {
        return new LmArchitecture(kind.id(), layers, units, embedding, 1, dropout, recurrentDropout);
    }

    /** A decoder-only Transformer of {@code layers} blocks, width {@code units}. */
    public static LmArchitecture transformer(int layers, int units, int heads, double dropout) {
        return new LmArchitecture(TRANSFORMER, layers, units, units, heads, dropout, 0);
    }

    /** True for lstm, gru and rnn: the model carries a state and can be stepped. */
    public boolean isRecurrent() {
        return !kind.equals(TRANSFORMER);
    }

    /** The network for a vocabulary of {@code vocabulary} characters, weights drawn from {@code seed}. */
    public Model build(int vocabulary, long seed, Precision precision) {
        if (!isRecurrent()) {
            return transformer(vocabulary, seed, precision);
        }
        RecurrentKind recurrent = RecurrentKind.parse(kind);
        Sequential model = Sequential.input(Shape.anyLength()).add(new Embedding(vocabulary, embedding, false));
        for (int l = 0; l < layers; l++) {
            model.add(recurrent.layer(units).returnSequences(true).recurrentDropout(recurrentDropout));
            if (dropout > 0) {
                model.add(new Dropout(dropout));
            }
        }
        return model.add(new Dense(vocabulary)).seed(seed).precision(precision);
    }

    private Model transformer(int vocabulary, long seed, Precision precision) {
        Node x = Node.input("characters", Shape.anyLength());
        Node a = new PositionalEncoding().on(new Embedding(vocabulary, units, false).on(x));
        for (int l = 0; l < layers; l++) {
            a = TransformerBlock.of(heads, units).causal(true).dropout(dropout).on(a);
        }
        Node z = new Dense(vocabulary).on(new LayerNormalization().on(a));
        return Model.of(x, z).seed(seed).precision(precision);
    }

    /** One line for model files and summaries; {@link #parse} reads it back. */
    public String describe() {
        return isRecurrent()
                ? String.format(Locale.ROOT, "%s layers=%d units=%d embedding=%d dropout=%s recurrent_dropout=%s",
                        kind, layers, units, embedding, dropout, recurrentDropout)
                : String.format(Locale.ROOT, "%s layers=%d units=%d heads=%d dropout=%s", kind, layers, units, heads, dropout);
    }

    /** Reads {@link #describe()}'s form. */
    public static LmArchitecture parse(String text) {
        String[] parts = text.trim().split("\\s+");
        Map<String, String> kv = new HashMap<>();
        for (int i = 1; i < parts.length; i++) {
            String[] p = parts[i].split("=", 2);
            if (p.length == 2) {
                kv.put(p[0], p[1]);
            }
        }
        try {
            int units = Integer.parseInt(kv.get("units"));
            return new LmArchitecture(parts[0], Integer.parseInt(kv.get("layers")), units,
                    Integer.parseInt(kv.getOrDefault("embedding", Integer.toString(units))),
                    Integer.parseInt(kv.getOrDefault("heads", "1")), Double.parseDouble(kv.get("dropout")),
                    Double.parseDouble(kv.getOrDefault("recurrent_dropout", "0")));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("language-model architecture: expected \"lstm layers=N units=N "
                    + "embedding=N dropout=P recurrent_dropout=P\" or \"transformer layers=N units=N heads=N dropout=P\" "
                    + "but found \"" + text + "\"", e);
        }
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be >= 1 but is " + value);
        }
    }

    private static void fraction(String name, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1) but is " + value);
        }
    }
}
