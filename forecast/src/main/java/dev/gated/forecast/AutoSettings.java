package dev.gated.forecast;

import dev.gated.timeseries.RowRange;
import dev.gated.timeseries.TimeSeriesTable;
import dev.gated.timeseries.baseline.CalendarPeriods;
import dev.gated.timeseries.baseline.PeriodDetector;
import dev.gated.timeseries.baseline.SeasonalPeriod;
import dev.gated.timeseries.split.ChronologicalSplit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The training settings of a run: what the user gave, the rest from the {@link Preset}. Under {@code auto} the rest
 * is chosen from the data, with the reason for each choice:
 * <pre>
 *   p         = --period, else the period detected on the training rows, calendar periods of the time column
 *               first (daily → 7 or 365, hourly → 24 or 168, monthly → 12, quarterly → 4; see PeriodDetector)
 *   window T  = the smallest whole number of periods ≥ 8 steps (p = 7 → 14, 12 → 12, 24 → 24, 4 → 8);
 *               a period over 168 steps is replaced by the time column's largest calendar period ≤ 168, else 8;
 *               T ≤ training rows / 3 so that the training part still holds windows
 *   relative  = on: each window relative to its last value, the change from it predicted (NLinear's normalisation)
 *   val-split = 0.2: the last fifth of the training windows, in time order, when the split has no validation part
 *               (none with fewer than 20 training windows)
 *   stride S  = ⌈N·T / 400,000⌉ for N training windows: each epoch reads at most ~400k window steps
 *   batch B   = 8 below 500 windows per epoch, 32 up to 4,000, 64 above
 *   epochs    = ⌈8,000 / steps per epoch⌉ clamped to [30, 300]: about 8,000 gradient steps at most
 *   patience  = ⌈150 / steps per epoch⌉ clamped to [10, 30] epochs without a better val_loss stop training, the
 *               best epoch's weights kept (small data has few steps per epoch and a noisy val_loss: more epochs)
 *   lr-plateau= patience / 2 epochs without a better val_loss halve the learning rate (down to 1e-5)
 * </pre>
 * Other settings (units 50, 1 layer, horizon 1, Adam 0.001, seed 42, no dropout or clipping) are those of the
 * Keras tutorial under both presets. {@code keras-tutorial} fixes window 10, 20 epochs, batch 32, stride 1, absolute
 * windows, no validation, no early stopping and no plateau.
 */
public final class AutoSettings {

    static final int MIN_WINDOW = 8;
    static final int MAX_WINDOW = 168;
    static final double VALIDATION_SPLIT = 0.2;
    static final int MIN_WINDOWS_FOR_VALIDATION = 20;
    static final int MIN_PATIENCE = 10;
    static final int MAX_PATIENCE = 30;
    static final int PATIENCE_STEPS = 150;
    static final int SMALL_EPOCH = 500;
    static final long WINDOW_STEPS_PER_EPOCH = 400_000;
    static final int LARGE_EPOCH = 4_000;
    static final int GRADIENT_STEPS = 8_000;
    static final int MIN_EPOCHS = 30;
    static final int MAX_EPOCHS = 300;

    /**
     * The settled settings.
     *
     * @param hp    the hyper-parameters to train with
     * @param data  the data settings, with the validation split chosen
     * @param notes one line per automatic choice: the flag, its value and why (empty under keras-tutorial and
     *              for every setting the user gave)
     */
    public record Settled(HyperParameters hp, DataSpec data, List<String> notes) {
    }

    private AutoSettings() {
    }

    /**
     * Settles every setting for {@code table} (read with {@code data}'s columns): the given {@code choices} first,
     * the rest from {@code preset} ({@code table} may be null under keras-tutorial, which reads no data).
     *
     * @throws IllegalArgumentException naming the option when a given or chosen value is out of range
     */
    public static Settled settle(Preset preset, TrainingChoices choices, TimeSeriesTable table, DataSpec data) {
        if (preset == Preset.KERAS_TUTORIAL) {
            return tutorial(choices, data);
        }
        List<String> notes = new ArrayList<>();
        ChronologicalSplit split = data.split().apply(table.rowCount(), table.source());
        RowRange train = split.train();
        int horizon = or(choices.horizon(), 1);
        int window = choices.window() != null ? choices.window() : window(table, data, train, horizon, notes);
        double validationSplit = validationSplit(choices, data, split, train.length() - window - horizon + 1, notes);
        int windows = Math.max(1, (int) Math.floor((train.length() - window - horizon + 1) * (1 - validationSplit)));
        int stride = choices.stride() != null ? choices.stride() : note(notes, "--stride",
                (int) Math.max(1, Math.ceil((double) windows * window / WINDOW_STEPS_PER_EPOCH)),
                String.format(Locale.ROOT, "every epoch reads at most ~%,d window steps (%,d training windows × T=%d)",
                        WINDOW_STEPS_PER_EPOCH, windows, window));
        int perEpoch = (windows + stride - 1) / stride;
        int batch = choices.batch() != null ? choices.batch() : note(notes, "--batch",
                perEpoch < SMALL_EPOCH ? 8 : perEpoch > LARGE_EPOCH ? 64 : 32,
                String.format(Locale.ROOT, "%,d windows per epoch", perEpoch));
        int steps = (perEpoch + batch - 1) / batch;
        int epochs = choices.epochs() != null ? choices.epochs() : note(notes, "--epochs",
                Math.max(MIN_EPOCHS, Math.min(MAX_EPOCHS, (GRADIENT_STEPS + steps - 1) / steps)),
                String.format(Locale.ROOT, "at most, about %,d gradient steps of %d per epoch, clamped to [%d, %d]",
                        GRADIENT_STEPS, steps, MIN_EPOCHS, MAX_EPOCHS));
        boolean validated = validationSplit > 0 || !split.validation().isEmpty();
        String monitored = validated ? "val_loss" : "the training loss (there is no validation part)";
        int patience = choices.patience() != null ? choices.patience() : note(notes, "--patience",
                Math.max(MIN_PATIENCE, Math.min(MAX_PATIENCE, (PATIENCE_STEPS + steps - 1) / steps)),
                "early stopping on " + monitored + " (about " + PATIENCE_STEPS + " gradient steps, " + MIN_PATIENCE
                        + " to " + MAX_PATIENCE + " epochs), the best epoch's weights kept");
        int half = Math.max(1, patience / 2);
        int plateau = choices.plateau() != null ? choices.plateau() : note(notes, "--lr-plateau", half,
                "the learning rate halves after " + half + " epochs without a better " + (validated ? "val_loss"
                        : "training loss") + " (down to " + HyperParameters.PLATEAU_MIN_RATE + ")");
        boolean relative = choices.relative() != null ? choices.relative() : noteFlag(notes,
                "--relative: each window relative to its last value, the change predicted (NLinear); "
                        + "--no-relative for absolute windows");
        HyperParameters hp = new HyperParameters(or(choices.units(), 50), or(choices.layers(), 1), window, horizon,
                stride, epochs, batch, or(choices.learningRate(), 0.001), or(choices.seed(), 42L),
                patience, or(choices.dropout(), 0.0), or(choices.clip(), 0.0), relative,
                or(choices.optimizer(), "adam"), plateau);
        return new Settled(hp, data.withSplit(data.split().withValidationSplit(validationSplit)), notes);
    }

    private static Settled tutorial(TrainingChoices c, DataSpec data) {
        HyperParameters hp = new HyperParameters(or(c.units(), 50), or(c.layers(), 1), or(c.window(), 10),
                or(c.horizon(), 1), or(c.stride(), 1), or(c.epochs(), 20), or(c.batch(), 32),
                or(c.learningRate(), 0.001), or(c.seed(), 42L), or(c.patience(), 0), or(c.dropout(), 0.0),
                or(c.clip(), 0.0), or(c.relative(), false), or(c.optimizer(), "adam"), or(c.plateau(), 0));
        double vs = or(c.validationSplit(), 0.0);
        return new Settled(hp, data.withSplit(data.split().withValidationSplit(vs)), List.of());
    }

    /** The window from the period, as the class comment says; notes the period and the window. */
    static int window(TimeSeriesTable table, DataSpec data, RowRange train, int horizon, List<String> notes) {
        int period;
        String why;
        if (data.period() > 0) {
            period = data.period();
            why = "given by --period";
        } else {
            try {
                SeasonalPeriod p = PeriodDetector.detect(table.column(data.target()), train, table.time());
                period = p.lag();
                why = p.reason() + String.format(Locale.ROOT, ", autocorrelation of differences %.2f", p.acf());
            } catch (IllegalArgumentException none) {
                period = 0;
                why = "none found (" + none.getMessage() + ")";
            }
        }
        notes.add("period " + (period > 0 ? period : "—") + ": " + why);
        int room = Math.max(1, train.length() / 3);
        int basis = period;
        String from = "the period";
        if (period > MAX_WINDOW) {
            basis = CalendarPeriods.of(table.time()).stream().mapToInt(CalendarPeriods.Candidate::lag)
                    .filter(l -> l <= MAX_WINDOW).max().orElse(0);
            from = basis > 0 ? "the time column's shorter calendar period " + basis + " (" + period + " > "
                    + MAX_WINDOW + " steps)" : "no period of at most " + MAX_WINDOW + " steps";
        }
        int window = basis >= 2 ? basis * (int) Math.ceil((double) MIN_WINDOW / basis) : MIN_WINDOW;
        String reason = basis >= 2 ? (window / basis == 1 ? "one" : window / basis + " whole") + " period"
                + (window / basis == 1 ? "" : "s") + " of " + basis + " (" + from + "), at least " + MIN_WINDOW
                + " steps" : MIN_WINDOW + " steps (" + (period > 0 ? from : "no period") + ")";
        if (window > room) {
            reason += String.format(Locale.ROOT, "; cut from %d to a third of the %d training rows", window,
                    train.length());
            window = room;
        }
        return note(notes, "--window", window, reason);
    }

    private static double validationSplit(TrainingChoices c, DataSpec data, ChronologicalSplit split, int windows,
                                          List<String> notes) {
        if (c.validationSplit() != null) {
            return c.validationSplit();
        }
        if (!split.validation().isEmpty()) {
            notes.add("--val-split 0: the split " + data.split().describe() + " has a validation part");
            return 0;
        }
        if (windows < MIN_WINDOWS_FOR_VALIDATION) {
            notes.add("--val-split 0: only " + windows + " training windows, too few to hold some out");
            return 0;
        }
        notes.add(String.format(Locale.ROOT, "--val-split %s: the last %d of the %d training windows, in time "
                + "order, validate", VALIDATION_SPLIT, (int) Math.ceil(windows * VALIDATION_SPLIT), windows));
        return VALIDATION_SPLIT;
    }

    private static int note(List<String> notes, String flag, int value, String why) {
        notes.add(flag + " " + value + ": " + why);
        return value;
    }

    private static boolean noteFlag(List<String> notes, String line) {
        notes.add(line);
        return true;
    }

    private static <T> T or(T given, T otherwise) {
        return given != null ? given : otherwise;
    }
}
