package dev.gated.text.lm;

import dev.gated.layer.Dense;
import dev.gated.layer.Dropout;
import dev.gated.layer.Embedding;
import dev.gated.layer.recurrent.Recurrent;
import dev.gated.layer.recurrent.RecurrentKind;
import dev.gated.model.Model;
import dev.gated.model.Sequential;
import dev.gated.tensor.Precision;
import dev.gated.tensor.Shape;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The shape of a character-level language model: next-character logits at every step.
 * <pre>
 *   x (B, T) character indices
 *   e = Embedding(V, E)(x)                                           (B, T, E)
 *   for l = 1 … L:  h_l = Recurrent_l(h_{l−1})  (LSTM, GRU or RNN of H units, every step, recurrent dropout r)
 *                   h_l = Dropout(p)(h_l)        (between layers and before the output; Zaremba et al. 2014)
 *   z = Dense(V)(h_L)                                                (B, T, V) logits
 * </pre>
 * The input has a free time axis, so the same model trains on chunks of T characters, is scored on longer
 * ones and is stepped one character at a time with a {@link dev.gated.model.StreamState}.
 *
 * @param kind             lstm, gru or rnn
 * @param layers           L stacked recurrent layers, ≥ 1
 * @param units            H hidden units per layer
 * @param embedding        E, the size of each character's vector
 * @param dropout          p, dropout on the outputs of each recurrent layer in training, in [0, 1)
 * @param recurrentDropout r, dropout on h_{t−1} before the recurrent product (Gal &amp; Ghahramani), in [0, 1)
 */
public record LmArchitecture(RecurrentKind kind, int layers, int units, int embedding, double dropout,
                             double recurrentDropout) {

    public LmArchitecture {
        positive("layers", layers);
        positive("units", units);
        positive("embedding", embedding);
        fraction("dropout", dropout);
        fraction("recurrent-dropout", recurrentDropout);
    }

    /** The network for a vocabulary of {@code vocabulary} characters, weights drawn from {@code seed}. */
    public Model build(int vocabulary, long seed, Precision precision) {
        Sequential model = Sequential.input(Shape.anyLength()).add(new Embedding(vocabulary, embedding, false));
        for (int l = 0; l < layers; l++) {
            model.add(kind.layer(units).returnSequences(true).recurrentDropout(recurrentDropout));
            if (dropout > 0) {
                model.add(new Dropout(dropout));
            }
        }
        return model.add(new Dense(vocabulary)).seed(seed).precision(precision);
    }

    /** One line for model files and summaries; {@link #parse} reads it back. */
    public String describe() {
        return String.format(Locale.ROOT, "%s layers=%d units=%d embedding=%d dropout=%s recurrent_dropout=%s",
                kind.id(), layers, units, embedding, dropout, recurrentDropout);
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
            return new LmArchitecture(RecurrentKind.parse(parts[0]), Integer.parseInt(kv.get("layers")),
                    Integer.parseInt(kv.get("units")), Integer.parseInt(kv.get("embedding")),
                    Double.parseDouble(kv.get("dropout")), Double.parseDouble(kv.get("recurrent_dropout")));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("language-model architecture: expected \"lstm layers=N units=N "
                    + "embedding=N dropout=P recurrent_dropout=P\" but found \"" + text + "\"", e);
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
