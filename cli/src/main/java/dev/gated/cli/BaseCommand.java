package dev.gated.cli;

import dev.gated.cli.options.TrainingOptions;
import dev.gated.forecast.AutoSettings;
import dev.gated.forecast.ConformalCalibration;
import dev.gated.forecast.DataSpec;
import dev.gated.forecast.Preset;
import dev.gated.forecast.TrainingChoices;
import dev.gated.forecast.HyperParameters;
import dev.gated.forecast.MemoryEstimate;
import dev.gated.layer.recurrent.RecurrentKind;
import dev.gated.forecast.PreparedData;
import dev.gated.forecast.QuantileLevels;
import dev.gated.forecast.ScaledSeries;
import dev.gated.forecast.Scoreboard;
import dev.gated.model.ProgressBar;
import dev.gated.model.TrainingListener;
import dev.gated.timeseries.TimeSeriesTable;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** What every subcommand shares: the streams, {@code --json}, {@code --debug}, progress display, warnings. */
abstract class BaseCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print one JSON document on standard output instead of text "
            + "(field names in docs/forecasting.md).")
    boolean json;

    @Option(names = "--debug", description = "On an error, print the stack trace too.")
    boolean debug;

    @Option(names = "--quiet", description = "No progress lines on standard error for steps that take more than a "
            + "second (reading, scaling, evaluating, baselines, saving); errors and warnings still show.")
    boolean quiet;

    Io io() {
        return ((GatedCommand) spec.root().userObject()).io();
    }

    /** Progress for steps longer than a second, on standard error; silent with --quiet or --json. */
    SlowSteps steps() {
        return new SlowSteps(io().err(), !quiet && !json);
    }

    /** A usage error (exit code 2) for this command. */
    ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** Keras-style live progress on a terminal (to stderr when stdout carries JSON); nothing when piped. */
    List<TrainingListener> progress() {
        if (!io().interactive()) {
            return List.of();
        }
        return List.of(new ProgressBar(json ? io().err() : io().out(), true));
    }

    /**
     * The settings of a training run and the table they were chosen for.
     *
     * @param table the data, read with {@code data}'s columns
     * @param hp    the hyper-parameters to train with
     * @param data  the data settings (validation split settled)
     * @param notes the automatic choices, one line each (empty under --preset keras-tutorial)
     */
    record Settings(TimeSeriesTable table, HyperParameters hp, DataSpec data, List<String> notes) {
    }

    /**
     * Reads the data and settles every training setting: those given, the rest from --preset. Checks that a
     * {@code kind} network fits in memory before reading (with the settings that need no data) and after: an
     * impossible size fails at once, naming the option to change. With {@code checkpointed} (--checkpoint-every,
     * --resume), early stopping and the plateau rule are off unless given, since a checkpoint does not hold their
     * state.
     */
    Settings settle(Path file, DataSpec requested, TrainingOptions training, Double validationSplit,
                    RecurrentKind kind, boolean checkpointed) throws Exception {
        DataSpec resolved = steps().run("typing the columns of " + file, () -> PreparedData.resolve(file, requested));
        int features = resolved.inputColumns().size() + 1;
        TrainingChoices choices = training.choices(validationSplit);
        if (checkpointed) {
            choices = choices.withoutStoppingState();
        }
        HyperParameters before;
        try {   // every given value checked (the tutorial's fill the rest): a bad one is a usage error
            before = AutoSettings.settle(Preset.KERAS_TUTORIAL, choices, null, resolved).hp();
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        MemoryEstimate.of(kind, before, features, 0).requireFitsInHeap();
        TimeSeriesTable table = steps().run("reading " + file, () -> ScaledSeries.read(file, resolved));
        // a failure now is the data's (too few rows for the split): exit code 1, as when preparing it
        AutoSettings.Settled settled = AutoSettings.settle(training.preset(commandLine()), choices, table, resolved);
        MemoryEstimate.of(kind, settled.hp(), features, table.rowCount()).requireFitsInHeap();
        List<String> notes = new java.util.ArrayList<>(settled.notes());
        if (checkpointed && !notes.isEmpty() && (training.choices(null).patience() == null
                || training.choices(null).plateau() == null)) {
            notes.add("--patience 0, --lr-plateau 0 unless given: a checkpoint does not hold their state, so a "
                    + "resumed run could not continue them");
        }
        return new Settings(table, settled.hp().withQuantiles(training.quantiles(commandLine())), settled.data(),
                List.copyOf(notes));
    }

    /** Splits, scales and windows the table of {@code settings}. */
    PreparedData prepare(Settings settings) throws Exception {
        return steps().run("fitting the scaler and making the windows of " + settings.table().rowCount() + " rows",
                () -> PreparedData.prepare(settings.table(), settings.data(), settings.hp().windowing(), null));
    }

    /** Scores a trained network on the validation and test windows, then the baselines, into {@code board}. */
    void score(Scoreboard board, String name, String detail, dev.gated.model.Sequential network, double seconds,
               int epochs, PreparedData prepared, int window, QuantileLevels levels) throws Exception {
        steps().run("evaluating " + name + " on the validation and test windows", () ->
                board.addModel(name, detail, network, seconds, epochs, prepared));
        baselines(board, prepared, window, levels);
    }

    /**
     * Whether to calibrate the intervals ({@code --calibrate}, {@code --no-calibrate}, or null when neither was
     * given: on for a quantile model when the split has a validation part). Decided before training, so that an
     * explicit --calibrate that cannot be done (no quantiles, no validation part) is refused before any training.
     */
    boolean calibrates(Boolean asked, QuantileLevels levels, PreparedData prepared) {
        boolean severalTargets = prepared.series().spec().targetCount() > 1;
        if (asked == null) {
            if (levels.any() && prepared.validation() == null) {
                say("intervals: the raw quantiles (no validation part to calibrate them on)");
            } else if (levels.any() && severalTargets) {
                say("intervals: the raw quantiles (conformal calibration is for one target; this model has "
                        + prepared.series().spec().targetCount() + ")");
            }
            return levels.any() && prepared.validation() != null && !severalTargets;
        }
        if (!asked) {
            return false;
        }
        if (severalTargets) {
            throw usage("--calibrate corrects the intervals of one target, and --target names "
                    + prepared.series().spec().targetCount() + "; drop --calibrate or forecast one target at a time");
        }
        if (!levels.any()) {
            throw usage("--calibrate corrects prediction intervals; give --quantiles too, e.g. --quantiles 0.1,0.5,0.9");
        }
        if (prepared.validation() == null) {
            throw usage("--calibrate fits its correction on the validation part, and this split has none; give "
                    + "--split TRAIN,VAL (e.g. 0.6,0.2) or --val-split F");
        }
        return true;
    }

    /**
     * {@code --calibrate} after training: scores the raw network as {@code NAME-raw}, then fits the conformal
     * correction on the validation part and keeps it in the network (so the next scoring and the saved file use
     * it).
     */
    void calibrate(boolean calibrate, Scoreboard board, String name, String detail, dev.gated.model.Sequential network,
                   double seconds, int epochs, PreparedData prepared) throws Exception {
        if (!calibrate) {
            return;
        }
        steps().run("evaluating " + name + "'s raw intervals", () -> board.addModel(name + "-raw",
                detail + ", raw", network, seconds, epochs, prepared));
        ConformalCalibration c = ConformalCalibration.fit(network, prepared.validation());
        c.stampInto(network);
        ScaledSeries series = prepared.series();
        double q = series.unscale(new float[] {(float) c.outerCorrection(0)})[0] - series.unscale(new float[] {0})[0];
        say(String.format(java.util.Locale.ROOT, "%s: conformal calibration on %d validation windows: the interval's "
                + "bounds move %s by %.4g (step 1, target units)", name, c.windows(), q >= 0 ? "out" : "in",
                Math.abs(q)));
    }

    /** The baselines (naive, seasonal naive with its period detected, moving average) into {@code board}. */
    void baselines(Scoreboard board, PreparedData prepared, int window, QuantileLevels levels) throws Exception {
        steps().run("computing the baselines (period detection on " + prepared.series().rows() + " rows)",
                () -> board.addBaselines(prepared, window, this::warn, levels));
    }

    private picocli.CommandLine commandLine() {
        return spec.commandLine();
    }

    /** The "auto settings" block: one line per automatic choice, nothing when there is none. */
    void sayNotes(Settings settings) {
        if (!settings.notes().isEmpty()) {
            say("auto settings (give a flag to override it; --preset keras-tutorial for the tutorial's):");
            settings.notes().forEach(n -> say("  " + n));
        }
    }

    void warn(String message) {
        io().err().println("gated: warning: " + Failures.oneLine(message));
    }

    /** A line of text output; suppressed with --json so that stdout holds only the JSON document. */
    void say(String line) {
        if (!json) {
            io().out().println(line);
        }
    }
}
