package dev.gated.cli;

import dev.gated.cli.options.DataOptions;
import dev.gated.cli.options.TrainingOptions;
import dev.gated.cli.output.Json;
import dev.gated.cli.output.Plots;
import dev.gated.cli.output.Reports;
import dev.gated.forecast.DataSpec;
import dev.gated.forecast.ForecastModel;
import dev.gated.forecast.HyperParameters;
import dev.gated.layer.recurrent.RecurrentKind;
import dev.gated.forecast.PreparedData;
import dev.gated.forecast.Scoreboard;
import dev.gated.forecast.TrainingCheckpoint;
import dev.gated.forecast.TrainingRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code gated train}: fits one network on the training rows of a CSV file, saves it with everything needed to
 * reuse it, and reports its validation and test errors beside the baselines.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false, description = {
        "Train an LSTM, GRU or SimpleRNN forecaster on a CSV file and save it.",
        "Example: gated train --data airline.csv --target Passengers --model lstm --window 12 --out airline.gated"})
final class TrainCommand extends BaseCommand {

    @Mixin
    DataOptions data;

    @Option(names = "--model", defaultValue = "lstm", paramLabel = "KIND",
            description = "lstm, gru or rnn (default: ${DEFAULT-VALUE}).")
    String model;

    @Mixin
    TrainingOptions training;

    @Option(names = "--out", required = true, paramLabel = "MODEL_FILE", description = "Where to save the model.")
    Path out;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "Save the learning curves (loss, val_loss).")
    Path plot;

    @Option(names = "--checkpoint-every", paramLabel = "N", description = "Save a checkpoint every N epochs to "
            + "MODEL_FILE.checkpoint (removed when the run succeeds); a killed run continues from it with --resume.")
    Integer checkpointEvery;

    @Option(names = "--resume", description = "Continue from MODEL_FILE.checkpoint, left by an interrupted run with "
            + "--checkpoint-every and the same data and options, up to --epochs in all.")
    boolean resume;

    @Option(names = "--scaled", description = "Report test MSE/MAE on the scaled values instead of RMSE/MAE.")
    boolean scaled;

    @Override
    public Integer call() throws Exception {
        RecurrentKind kind;
        try {
            kind = RecurrentKind.parse(model);
        } catch (IllegalArgumentException e) {
            throw usage("--model: " + e.getMessage());
        }
        DataSpec dataSpec = data.toDataSpec(spec.commandLine());
        training.preset(spec.commandLine());
        FileGuard.streamedInput(data.file(), "--data");
        FileGuard.output(out, "--out", data.file());
        FileGuard.distinct(out, "--out", plot, "--plot");
        FileGuard.output(plot, "--plot", data.file());
        OutputLock.acquire(out, "--out");
        Settings settings = settle(data.file(), dataSpec, training, data.validationSplit(), kind,
                checkpointEvery != null || resume);
        HyperParameters hp = settings.hp();
        TrainingCheckpoint checkpoint = checkpoint(kind, hp, settings.data());
        PreparedData prepared = prepare(settings);
        sayNotes(settings);
        say(Reports.dataText(prepared));
        say("model: " + kind.id() + ", " + hp.describe());
        boolean calibrated = calibrates(training.calibrate, hp.quantiles(), prepared);
        TrainingRun run = TrainingRun.train(kind, hp, prepared, progress(), checkpoint, resume);
        TrainingCheckpoint.unstamp(run.model());
        Scoreboard board = new Scoreboard();
        calibrate(calibrated, board, kind.id(), detail(hp), run.model(), run.seconds(), run.epochs(), prepared);
        score(board, kind.id(), detail(hp), run.model(), run.seconds(), run.epochs(), prepared, hp.window(), hp.quantiles());
        steps().run("saving " + out, () -> publish(kind, run, prepared, checkpoint));
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("command", "train");
            doc.put("out", out.toString());
            doc.put("model", kind.id());
            doc.put("params", run.model().parameterCount());
            doc.put("epochs", run.epochs());
            doc.put("best_epoch", run.bestEpoch());
            doc.put("train_seconds", run.seconds());
            doc.put("hyper_parameters", hp.toMap());
            doc.put("auto_settings", settings.notes());
            doc.put("data", Reports.data(prepared));
            doc.put("history", history(run));
            TargetReports.putRows(doc, board);
            Json.print(io().out(), doc);
        } else {
            say(String.format(Locale.ROOT, "saved %s (%,d parameters, %d epochs in %.1f s%s) to %s", kind.id(),
                    run.model().parameterCount(), run.epochs(), run.seconds(),
                    run.bestEpoch() != run.epochs() ? ", weights of epoch " + run.bestEpoch() : "", out));
            say(TargetReports.tables(board, scaled));
        }
        return 0;
    }

    /**
     * Writes the model and the plot to temporaries and renames them over --out and --plot only when both are
     * written: a plot that fails leaves the previous model in place. Then the checkpoint has served its purpose.
     */
    private void publish(RecurrentKind kind, TrainingRun run, PreparedData prepared, TrainingCheckpoint checkpoint)
            throws IOException {
        try (Outputs outputs = new Outputs()) {
            outputs.write("--out", out, ForecastModel.of(run, prepared, data.file())::save);
            if (plot != null) {
                outputs.write("--plot", plot, png -> Plots.learningCurves(png, kind.id() + " on "
                        + data.file().getFileName() + ": learning curves", run.history()));
            }
            outputs.publish();
        }
        if (checkpoint != null) {
            Files.deleteIfExists(checkpoint.file());
        }
    }

    /** The checkpointing of this run, or null without --checkpoint-every and --resume. */
    private TrainingCheckpoint checkpoint(RecurrentKind kind, HyperParameters hp, DataSpec dataSpec) throws IOException {
        if (checkpointEvery == null && !resume) {
            return null;
        }
        if (checkpointEvery != null && checkpointEvery < 1) {
            throw usage("--checkpoint-every must be >= 1 (epochs), got " + checkpointEvery);
        }
        if (resume && hp.patience() > 0) {
            throw usage("--resume cannot be combined with --patience: early stopping's state is not in the "
                    + "checkpoint; resume without --patience");
        }
        Path file = TrainingCheckpoint.fileFor(out.toAbsolutePath());
        FileGuard.output(file, "--checkpoint-every", data.file());
        Outputs.sweepStale(file.getParent(), file.getFileName().toString()); // left by a run killed mid-checkpoint
        return new TrainingCheckpoint(file, checkpointEvery == null ? 0 : checkpointEvery,
                TrainingCheckpoint.stamp(kind, hp, dataSpec, data.file()));
    }

    static String detail(HyperParameters hp) {
        return hp.layers() + "x" + hp.units() + " units, T=" + hp.window() + (hp.horizon() > 1 ? ", H=" + hp.horizon() : "");
    }

    private static List<Map<String, Object>> history(TrainingRun run) {
        return run.history().stream().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("epoch", r.epoch() + 1);
            m.put("loss", r.loss());
            m.put("val_loss", r.hasValidation() ? r.validationLoss() : null);
            m.put("seconds", r.seconds());
            return m;
        }).toList();
    }
}
