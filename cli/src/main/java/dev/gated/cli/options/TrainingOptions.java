package dev.gated.cli.options;

import dev.gated.forecast.AutoSettings;
import dev.gated.forecast.DataSpec;
import dev.gated.forecast.Preset;
import dev.gated.forecast.QuantileLevels;
import dev.gated.forecast.TrainingChoices;
import dev.gated.timeseries.TimeSeriesTable;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine;

/**
 * The model's hyper-parameters, declared once with description and default for every command that trains
 * (train, compare). A setting left out comes from {@code --preset}: chosen from the data ({@code auto}, see
 * {@link AutoSettings}) or the Keras tutorial's; {@link #settle} validates them into the {@code HyperParameters}
 * record that the model file stores.
 */
public final class TrainingOptions {

    @Option(names = "--preset", defaultValue = "auto", paramLabel = "NAME",
            description = "Where settings you leave out come from: auto (chosen from the data and printed) or "
                    + "keras-tutorial (window 10, 20 epochs, absolute windows, no validation, no early stopping) "
                    + "(default: ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--units", paramLabel = "N", description = "Hidden units per recurrent layer (default: 50).")
    Integer units;

    @Option(names = "--layers", paramLabel = "N", description = "Stacked recurrent layers (default: 1).")
    Integer layers;

    @Option(names = "--window", paramLabel = "T",
            description = "Input steps per window (default: whole periods of the detected or calendar period, "
                    + "at least 8, e.g. 14 for daily rows; keras-tutorial: 10).")
    Integer window;

    @Option(names = "--horizon", paramLabel = "H",
            description = "Steps predicted at once, Dense(H) output (direct multi-step) (default: 1).")
    Integer horizon;

    @Option(names = "--stride", paramLabel = "S",
            description = "Rows between consecutive training and validation windows; >1 subsamples them; test windows "
                    + "always use stride 1 (default: 1, more on long series so an epoch reads ~400k window steps).")
    Integer stride;

    @Option(names = "--epochs", paramLabel = "N",
            description = "Training epochs (at most, with --patience) (default: about 8,000 gradient steps, "
                    + "30 to 300 epochs; keras-tutorial: 20).")
    Integer epochs;

    @Option(names = "--batch", paramLabel = "B",
            description = "Mini-batch size (default: 8 below 500 windows per epoch, 32 up to 4,000, 64 above; "
                    + "keras-tutorial: 32).")
    Integer batch;

    @Option(names = "--lr", paramLabel = "RATE", description = "Learning rate of the optimizer (default: 0.001).")
    Double learningRate;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of weights, shuffling and dropout (default: 42).")
    Long seed;

    @Option(names = "--patience", paramLabel = "N",
            description = "Early stopping: stop after N epochs without a better val_loss and keep the best weights; "
                    + "0 = off (default: about 150 gradient steps' worth of epochs, 10 to 30; keras-tutorial: 0).")
    Integer patience;

    @Option(names = "--lr-plateau", paramLabel = "N",
            description = "Halve the learning rate after N epochs without a better val_loss (down to 1e-5); 0 = off "
                    + "(default: half the patience; keras-tutorial: 0).")
    Integer plateau;

    @Option(names = "--dropout", paramLabel = "RATE",
            description = "Dropout after each recurrent layer, in [0, 1) (default: 0).")
    Double dropout;

    @Option(names = "--clip", paramLabel = "NORM", description = "Clip gradients by global norm; 0 = off (default: 0).")
    Double clip;

    @Option(names = "--optimizer", paramLabel = "NAME", description = "adam, adamw, rmsprop or sgd (default: adam).")
    String optimizer;

    @Option(names = "--relative", negatable = true,
            description = "Feed each window relative to its last value and predict the change from it (as NLinear "
                    + "does), so a network follows a level it never saw in training, e.g. a trend; --no-relative "
                    + "feeds absolute windows (default: relative; keras-tutorial: absolute).")
    Boolean relative;

    @Option(names = "--quantiles", paramLabel = "LEVELS",
            description = "Predict these quantile levels, e.g. 0.1,0.5,0.9 (trained with the pinball loss; 0.5 is "
                    + "added if missing and is the point forecast): prediction intervals [lowest, highest level] in "
                    + "forecasts and plots, their coverage, width and quantile loss on the test part beside "
                    + "intervals of the baselines from their training errors (default: none, a point forecast).")
    String quantiles;

    @Option(names = "--calibrate", negatable = true,
            description = "With --quantiles: correct the interval by split-conformal calibration (conformalised "
                    + "quantile regression) on the validation part, never the test part; the model is saved with "
                    + "the correction, and the raw interval is reported beside it as MODEL-raw (default: on with "
                    + "--quantiles when the split has a validation part; --no-calibrate for the raw quantiles).")
    public Boolean calibrate;

    /** The --quantiles levels, {@link QuantileLevels#NONE} when not given; bad ones are a usage error. */
    public QuantileLevels quantiles(CommandLine commandLine) {
        try {
            return QuantileLevels.parse(quantiles);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(commandLine, e.getMessage());
        }
    }

    /**
     * Every setting for {@code table}: those given on the command line, the rest from --preset. An out-of-range
     * value is a usage error naming the option.
     *
     * @param validationSplit --val-split as given, or null
     */
    public AutoSettings.Settled settle(CommandLine commandLine, TimeSeriesTable table, DataSpec data,
                                       Double validationSplit) {
        try {
            return AutoSettings.settle(preset(commandLine), choices(validationSplit), table, data);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(commandLine, e.getMessage());
        }
    }

    /** The --preset named; an unknown one is a usage error. */
    public Preset preset(CommandLine commandLine) {
        try {
            return Preset.parse(preset);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(commandLine, e.getMessage());
        }
    }

    /** The settings given, null for each left out. */
    public TrainingChoices choices(Double validationSplit) {
        return new TrainingChoices(units, layers, window, horizon, stride, epochs, batch, learningRate, seed, patience,
                dropout, clip, relative, optimizer, plateau, validationSplit);
    }
}
