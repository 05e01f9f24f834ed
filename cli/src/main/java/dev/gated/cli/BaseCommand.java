package dev.gated.cli;

import dev.gated.model.ProgressBar;
import dev.gated.model.TrainingListener;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** What every subcommand shares: the streams, {@code --json}, {@code --debug}, progress display, warnings. */
abstract class BaseCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print one JSON document on standard output instead of text "
            + "(field names in docs/forecasting.md).")
    boolean json;

    @Option(names = "--debug", description = "On an error, print the stack trace too.")
    boolean debug;

    Io io() {
        return ((GatedCommand) spec.root().userObject()).io();
    }

    /** A usage error (exit code 2) for this command. */
    ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** Keras-style live progress on a terminal (to stderr when stdout carries JSON); nothing when piped. */
    List<TrainingListener> progress() {
        if (!io().interactive()) {
            return List.of();
        }
        return List.of(new ProgressBar(json ? io().err() : io().out(), true));
    }

    void warn(String message) {
        io().err().println("gated: warning: " + Failures.oneLine(message));
    }

    /** A line of text output; suppressed with --json so that stdout holds only the JSON document. */
    void say(String line) {
        if (!json) {
            io().out().println(line);
        }
    }
}
