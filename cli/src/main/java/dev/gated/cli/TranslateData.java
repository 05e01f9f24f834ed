package dev.gated.cli;

import dev.gated.translate.CorpusSplit;
import dev.gated.translate.Example;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** The data options shared by {@code translate train}, {@code evaluate} and {@code compare}: one split for all three. */
final class TranslateData {

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "Tab-separated sentence pairs (e.g. shared/data/tatoeba-eng-fra/eng-fra.tsv).")
    Path file;

    @Option(names = "--source-col", defaultValue = "0", description = "Source column, 0-based (default: ${DEFAULT-VALUE}).")
    int sourceColumn;

    @Option(names = "--target-col", defaultValue = "1", description = "Target column, 0-based (default: ${DEFAULT-VALUE}).")
    int targetColumn;

    @Option(names = "--max-source-chars", defaultValue = "30", description = "Keep sentences whose source has at most this many characters (default: ${DEFAULT-VALUE}).")
    int maxSource;

    @Option(names = "--max-target-chars", defaultValue = "40", description = "… and whose first reference has at most this many (default: ${DEFAULT-VALUE}).")
    int maxTarget;

    @Option(names = "--max-sentences", defaultValue = "100000", description = "Use at most this many sentences of a part (seeded sample; default: ${DEFAULT-VALUE}).")
    int maxSentences;

    @Option(names = "--test-fraction", defaultValue = "0.1", description = "Fraction of source sentences held out (default: ${DEFAULT-VALUE}).")
    double testFraction;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the split, the sampling and the weights (default: ${DEFAULT-VALUE}).")
    long seed;

    CorpusSplit split(List<Example> all) {
        return CorpusSplit.of(all, testFraction, seed, maxSource, maxTarget);
    }
}
