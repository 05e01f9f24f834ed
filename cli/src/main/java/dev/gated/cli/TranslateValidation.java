package dev.gated.cli;

import dev.gated.translate.TrainingOptions;
import picocli.CommandLine.Option;

/**
 * Validation, early stopping, the learning rate on a plateau and a time budget, for {@code gated translate train} and
 * {@code compare}: the validation sentences come out of the training part (never the test part).
 */
final class TranslateValidation {

    @Option(names = "--validation-fraction", defaultValue = "0", paramLabel = "F",
            description = "Hold out this share of the TRAINING source sentences; after each epoch their loss picks the best weights, "
                    + "which are kept (default: ${DEFAULT-VALUE}, no validation: every epoch runs, the last weights are kept).")
    double fraction;

    @Option(names = "--patience", defaultValue = "2", paramLabel = "K",
            description = "With validation: stop after K epochs without a better validation loss (default: ${DEFAULT-VALUE}).")
    int patience;

    @Option(names = "--plateau-factor", defaultValue = "1", paramLabel = "G",
            description = "With validation: multiply the learning rate by G after each epoch without a better validation loss "
                    + "(default: ${DEFAULT-VALUE}, unchanged).")
    double plateauFactor;

    @Option(names = "--time-limit", defaultValue = "0", paramLabel = "MINUTES",
            description = "Wall-clock budget for training each model: no epoch starts that would end past it, judged by the last epoch's "
                    + "duration (default: ${DEFAULT-VALUE}, none). With validation the best epoch's weights are kept.")
    double timeLimit;

    TrainingOptions apply(TrainingOptions options) {
        return options.withValidation(fraction, patience, plateauFactor).withTimeLimit(timeLimit);
    }
}
