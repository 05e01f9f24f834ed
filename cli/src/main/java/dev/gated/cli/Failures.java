package dev.gated.cli;

import dev.gated.model.TrainingDivergedException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns every exception into one line on standard error and an exit code:
 * <pre>
 *   picocli ParameterException (unknown option, bad value, missing --data …)   → 2   gated: error: …  (see '… --help')
 *   anything thrown while running (bad CSV, model file, diverged training …)   → 1   gated: error: …
 * </pre>
 * The engine's and the timeseries module's messages already name the file, line, column or option; they are
 * printed as they are. {@code --debug} anywhere on the command line adds the stack trace.
 */
final class Failures implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {

    static final String PREFIX = "gated: error: ";

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println(PREFIX + oneLine(usageMessage(ex)) + " (see '" + cmd.getCommandSpec().qualifiedName()
                + " --help')");
        if (Arrays.asList(args).contains("--debug")) {
            ex.printStackTrace(err);
        }
        err.flush();
        return CommandLine.ExitCode.USAGE;
    }

    /** Picocli's message, but an unknown command word says so and lists the commands. */
    private static String usageMessage(ParameterException ex) {
        CommandLine cmd = ex.getCommandLine();
        if (ex instanceof CommandLine.UnmatchedArgumentException u && !cmd.getSubcommands().isEmpty()
                && !u.getUnmatched().isEmpty() && !u.getUnmatched().get(0).startsWith("-")) {
            return "unknown command '" + u.getUnmatched().get(0) + "'; the commands are "
                    + String.join(", ", cmd.getSubcommands().keySet());
        }
        return ex.getMessage();
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        boolean debug = parseResult.originalArgs().contains("--debug");
        err.println(PREFIX + oneLine(describe(ex)) + (debug || !isUnexpected(ex) ? ""
                : " (this looks like a bug in gated; run again with --debug for the stack trace)"));
        if (debug) {
            ex.printStackTrace(err);
        }
        err.flush();
        return CommandLine.ExitCode.SOFTWARE;
    }

    /**
     * The last resort for what escaped picocli (an {@link Error} thrown while running): one line, exit 1. Runs
     * after the stack has unwound, so even after an {@link OutOfMemoryError} there is memory to print it.
     */
    static int last(java.io.PrintStream err, Throwable t, boolean debug) {
        err.println(PREFIX + oneLine(describe(t)) + (debug || !isUnexpected(t) ? ""
                : " (this looks like a bug in gated; run again with --debug for the stack trace)"));
        if (debug) {
            t.printStackTrace(err);
        }
        err.flush();
        return CommandLine.ExitCode.SOFTWARE;
    }

    /** The message for an exception, naming the file for bare file-system errors. */
    static String describe(Throwable ex) {
        Throwable e = ex instanceof UncheckedIOException && ex.getCause() != null ? ex.getCause() : ex;
        if (e instanceof NoSuchFileException f) {
            return f.getFile() + ": no such file";
        }
        if (e instanceof AccessDeniedException f) {
            return f.getFile() + ": permission denied";
        }
        if (e instanceof FileSystemException f) {
            return f.getFile() + ": " + (f.getReason() != null ? f.getReason() : f.getClass().getSimpleName());
        }
        if (e instanceof OutOfMemoryError) {
            return "out of memory (" + e.getMessage() + "); give Java more (GATED_JAVA_OPTS=-Xmx8g) or use a "
                    + "smaller --batch, --units or --window";
        }
        if (e instanceof StackOverflowError) {
            return "the computation nested too deeply (stack overflow); use a shorter --window or give Java a "
                    + "larger stack (GATED_JAVA_OPTS=-Xss64m)";
        }
        if (isUnexpected(e)) {
            return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static boolean isUnexpected(Throwable e) {
        Throwable t = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        return !(t instanceof IllegalArgumentException || t instanceof IOException
                || t instanceof TrainingDivergedException || t instanceof IllegalStateException
                || t instanceof OutOfMemoryError || t instanceof StackOverflowError);
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }
}
