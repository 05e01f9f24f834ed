package dev.gated.cli.options;

import dev.gated.forecast.HyperParameters;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine;

/**
 * The model's hyper-parameters, declared once with description and default for every command that trains
 * (train, compare); {@link #toHyperParameters} validates them into a {@link HyperParameters} record, which is
 * what the model file stores.
 */
public final class TrainingOptions {

    @Option(names = "--units", defaultValue = "50", paramLabel = "N",
            description = "Hidden units per recurrent layer (default: ${DEFAULT-VALUE}).")
    int units;

    @Option(names = "--layers", defaultValue = "1", paramLabel = "N",
            description = "Stacked recurrent layers (default: ${DEFAULT-VALUE}).")
    int layers;

    @Option(names = "--window", defaultValue = "10", paramLabel = "T",
            description = "Input steps per window (default: ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--horizon", defaultValue = "1", paramLabel = "H",
            description = "Steps predicted at once, Dense(H) output (direct multi-step) (default: ${DEFAULT-VALUE}).")
    int horizon;

    @Option(names = "--stride", defaultValue = "1", paramLabel = "S",
            description = "Rows between consecutive training and validation windows; >1 subsamples them; test windows "
                    + "always use stride 1 (default: ${DEFAULT-VALUE}).")
    int stride;

    @Option(names = "--epochs", defaultValue = "20", paramLabel = "N",
            description = "Training epochs (at most, with --patience) (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch", defaultValue = "32", paramLabel = "B",
            description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--lr", defaultValue = "0.001", paramLabel = "RATE",
            description = "Learning rate of the optimizer (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "N",
            description = "Seed of weights, shuffling and dropout (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--patience", defaultValue = "0", paramLabel = "N",
            description = "Early stopping: stop after N epochs without a better val_loss and keep the best weights; "
                    + "0 = off (default: ${DEFAULT-VALUE}).")
    int patience;

    @Option(names = "--dropout", defaultValue = "0", paramLabel = "RATE",
            description = "Dropout after each recurrent layer, in [0, 1) (default: ${DEFAULT-VALUE}).")
    double dropout;

    @Option(names = "--clip", defaultValue = "0", paramLabel = "NORM",
            description = "Clip gradients by global norm; 0 = off (default: ${DEFAULT-VALUE}).")
    double clip;

    @Option(names = "--optimizer", defaultValue = "adam", paramLabel = "NAME",
            description = "adam, adamw, rmsprop or sgd (default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--relative",
            description = "Feed each window relative to its last value and predict the change from it (as NLinear "
                    + "does): helps recurrent nets follow a level they never saw in training, e.g. a trend.")
    boolean relative;

    /** The validated hyper-parameters; an out-of-range value is a usage error naming the option. */
    public HyperParameters toHyperParameters(CommandLine commandLine) {
        try {
            return new HyperParameters(units, layers, window, horizon, stride, epochs, batch, learningRate, seed,
                    patience, dropout, clip, relative, optimizer);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(commandLine, e.getMessage());
        }
    }
}
