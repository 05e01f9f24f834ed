package dev.gated.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code gated speech}: spoken digits from WAV audio (see docs/speech.md). */
@Command(name = "speech", aliases = "audio", mixinStandardHelpOptions = true,
        description = "Spoken digits from WAV audio: MFCC frames into an RNN, LSTM or GRU; one digit (train, predict) or digit strings with CTC (train-ctc, transcribe).",
        subcommands = {SpeechTrainCommand.class, SpeechEvaluateCommand.class, SpeechPredictCommand.class,
                SpeechCompareCommand.class, SpeechTrainCtcCommand.class, SpeechTranscribeCommand.class})
final class SpeechCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("gated: error: name a speech command: train, evaluate, predict, compare, train-ctc or transcribe "
                + "(see 'gated speech --help')");
        return picocli.CommandLine.ExitCode.USAGE;
    }
}
