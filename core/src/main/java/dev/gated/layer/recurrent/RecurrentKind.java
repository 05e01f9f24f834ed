package dev.gated.layer.recurrent;

import java.util.Locale;

/** The three recurrent layers by name, as the command line, the studio, JSON and experiments name them. */
public enum RecurrentKind {
    LSTM("lstm"),
    GRU("gru"),
    RNN("rnn");

    private final String id;

    RecurrentKind(String id) {
        this.id = id;
    }

    /** lstm, gru, rnn: the name on the command line, in JSON and in model files. */
    public String id() {
        return id;
    }

    /** Same as {@link #id()}. */
    public String label() {
        return id;
    }

    /** A new recurrent layer of this kind (GRU: reset after, as PyTorch and Keras). */
    public Recurrent layer(int units) {
        return switch (this) {
            case LSTM -> Recurrent.lstm(units);
            case GRU -> Recurrent.gru(units);
            case RNN -> Recurrent.simpleRnn(units);
        };
    }

    /** Parses lstm, gru, rnn (also simple_rnn / simplernn / simple-rnn), any case. */
    public static RecurrentKind parse(String s) {
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
