package dev.gated.cli.options;

import dev.gated.forecast.CalendarFeatures;
import dev.gated.forecast.DataSpec;
import dev.gated.forecast.SplitSpec;
import dev.gated.timeseries.scale.ScalerKind;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine;

/** Which CSV file and columns to learn from, and how to split and scale them (train, compare). */
public final class DataOptions {

    @Option(names = "--data", required = true, paramLabel = "FILE.csv",
            description = "CSV file with a header line; one row per time step.")
    Path data;

    @Option(names = "--target", required = true, paramLabel = "COLUMN[,COLUMN…]",
            description = "The column to forecast, or several comma-separated (one network forecasts them at once, "
                    + "each scaled on the training rows and scored on its own).")
    String target;

    @Option(names = "--features", split = ",", paramLabel = "COLUMN",
            description = "Input columns, comma-separated (default: the target alone); 'all' = every column but "
                    + "the time column and --ignore'd ones. A text column (e.g. weather: rain, sun, …) is fed "
                    + "one-hot, one 0/1 input per value.")
    List<String> features;

    @Option(names = "--calendar", split = ",", paramLabel = "PART",
            description = "Calendar inputs derived from the time column, one-hot: hour (of the day), weekday, month, "
                    + "comma-separated, e.g. hour,weekday for hourly rows (default: none).")
    List<String> calendar;

    @Option(names = "--known-future", split = ",", paramLabel = "COLUMN",
            description = "Inputs whose future values are known when forecasting (a holiday 0/1 column, a price "
                    + "plan), comma-separated: the network also reads them on the horizon's rows, and gated forecast "
                    + "needs them on rows after the last target value (target empty). The --calendar inputs are "
                    + "known-future too; 'none' = every input past-only (as before this option existed).")
    List<String> knownFuture;

    @Option(names = "--ignore", split = ",", paramLabel = "COLUMN",
            description = "Columns never read, comma-separated (with --features all: every other column is an input).")
    List<String> ignore;

    @Option(names = "--time", paramLabel = "COLUMN",
            description = "The time column (default: the first column if it is named like a date or holds text).")
    String time;

    @Option(names = "--missing", defaultValue = "error", paramLabel = "POLICY",
            description = "Missing cells: error, interpolate, ffill or drop (default: ${DEFAULT-VALUE}).")
    String missing;

    @Option(names = "--scaler", defaultValue = "minmax", paramLabel = "KIND",
            description = "minmax or standard, fitted on the training rows only (default: ${DEFAULT-VALUE}).")
    String scaler;

    @Option(names = "--split", defaultValue = "0.67", paramLabel = "TRAIN[,VAL]",
            description = "Fractions of the rows, in time order, for training and validation; the rest is the "
                    + "test part (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--split-rows", paramLabel = "TRAIN_END,VAL_END,TEST_END",
            description = "Split by row numbers instead: train [0,a), validation [a,b), test [b,c), "
                    + "e.g. 8640,11520,14400 (the Informer ETTh1 protocol).")
    String splitRows;

    @Option(names = "--val-split", paramLabel = "FRACTION",
            description = "Hold out the last FRACTION of the training windows, in time order, for validation (Keras "
                    + "validation_split), when the split has no validation part (default: 0.2 with 20 or more "
                    + "training windows; keras-tutorial: 0).")
    Double valSplit;

    @Option(names = "--period", defaultValue = "0", paramLabel = "P",
            description = "Season length for the seasonal naive baseline (default: detected on the training rows).")
    int period;

    @Option(names = "--ma-window", defaultValue = "0", paramLabel = "K",
            description = "Values averaged by the moving-average baseline (default: the model's --window).")
    int maWindow;

    public Path file() {
        return data;
    }

    /** --val-split as given, or null when left to the preset. */
    public Double validationSplit() {
        return valSplit;
    }

    /** Parses one option's value; the message of a bad one starts with the option's name. */
    private static <T> T named(String option, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
        }
    }

    /** --known-future's columns then the calendar inputs; none with {@code --known-future none}. */
    private List<String> knownFutureInputs(java.util.Collection<String> calendarInputs) {
        if (knownFuture != null && knownFuture.size() == 1 && knownFuture.get(0).trim().equalsIgnoreCase("none")) {
            return List.of();
        }
        List<String> out = new java.util.ArrayList<>();
        if (knownFuture != null) {
            knownFuture.forEach(k -> out.add(k.trim()));
        }
        out.addAll(calendarInputs);
        return out;
    }

    /** The validated data settings; an invalid value is a usage error naming the option. */
    public DataSpec toDataSpec(CommandLine commandLine) {
        try {
            java.util.Map<String, List<String>> derived = calendar == null ? java.util.Map.of()
                    : CalendarFeatures.of(calendar);
            List<String> targets = java.util.Arrays.stream(target.split(",", -1)).map(String::trim).toList();
            String first = targets.get(0);
            List<String> inputs = new java.util.ArrayList<>(features == null ? targets : features);
            inputs.addAll(derived.keySet());
            List<String> known = knownFutureInputs(derived.keySet());
            for (String k : known) {
                if (!inputs.contains(k) && !targets.contains(k)) {   // a target is refused by DataSpec, by name
                    inputs.add(k);
                }
            }
            if (targets.stream().anyMatch(String::isEmpty)) {
                throw new IllegalArgumentException("--target \"" + target + "\" has an empty column name; name the "
                        + "columns to forecast, comma-separated, e.g. --target A,B");
            }
            return new DataSpec(first, inputs, time, named("--missing", () -> DataSpec.parseMissing(missing)),
                    named("--scaler", () -> ScalerKind.parse(scaler)),
                    SplitSpec.parse(split, splitRows, valSplit == null ? 0 : valSplit),
                    period, maWindow, derived, ignore, known, targets);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(commandLine, e.getMessage());
        }
    }
}
