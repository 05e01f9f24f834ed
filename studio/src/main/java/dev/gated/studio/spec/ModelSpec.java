package dev.gated.studio.spec;

import dev.gated.forecast.HyperParameters;
import dev.gated.layer.recurrent.RecurrentKind;
import java.util.Locale;

/**
 * One network of the Models panel, as the page sends it. Defaults train a useful model on the samples in
 * seconds; the ranges keep a shared server responsive. With the Prepare panel's windows it becomes the shared
 * pipeline's {@link HyperParameters} ({@link #hyperParameters}).
 *
 * @param kind      rnn, lstm or gru
 * @param units     hidden units per recurrent layer, H (default 32)
 * @param layers    stacked recurrent layers (default 1)
 * @param dropout   dropout rate after each recurrent layer, 0 ≤ rate &lt; 1 (default 0)
 * @param epochs    passes over the training windows (default 50)
 * @param batch     windows per batch (default 16)
 * @param lr        learning rate (default 0.01)
 * @param optimizer adam (default), adamw, rmsprop or sgd
 * @param seed      initial weights and shuffling (default 42)
 */
public record ModelSpec(String kind, Integer units, Integer layers, Double dropout, Integer epochs, Integer batch,
                        Double lr, String optimizer, Long seed) {

    public ModelSpec {
        kind = kind == null ? "lstm" : kind.trim().toLowerCase(Locale.ROOT);
        try {
            kind = RecurrentKind.parse(kind).id();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("model kind \"" + kind + "\" is not one of rnn, lstm, gru");
        }
        units = units == null ? 32 : units;
        layers = layers == null ? 1 : layers;
        dropout = dropout == null ? 0.0 : dropout;
        epochs = epochs == null ? 50 : epochs;
        batch = batch == null ? 16 : batch;
        lr = lr == null ? 0.01 : lr;
        optimizer = optimizer == null ? "adam" : optimizer.trim().toLowerCase(Locale.ROOT);
        seed = seed == null ? 42L : seed;
        range("units", units, 1, 1024);
        range("layers", layers, 1, 4);
        range("epochs", epochs, 1, 10_000);
        range("batch", batch, 1, 4096);
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
        if (!(lr > 0 && lr <= 10)) {
            throw new IllegalArgumentException("learning rate must be in (0, 10], got " + lr);
        }
        if (!HyperParameters.OPTIMIZERS.contains(optimizer)) {
            throw new IllegalArgumentException("optimizer \"" + optimizer + "\" is not one of adam, adamw, rmsprop, sgd");
        }
    }

    /** The recurrent layer kind. */
    public RecurrentKind modelKind() {
        return RecurrentKind.parse(kind);
    }

    /**
     * The shared pipeline's hyper-parameters for this network on {@code data}'s windows: no early stopping and
     * no gradient clipping (the studio offers neither); relative or absolute windows as prepared.
     */
    public HyperParameters hyperParameters(PrepareSpec data) {
        return new HyperParameters(units, layers, data.window(), data.horizon(), data.stride(), epochs, batch, lr, seed,
                0, dropout, 0, data.relative(), optimizer);
    }

    public static ModelSpec of(String kind) {
        return new ModelSpec(kind, null, null, null, null, null, null, null, null);
    }

    public ModelSpec withEpochs(int e) {
        return new ModelSpec(kind, units, layers, dropout, e, batch, lr, optimizer, seed);
    }

    private static void range(String name, int v, int lo, int hi) {
        if (v < lo || v > hi) {
            throw new IllegalArgumentException(name + " must be between " + lo + " and " + hi + ", got " + v);
        }
    }

    /** "LSTM(32)", "GRU(64×2, dropout 0.2)". */
    public String label() {
        String k = kind.equals("rnn") ? "RNN" : kind.toUpperCase(Locale.ROOT);
        String shape = units + (layers > 1 ? "×" + layers : "");
        return k + "(" + shape + (dropout > 0 ? ", dropout " + dropout : "") + ")";
    }
}
