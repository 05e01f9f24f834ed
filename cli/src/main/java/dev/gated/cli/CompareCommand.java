package dev.gated.cli;

import dev.gated.cli.options.DataOptions;
import dev.gated.cli.options.TrainingOptions;
import dev.gated.cli.output.Json;
import dev.gated.cli.output.Reports;
import dev.gated.forecast.DataSpec;
import dev.gated.forecast.HyperParameters;
import dev.gated.layer.recurrent.RecurrentKind;
import dev.gated.forecast.PreparedData;
import dev.gated.forecast.Scoreboard;
import dev.gated.forecast.TrainingRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code gated compare}: trains several kinds of network with the same data, hyper-parameters and seed, and
 * tabulates parameters, training time, epochs, validation and test errors beside the baselines.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false, description = {
        "Train several models on the same data and compare them with the naive baselines.",
        "Example: gated compare --data airline.csv --target Passengers --models rnn,lstm,gru --window 12"})
final class CompareCommand extends BaseCommand {

    @Mixin
    DataOptions data;

    @Option(names = "--models", defaultValue = "rnn,lstm,gru", split = ",", paramLabel = "KIND",
            description = "Models to train, comma-separated: lstm, gru, rnn (default: ${DEFAULT-VALUE}).")
    List<String> models;

    @Mixin
    TrainingOptions training;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "Save the test forecasts against the actual values.")
    Path plot;

    @Option(names = "--scaled", description = "Show test MSE/MAE on the scaled values (e.g. the Informer protocol).")
    boolean scaled;

    @Override
    public Integer call() throws Exception {
        List<RecurrentKind> kinds = new ArrayList<>();
        for (String m : models) {
            try {
                kinds.add(RecurrentKind.parse(m));
            } catch (IllegalArgumentException e) {
                throw usage("--models: " + e.getMessage());
            }
        }
        if (kinds.isEmpty()) {
            throw usage("--models: no model given; expected a comma-separated list of lstm, gru, rnn");
        }
        DataSpec dataSpec = data.toDataSpec(spec.commandLine());
        training.preset(spec.commandLine());
        FileGuard.streamedInput(data.file(), "--data");
        FileGuard.output(plot, "--plot", data.file());
        RecurrentKind largest = kinds.contains(RecurrentKind.LSTM) ? RecurrentKind.LSTM   // most gates, most memory
                : kinds.contains(RecurrentKind.GRU) ? RecurrentKind.GRU : RecurrentKind.RNN;
        Settings settings = settle(data.file(), dataSpec, training, data.validationSplit(), largest, false);
        HyperParameters hp = settings.hp();
        PreparedData prepared = prepare(settings);
        sayNotes(settings);
        say(Reports.dataText(prepared));
        say("models: " + kinds + ", " + hp.describe());
        boolean calibrated = calibrates(training.calibrate, hp.quantiles(), prepared);
        Scoreboard board = new Scoreboard();
        for (RecurrentKind kind : kinds) {
            if (io().interactive()) {
                (json ? io().err() : io().out()).println("training " + kind.id() + " ...");
            }
            TrainingRun run = TrainingRun.train(kind, hp, prepared, progress());
            calibrate(calibrated, board, kind.id(), TrainCommand.detail(hp), run.model(), run.seconds(),
                    run.epochs(), prepared);
            steps().run("evaluating " + kind.id() + " on the validation and test windows", () ->
                    board.addModel(kind.id(), TrainCommand.detail(hp), run.model(), run.seconds(), run.epochs(),
                            prepared));
        }
        baselines(board, prepared, hp.window(), hp.quantiles());
        try (Outputs outputs = new Outputs()) {
            if (plot != null) {
                TargetReports.plots(outputs, plot, "test forecasts", prepared, board, false, data.file());
            }
            outputs.publish();
        }
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("command", "compare");
            doc.put("hyper_parameters", hp.toMap());
            doc.put("auto_settings", settings.notes());
            doc.put("data", Reports.data(prepared));
            TargetReports.putRows(doc, board);
            Json.print(io().out(), doc);
        } else {
            say(String.format(Locale.ROOT, "errors on %d test targets%s; * = lowest test RMSE",
                    prepared.test().count() * hp.horizon(), scaled ? " (* columns: on the scaled values)"
                            : " in the units of " + String.join(", ", dataSpec.targets())));
            say(TargetReports.tables(board, scaled));
        }
        return 0;
    }
}
