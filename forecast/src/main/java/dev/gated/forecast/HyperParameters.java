package dev.gated.forecast;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The hyper-parameters of one forecasting model, validated once. The command line declares them (with their
 * descriptions and defaults) in its {@code TrainingOptions}, the studio in its {@code ModelSpec}; they are saved
 * in the model file under the {@code hp.} keys of {@link #toMap()} and read back with {@link #fromMap(Map)}.
 *
 * @param units        hidden units per recurrent layer, &ge; 1
 * @param layers       stacked recurrent layers, &ge; 1 (all but the last return sequences)
 * @param window       T, input steps per window, &ge; 1
 * @param horizon      H, steps predicted at once (Dense(H) output: direct multi-step), &ge; 1
 * @param stride       rows between the starts of consecutive training and validation windows, &ge; 1
 * @param epochs       maximum training epochs, &ge; 1
 * @param batch        mini-batch size, &ge; 1
 * @param learningRate the optimizer's learning rate, &gt; 0
 * @param seed         weights, shuffling and dropout derive from it
 * @param patience     early stopping: epochs without improvement of the monitored loss; 0 = off
 * @param dropout      dropout rate after each recurrent layer, in [0, 1); 0 = none
 * @param clip         gradient clipping by global norm; 0 = off
 * @param relative     inputs and targets relative to each window's last value (see {@link Part})
 * @param optimizer    adam (the command line's only choice), adamw, rmsprop or sgd, as {@code Optimizer.parse}
 *                     names them
 * @param plateau      learning-rate reduction on plateau: the rate is halved (down to {@link #PLATEAU_MIN_RATE})
 *                     after this many epochs without a better monitored loss; 0 = off
 * @param quantiles    the quantile levels the network predicts (pinball loss, Q outputs per step, the median
 *                     the point forecast), or {@link QuantileLevels#NONE} for a point model trained on MSE
 */
public record HyperParameters(int units, int layers, int window, int horizon, int stride, int epochs, int batch,
                              double learningRate, long seed, int patience, double dropout, double clip,
                              boolean relative, String optimizer, int plateau,
                              QuantileLevels quantiles) {

    /** The factor by which {@code plateau} multiplies the learning rate. */
    public static final double PLATEAU_FACTOR = 0.5;
    /** The floor of the learning rate under {@code plateau}. */
    public static final double PLATEAU_MIN_RATE = 1e-5;

    /** The optimizers {@link Networks} can compile with. */
    public static final List<String> OPTIMIZERS = List.of("adam", "adamw", "rmsprop", "sgd");

    /** Upper bounds: far above any useful value, low enough that counts and sizes cannot overflow an int. */
    public static final int MAX_UNITS = 16_384;
    public static final int MAX_LAYERS = 64;
    public static final int MAX_EPOCHS = 1_000_000;
    public static final int MAX_BATCH = 1_000_000;

    public HyperParameters {
        atLeast(units, 1, "--units");
        atMost(units, MAX_UNITS, "--units");
        atLeast(layers, 1, "--layers");
        atMost(layers, MAX_LAYERS, "--layers");
        new Windowing(window, horizon, stride, relative); // validates window, horizon, stride
        atLeast(epochs, 1, "--epochs");
        atMost(epochs, MAX_EPOCHS, "--epochs");
        atLeast(batch, 1, "--batch");
        atMost(batch, MAX_BATCH, "--batch");
        atLeast(patience, 0, "--patience");
        atLeast(plateau, 0, "--lr-plateau");
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("--lr must be a positive number (e.g. 0.001), got " + learningRate);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("--dropout must be in [0, 1), got " + dropout);
        }
        if (!(clip >= 0) || !Double.isFinite(clip)) {
            throw new IllegalArgumentException("--clip must be >= 0 (0 = no clipping), got " + clip);
        }
        if (!OPTIMIZERS.contains(optimizer)) {
            throw new IllegalArgumentException("optimizer \"" + optimizer + "\" is not one of "
                    + String.join(", ", OPTIMIZERS));
        }
        quantiles = quantiles == null ? QuantileLevels.NONE : quantiles;
    }

    /** A point model (no quantiles). */
    public HyperParameters(int units, int layers, int window, int horizon, int stride, int epochs, int batch,
                           double learningRate, long seed, int patience, double dropout, double clip,
                           boolean relative, String optimizer, int plateau) {
        this(units, layers, window, horizon, stride, epochs, batch, learningRate, seed, patience, dropout, clip,
                relative, optimizer, plateau, QuantileLevels.NONE);
    }

    /** These settings for a network that predicts {@code value}'s quantile levels. */
    public HyperParameters withQuantiles(QuantileLevels value) {
        return new HyperParameters(units, layers, window, horizon, stride, epochs, batch, learningRate, seed, patience,
                dropout, clip, relative, optimizer, plateau, value);
    }

    /** Without learning-rate reduction on plateau (as before {@code --lr-plateau} existed). */
    public HyperParameters(int units, int layers, int window, int horizon, int stride, int epochs, int batch,
                           double learningRate, long seed, int patience, double dropout, double clip,
                           boolean relative, String optimizer) {
        this(units, layers, window, horizon, stride, epochs, batch, learningRate, seed, patience, dropout, clip,
                relative, optimizer, 0);
    }

    /** With Adam, the command line's only optimizer before the studio could choose another. */
    public HyperParameters(int units, int layers, int window, int horizon, int stride, int epochs, int batch,
                           double learningRate, long seed, int patience, double dropout, double clip,
                           boolean relative) {
        this(units, layers, window, horizon, stride, epochs, batch, learningRate, seed, patience, dropout, clip,
                relative, "adam");
    }

    /** How the series is cut into windows for these hyper-parameters. */
    public Windowing windowing() {
        return new Windowing(window, horizon, stride, relative);
    }

    private static void atLeast(int value, int min, String option) {
        if (value < min) {
            throw new IllegalArgumentException(option + " must be >= " + min + ", got " + value);
        }
    }

    private static void atMost(int value, int max, String option) {
        if (value > max) {
            throw new IllegalArgumentException(option + " must be <= " + max + ", got " + value);
        }
    }

    /**
     * Keys without prefix: units, layers, window, horizon, stride, epochs, batch, lr, seed, patience, dropout, clip,
     * relative, optimizer when it is not adam, lr_plateau when it is on and quantiles when there are any (files of models trained without them
     * look as they did before these existed).
     */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("units", Integer.toString(units));
        m.put("layers", Integer.toString(layers));
        m.put("window", Integer.toString(window));
        m.put("horizon", Integer.toString(horizon));
        m.put("stride", Integer.toString(stride));
        m.put("epochs", Integer.toString(epochs));
        m.put("batch", Integer.toString(batch));
        m.put("lr", Double.toString(learningRate));
        m.put("seed", Long.toString(seed));
        m.put("patience", Integer.toString(patience));
        m.put("dropout", Double.toString(dropout));
        m.put("clip", Double.toString(clip));
        m.put("relative", Boolean.toString(relative));
        if (!optimizer.equals("adam")) {
            m.put("optimizer", optimizer);
        }
        if (plateau > 0) {
            m.put("lr_plateau", Integer.toString(plateau));
        }
        if (quantiles.any()) {
            m.put("quantiles", quantiles.text());
        }
        return m;
    }

    /** Reads {@link #toMap()} back; missing or malformed keys name the key. */
    public static HyperParameters fromMap(Map<String, String> m) {
        return new HyperParameters(MetadataKeys.integer(m, "units"), MetadataKeys.integer(m, "layers"),
                MetadataKeys.integer(m, "window"), MetadataKeys.integer(m, "horizon"),
                MetadataKeys.integer(m, "stride"), MetadataKeys.integer(m, "epochs"),
                MetadataKeys.integer(m, "batch"), MetadataKeys.number(m, "lr"),
                Long.parseLong(MetadataKeys.text(m, "seed")), MetadataKeys.integer(m, "patience"),
                MetadataKeys.number(m, "dropout"), MetadataKeys.number(m, "clip"),
                Boolean.parseBoolean(m.getOrDefault("relative", "false")),  // absent before --relative existed
                m.getOrDefault("optimizer", "adam"),                        // absent for Adam
                m.containsKey("lr_plateau") ? MetadataKeys.integer(m, "lr_plateau") : 0,
                QuantileLevels.parse(m.get("quantiles")));                  // absent for point models
    }

    /** One line for reports: {@code units 50, layers 1, window 12, horizon 1, …}. */
    public String describe() {
        return String.format(Locale.ROOT, "units %d, layers %d, window %d, horizon %d, stride %d, epochs %d, batch %d, "
                + "lr %s, seed %d%s%s%s%s", units, layers, window, horizon, stride, epochs, batch, learningRate, seed,
                patience > 0 ? ", patience " + patience : "", plateau > 0 ? ", lr-plateau " + plateau : "",
                dropout > 0 ? ", dropout " + dropout : "",
                clip > 0 ? ", clip " + clip : "") + (relative ? ", relative windows" : "")
                + (optimizer.equals("adam") ? "" : ", optimizer " + optimizer)
                + (quantiles.any() ? ", quantiles " + quantiles.text() : "");
    }
}
