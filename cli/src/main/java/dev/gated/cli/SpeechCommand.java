package dev.gated.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code gated speech}: spoken digits from WAV audio (see docs/speech.md). */
@Command(name = "speech", mixinStandardHelpOptions = true,
        description = "Spoken-digit recognition from WAV audio: MFCC frames into an RNN, LSTM or GRU.",
        subcommands = {SpeechTrainCommand.class, SpeechEvaluateCommand.class, SpeechPredictCommand.class,
                SpeechCompareCommand.class})
final class SpeechCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("gated: error: name a speech command: train, evaluate, predict or compare "
                + "(see 'gated speech --help')");
        return picocli.CommandLine.ExitCode.USAGE;
    }
}
