package dev.gated.experiments;

import dev.gated.layer.recurrent.Recurrent;
import java.util.Locale;

/** The three recurrent layers compared: plain tanh RNN, LSTM, GRU (Keras initialisation, forget bias 1). */
public enum ModelKind {
    RNN, LSTM, GRU;

    /** A fresh layer of {@code units} hidden units. */
    public Recurrent layer(int units) {
        return switch (this) {
            case RNN -> Recurrent.simpleRnn(units);
            case LSTM -> Recurrent.lstm(units);
            case GRU -> Recurrent.gru(units);
        };
    }

    /** rnn, lstm, gru. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ModelKind parse(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "rnn", "simple_rnn", "simplernn" -> RNN;
            case "lstm" -> LSTM;
            case "gru" -> GRU;
            default -> throw new IllegalArgumentException("expected rnn, lstm or gru but found \"" + name + "\"");
        };
    }
}
