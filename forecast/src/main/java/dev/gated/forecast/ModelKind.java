package dev.gated.forecast;

import dev.gated.layer.recurrent.Recurrent;
import java.util.Locale;

/** The recurrent layer kinds the command line offers, by the names users type: lstm, gru, rnn. */
public enum ModelKind {
    LSTM("lstm"),
    GRU("gru"),
    RNN("rnn");

    private final String id;

    ModelKind(String id) {
        this.id = id;
    }

    /** The name on the command line, in JSON and in model files. */
    public String id() {
        return id;
    }

    /** A new recurrent layer of this kind. */
    public Recurrent layer(int units) {
        return switch (this) {
            case LSTM -> Recurrent.lstm(units);
            case GRU -> Recurrent.gru(units);
            case RNN -> Recurrent.simpleRnn(units);
        };
    }

    /** Parses lstm, gru, rnn (also simple_rnn / simplernn), any case. */
    public static ModelKind parse(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "lstm" -> LSTM;
            case "gru" -> GRU;
            case "rnn", "simple_rnn", "simplernn", "simple-rnn" -> RNN;
            default -> throw new IllegalArgumentException("unknown model \"" + s + "\"; expected lstm, gru or rnn"
                    + (s.contains(".") || s.contains("/") ? " (a model file goes to --model of evaluate, forecast "
                    + "and summary; train takes the kind of network)" : ""));
        };
    }

    @Override
    public String toString() {
        return id;
    }
}
