package dev.gated.cli.options;

import dev.gated.audio.Normalisation;
import dev.gated.audio.TrainingOptions;
import dev.gated.layer.recurrent.RecurrentKind;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options of {@code gated speech train} and {@code compare}; defaults from {@link TrainingOptions#DEFAULTS}. */
public final class SpeechOptions {

    @Option(names = "--data", paramLabel = "DIR", description = "FSDD's recordings/ folder ({digit}_{speaker}_{index}.wav; "
            + "default: shared/data/fsdd/recordings found upwards, or $GATED_SHARED_DATA).")
    public Path data;

    @Option(names = "--units", defaultValue = "64", description = "Hidden units per direction (default: ${DEFAULT-VALUE}).")
    public int units;

    @Option(names = "--bidirectional", description = "Read each utterance both ways (cannot stream).")
    public boolean bidirectional;

    @Option(names = "--epochs", defaultValue = "30", description = "Epochs (default: ${DEFAULT-VALUE}).")
    public int epochs;

    @Option(names = "--batch-size", defaultValue = "32", description = "Utterances per update (default: ${DEFAULT-VALUE}).")
    public int batchSize;

    @Option(names = "--learning-rate", defaultValue = "0.003", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    public double learningRate;

    @Option(names = "--dropout", defaultValue = "0.2", description = "Input and recurrent dropout (default: ${DEFAULT-VALUE}).")
    public double dropout;

    @Option(names = "--normalise", defaultValue = "global", paramLabel = "utterance|global",
            description = "Feature normalisation: per utterance (offline only) or global training statistics (needed to "
                    + "stream) (default: ${DEFAULT-VALUE}).")
    public String normalise;

    @Option(names = "--seed", defaultValue = "42", description = "Seed for weights, shuffling and dropout (default: ${DEFAULT-VALUE}).")
    public long seed;

    @Option(names = "--max-index", defaultValue = "50", paramLabel = "N",
            description = "Use only recordings with index < N (a quick subset; the split stays index 0-4 test) (default: ${DEFAULT-VALUE}).")
    public int maxIndex;

    /** The options for {@code kind}; throws IllegalArgumentException naming the bad value. */
    public TrainingOptions toTrainingOptions(RecurrentKind kind) {
        Normalisation.Kind norm = Normalisation.parseKind(normalise);
        return new TrainingOptions(kind, units, bidirectional, epochs, batchSize, learningRate, seed, norm, dropout);
    }
}
