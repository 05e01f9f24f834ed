package dev.gated.cli.options;

import dev.gated.audio.Normalisation;
import dev.gated.audio.TrainingOptions;
import dev.gated.layer.recurrent.RecurrentKind;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options of {@code gated speech train}, {@code train-ctc} and {@code compare}; an option not given takes the
 * command's defaults ({@link TrainingOptions#DEFAULTS} for one digit, {@code DigitTranscriber.DEFAULTS} for CTC).
 */
public final class SpeechOptions {

    @Option(names = "--data", paramLabel = "DIR", description = "FSDD's recordings/ folder ({digit}_{speaker}_{index}.wav; "
            + "default: shared/data/fsdd/recordings found upwards, or $GATED_SHARED_DATA).")
    public Path data;

    @Option(names = "--units", description = "Hidden units per direction (default: 64; train-ctc: 128).")
    public Integer units;

    @Option(names = "--bidirectional", description = "Read each utterance both ways (cannot stream).")
    public boolean bidirectional;

    @Option(names = "--epochs", description = "Epochs (default: 30; train-ctc: 20).")
    public Integer epochs;

    @Option(names = "--batch-size", description = "Utterances per update (default: 32; train-ctc: 16).")
    public Integer batchSize;

    @Option(names = "--learning-rate", description = "Adam learning rate (default: 0.003; train-ctc: 0.005).")
    public Double learningRate;

    @Option(names = "--dropout", description = "Input and recurrent dropout (default: 0.2; train-ctc: 0.1).")
    public Double dropout;

    @Option(names = "--normalise", defaultValue = "global", paramLabel = "utterance|global",
            description = "Feature normalisation: per utterance (offline only) or global training statistics (needed to "
                    + "stream) (default: ${DEFAULT-VALUE}).")
    public String normalise;

    @Option(names = "--seed", defaultValue = "42", description = "Seed for weights, shuffling and dropout (default: ${DEFAULT-VALUE}).")
    public long seed;

    @Option(names = "--max-index", defaultValue = "50", paramLabel = "N",
            description = "Use only recordings with index < N (a quick subset; the split stays index 0-4 test) (default: ${DEFAULT-VALUE}).")
    public int maxIndex;

    /** The options for {@code kind} with the one-digit defaults; throws IllegalArgumentException naming the bad value. */
    public TrainingOptions toTrainingOptions(RecurrentKind kind) {
        return toTrainingOptions(kind, TrainingOptions.DEFAULTS);
    }

    /** The options for {@code kind}, each one not given taken from {@code defaults}. */
    public TrainingOptions toTrainingOptions(RecurrentKind kind, TrainingOptions defaults) {
        Normalisation.Kind norm = Normalisation.parseKind(normalise);
        return new TrainingOptions(kind, or(units, defaults.units()), bidirectional, or(epochs, defaults.epochs()),
                or(batchSize, defaults.batchSize()), or(learningRate, defaults.learningRate()), seed, norm,
                or(dropout, defaults.dropout()));
    }

    private static <T> T or(T given, T fallback) {
        return given != null ? given : fallback;
    }
}
