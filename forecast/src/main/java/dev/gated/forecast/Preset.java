package dev.gated.forecast;

import java.util.Locale;

/**
 * Where the training settings a user did not give come from.
 * <pre>
 *   auto            chosen from the data by {@link AutoSettings} (the default of train and compare)
 *   keras-tutorial  the fixed settings of the Keras LSTM tutorial this project started from: window 10, 20 epochs,
 *                   batch 32, 50 units, Adam 0.001, absolute windows, no validation, no early stopping
 * </pre>
 */
public enum Preset {
    AUTO("auto"),
    KERAS_TUTORIAL("keras-tutorial");

    private final String id;

    Preset(String id) {
        this.id = id;
    }

    /** The name on the command line: auto or keras-tutorial. */
    public String id() {
        return id;
    }

    /** Parses auto | keras-tutorial; anything else names the choices. */
    public static Preset parse(String s) {
        String k = s.trim().toLowerCase(Locale.ROOT);
        for (Preset p : values()) {
            if (p.id.equals(k)) {
                return p;
            }
        }
        throw new IllegalArgumentException("--preset: unknown preset \"" + s + "\"; expected auto (settings chosen "
                + "from the data) or keras-tutorial (window 10, 20 epochs, absolute windows, no validation)");
    }
}
