package dev.gated.cli;

import dev.gated.forecast.DataSpec;
import dev.gated.forecast.HyperParameters;
import dev.gated.forecast.MemoryEstimate;
import dev.gated.layer.recurrent.RecurrentKind;
import dev.gated.forecast.PreparedData;
import dev.gated.forecast.ScaledSeries;
import dev.gated.model.ProgressBar;
import dev.gated.model.TrainingListener;
import dev.gated.timeseries.TimeSeriesTable;
import java.nio.file.Path;
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

    /**
     * Checks that a {@code kind} network with {@code hp} fits in memory (before reading, then with the real row
     * count), then reads and windows the data: an impossible size fails at once, naming the option to change.
     */
    static PreparedData prepareWithin(Path file, DataSpec requested, HyperParameters hp, RecurrentKind kind) {
        DataSpec spec = PreparedData.resolve(file, requested);
        int features = spec.inputColumns().size() + 1;
        MemoryEstimate.of(kind, hp, features, 0).requireFitsInHeap();
        TimeSeriesTable table = ScaledSeries.read(file, spec);
        MemoryEstimate.of(kind, hp, features, table.rowCount()).requireFitsInHeap();
        return PreparedData.prepare(table, spec, hp.windowing(), null);
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
