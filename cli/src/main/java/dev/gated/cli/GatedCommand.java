package dev.gated.cli;

import dev.gated.Version;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code gated} command. Exit codes: 0 success, 1 failure (bad data, unreadable model, training diverged…),
 * 2 usage (unknown or invalid options). Every failure prints one line, {@code gated: error: …}, on standard
 * error; {@code --debug} adds the stack trace.
 */
@Command(name = "gated", mixinStandardHelpOptions = true, versionProvider = GatedCommand.VersionProvider.class,
        description = "Recurrent neural networks (SimpleRNN, LSTM, GRU) and small Transformers: forecasting, text, speech, translation, language models, model import and export.",
        subcommands = {TrainCommand.class, EvaluateCommand.class, ForecastCommand.class, CompareCommand.class, TuneCommand.class,
                SummaryCommand.class, DemoCommand.class, ExperimentCommand.class, StudioCommand.class, SpeechCommand.class, TranslateCommand.class,
                TextCommand.class, LmCommand.class, ImportCommand.class, ExportCommand.class, PredictCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 failure, 2 usage error. Docs: docs/forecasting.md"})
public final class GatedCommand implements Callable<Integer> {

    private final Io io;

    @Spec
    CommandSpec spec;

    public GatedCommand(Io io) {
        this.io = io;
    }

    Io io() {
        return io;
    }

    @Override
    public Integer call() {
        io.err().println("gated: error: missing command (train, compare, text, speech, translate, lm, import, export, predict, studio, …); "
                + "see 'gated --help'");
        return CommandLine.ExitCode.USAGE;
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        Io io = Io.system();
        int code = execute(io, args);
        io.out().flush();
        io.err().flush();
        System.exit(code);
    }

    /** Runs the command line with these streams and returns the exit code (used by main and by tests). */
    public static int execute(Io io, String... args) {
        try {
            return commandLine(io).execute(args);
        } catch (Throwable t) { // an Error (out of memory, stack overflow) passes picocli's handlers: still one line
            return Failures.last(io.err(), t, java.util.Arrays.asList(args).contains("--debug"));
        } finally {
            OutputLock.releaseAll();
        }
    }

    static CommandLine commandLine(Io io) {
        CommandLine cl = new CommandLine(new GatedCommand(io));
        cl.setOut(new PrintWriter(io.out(), true));
        cl.setErr(new PrintWriter(io.err(), true));
        Failures failures = new Failures();
        cl.setExecutionExceptionHandler(failures);
        cl.setParameterExceptionHandler(failures);
        return cl;
    }

    /** The library version from the build. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"gated " + Version.get(), "Java " + System.getProperty("java.version")};
        }
    }
}
