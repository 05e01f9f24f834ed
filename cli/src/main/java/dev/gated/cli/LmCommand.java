package dev.gated.cli;

import dev.gated.text.lm.LanguageModel;
import dev.gated.text.lm.TextFile;
import dev.gated.text.lm.TextSplit;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gated lm}: character-level or subword language models on a text file (train, evaluate, sample, speed, surprise, curve). */
@Command(name = "lm", mixinStandardHelpOptions = true,
        description = {"Character-level or subword (--vocabulary bpe) language models (stacked LSTM/GRU/RNN, or a small "
                + "Transformer) on a plain text file: train with stateful truncated BPTT, evaluate in nats and bits per "
                + "character, sample by stepping the state.",
                "Docs: docs/text-generation.md"},
        subcommands = {LmTrainCommand.class, LmEvaluateCommand.class, LmSampleCommand.class, LmSpeedCommand.class,
                LmSurpriseCommand.class, LmCurveCommand.class, CommandLine.HelpCommand.class})
final class LmCommand extends BaseCommand {

    @Override
    public Integer call() {
        throw usage("missing command: lm train, evaluate, sample, speed, surprise or curve");
    }

    /** The text of a file given with {@code option}, checked (exists, not binary, UTF-8, not empty). */
    static String readText(Path file, String option) throws IOException {
        FileGuard.input(file, option);
        return TextFile.decode(java.nio.file.Files.readAllBytes(file), option + " " + file);
    }

    /** A language model given with {@code --model}. */
    static LanguageModel readModel(Path file) throws IOException {
        FileGuard.input(file, "--model");
        return LanguageModel.load(file);
    }

    /** The part of a text a command scores: all of it, or the training or validation part of the split. */
    enum Part {
        ALL, TRAIN, VALIDATION;

        /** all, train or validation (any case); a usage error names the option otherwise. */
        static Part parse(String s, BaseCommand command) {
            return switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "all" -> ALL;
                case "train" -> TRAIN;
                case "validation", "val" -> VALIDATION;
                default -> throw command.usage("--part must be all, train or validation but is '" + s + "'");
            };
        }

        String of(String text, double validation, String source) {
            if (this == ALL) {
                return text;
            }
            TextSplit split = TextSplit.of(text, validation, source);
            return this == TRAIN ? split.train() : split.validation();
        }

        String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
