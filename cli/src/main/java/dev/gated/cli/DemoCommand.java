package dev.gated.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code gated demo}: small self-contained programs; {@code gated demo sine} is the Keras LSTM tutorial;
 * {@code sentiment} and {@code shakespeare} are word- and character-level text models. */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Self-contained examples.", subcommands = {DemoSineCommand.class, DemoSentimentCommand.class, DemoShakespeareCommand.class})
final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("gated: error: name a demo: sine, sentiment or shakespeare (see 'gated demo --help')");
        return picocli.CommandLine.ExitCode.USAGE;
    }
}
