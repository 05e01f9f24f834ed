package dev.gated.cli;

import dev.gated.cli.output.Json;
import dev.gated.cli.output.Reports;
import dev.gated.cli.output.ResultTable;
import dev.gated.forecast.ForecastModel;
import dev.gated.forecast.PreparedData;
import dev.gated.forecast.RollingEvaluation;
import dev.gated.forecast.Scoreboard;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gated evaluate}: scores a saved model on the test part of a CSV file, prepared exactly as at training
 * time (same columns, split and saved scaler), beside the baselines.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false, description = {
        "Score a saved model on the test part of a CSV file, beside the naive baselines.",
        "Example: gated evaluate --model airline.gated --data airline.csv"})
final class EvaluateCommand extends BaseCommand {

    @Option(names = {"--model", "-m"}, required = true, paramLabel = "MODEL_FILE",
            description = "A model written by gated train.")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "FILE.csv",
            description = "CSV file with the columns the model was trained on.")
    Path data;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "Save the test forecast against the actual values.")
    Path plot;

    @Option(names = "--scaled", description = "Show test MSE/MAE on the scaled values instead of RMSE/MAE.")
    boolean scaled;

    @Option(names = "--rolling", paramLabel = "N", description = "Rolling-origin evaluation: cut the test part, in "
            + "time order, into N consecutive folds and give the mean and standard deviation over the folds of each "
            + "metric, for the model and the baselines.")
    Integer rolling;

    @Override
    public Integer call() throws Exception {
        FileGuard.input(model, "--model");
        FileGuard.streamedInput(data, "--data");
        FileGuard.output(plot, "--plot", model, data);
        ForecastModel fm = steps().run("loading " + model, () -> ForecastModel.load(model));
        PreparedData prepared = steps().run("reading and scaling " + data, () -> fm.prepare(data));
        List<RollingEvaluation.Row> folds = null;
        if (rolling != null) {
            try {
                folds = RollingEvaluation.run(fm.kind().id(), TrainCommand.detail(fm.hp()), fm.network(), prepared,
                        fm.hp().window(), rolling, m -> { });
            } catch (IllegalArgumentException e) {
                throw usage(e.getMessage());
            }
        }
        say("model: " + model + " (" + fm.kind().id() + ", " + fm.hp().describe() + ")");
        say(Reports.dataText(prepared));
        Scoreboard board = new Scoreboard();
        score(board, fm.kind().id(), TrainCommand.detail(fm.hp()), fm.network(), fm.trainSeconds(),
                fm.network().epochsCompleted(), prepared, fm.hp().window(), fm.hp().quantiles());
        try (Outputs outputs = new Outputs()) {
            if (plot != null) {
                TargetReports.plots(outputs, plot, fm.kind().id() + " on the test part", prepared, board, true, data);
            }
            outputs.publish();
        }
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("command", "evaluate");
            doc.put("model_file", model.toString());
            doc.put("model", fm.kind().id());
            doc.put("hyper_parameters", fm.hp().toMap());
            doc.put("data", Reports.data(prepared));
            TargetReports.putRows(doc, board);
            if (folds != null) {
                doc.put("rolling", Reports.rolling(folds, RollingEvaluation.foldStarts(prepared, rolling), prepared));
            }
            Json.print(io().out(), doc);
        } else {
            say(String.format(Locale.ROOT, "errors on %d test targets%s; * = lowest test RMSE",
                    prepared.test().count() * fm.hp().horizon(), scaled ? " (* columns: on the scaled values)"
                            : " in the units of " + String.join(", ", fm.data().targets())));
            say(TargetReports.tables(board, scaled));
            if (folds != null) {
                say(String.format(Locale.ROOT, "rolling origin: the test part in %d folds of about %d targets, "
                        + "mean ± sd over the folds, in the units of %s", rolling,
                        prepared.test().count() * fm.hp().horizon() / rolling, fm.data().target()));
                say(ResultTable.renderRolling(folds));
            }
        }
        return 0;
    }
}
