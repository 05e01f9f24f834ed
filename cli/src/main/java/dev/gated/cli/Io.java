package dev.gated.cli;

import java.io.PrintStream;

/**
 * Where a command writes: results to {@code out}, progress, warnings and errors to {@code err}.
 *
 * @param out         standard output: results (text, CSV or one JSON document)
 * @param err         standard error: one-line errors and warnings
 * @param interactive true on a terminal: show the live progress bar; false when piped (quiet)
 */
public record Io(PrintStream out, PrintStream err, boolean interactive) {

    /** The process's streams; interactive when both ends are a terminal ({@code System.console() != null}). */
    public static Io system() {
        return new Io(System.out, System.err, System.console() != null);
    }
}
