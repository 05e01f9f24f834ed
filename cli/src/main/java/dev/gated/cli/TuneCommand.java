package dev.gated.cli;

import dev.gated.cli.options.DataOptions;
import dev.gated.cli.options.TrainingOptions;
import dev.gated.cli.output.Json;
import dev.gated.cli.output.Reports;
import dev.gated.cli.output.ResultTable;
import dev.gated.forecast.DataSpec;
import dev.gated.forecast.ForecastModel;
import dev.gated.forecast.HyperParameters;
import dev.gated.forecast.PreparedData;
import dev.gated.forecast.Scoreboard;
import dev.gated.forecast.TuneSearch;
import dev.gated.layer.recurrent.RecurrentKind;
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
 * {@code gated tune}: searches cell, window, units and learning rate ({@link TuneSearch}), ranks the trials on the
 * validation part only, prints the leaderboard, saves the winner, and only then scores the winner on the test
 * part beside the baselines.
 */
@Command(name = "tune", mixinStandardHelpOptions = true, sortOptions = false, description = {
        "Search window, units, learning rate and cell; rank on the validation part only; save the best model.",
        "Example: gated tune --data airline.csv --target Passengers --trials 12 --minutes 10 --out best.gated"})
final class TuneCommand extends BaseCommand {

    @Mixin
    DataOptions data;

    @Mixin
    TrainingOptions training;

    @Option(names = "--search-cells", split = ",", defaultValue = "lstm,gru", paramLabel = "KIND",
            description = "Cells to try (default: ${DEFAULT-VALUE}).")
    List<String> cells;

    @Option(names = "--search-windows", split = ",", paramLabel = "T",
            description = "Windows to try (default: half, one and two times the automatic or given window).")
    List<Integer> windows;

    @Option(names = "--search-units", split = ",", defaultValue = "16,32,64", paramLabel = "N",
            description = "Units to try (default: ${DEFAULT-VALUE}).")
    List<Integer> units;

    @Option(names = "--search-lr", split = ",", defaultValue = "0.0003,0.001,0.003", paramLabel = "RATE",
            description = "Learning rates to try (default: ${DEFAULT-VALUE}).")
    List<Double> rates;

    @Option(names = "--trials", defaultValue = "8", paramLabel = "N",
            description = "Candidates to train at most, drawn at random without repeats (default: ${DEFAULT-VALUE}).")
    int trials;

    @Option(names = "--minutes", defaultValue = "20", paramLabel = "M",
            description = "No trial starts after M minutes (default: ${DEFAULT-VALUE}).")
    double minutes;

    @Option(names = "--search-seed", defaultValue = "1", paramLabel = "N",
            description = "Seed of the order in which candidates are tried (default: ${DEFAULT-VALUE}).")
    long searchSeed;

    @Option(names = "--out", required = true, paramLabel = "MODEL_FILE", description = "Write the best model here.")
    Path out;

    @Override
    public Integer call() throws Exception {
        List<RecurrentKind> kinds = new ArrayList<>();
        for (String c : cells) {
            try {
                kinds.add(RecurrentKind.parse(c));
            } catch (IllegalArgumentException e) {
                throw usage("--search-cells: " + e.getMessage());
            }
        }
        if (trials < 1 || !(minutes > 0)) {
            throw usage("--trials must be >= 1 and --minutes > 0, got " + trials + " and " + minutes);
        }
        DataSpec dataSpec = data.toDataSpec(spec.commandLine());
        training.preset(spec.commandLine());
        FileGuard.input(data.file(), "--data");
        FileGuard.output(out, "--out", data.file());
        Settings settings = settle(data.file(), dataSpec, training, data.validationSplit(), RecurrentKind.LSTM, false);
        HyperParameters base = settings.hp();
        List<Integer> w = windows != null ? windows
                : List.of(Math.max(2, base.window() / 2), base.window(), 2 * base.window());
        TuneSearch.Space space;
        try {
            space = new TuneSearch.Space(kinds, w.stream().distinct().toList(), units, rates);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        sayNotes(settings);
        say(String.format(Locale.ROOT, "search: %d of %d candidates at most (cells %s, windows %s, units %s, lr %s), "
                + "%.1f minutes; ranked on the validation RMSE; the rest of the settings: %s", Math.min(trials,
                space.size()), space.size(), space.cells(), space.windows(), space.units(), space.learningRates(),
                minutes, base.describe()));
        TuneSearch.Result result;
        try {
            result = TuneSearch.run(settings.table(), settings.data(), base, space, trials, minutes, searchSeed,
                    t -> {
                        if (io().interactive()) {
                            io().err().printf(Locale.ROOT, "trial %d: %s %s -> val_rmse %s%n", t.number(),
                                    t.kind().id(), detail(t.hp()), t.valRmse());
                        }
                    });
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        PreparedData best = result.bestData();
        try (Outputs outputs = new Outputs()) {
            outputs.write("--out", out, ForecastModel.of(result.best(), best, data.file())::save);
            outputs.publish();
        }
        // after the selection: the winner on the test part, beside the baselines
        Scoreboard board = new Scoreboard();
        TuneSearch.Trial winner = result.leaderboard().get(0);
        board.addModel(winner.kind().id(), TrainCommand.detail(winner.hp()), result.best().model(),
                result.best().seconds(), result.best().epochs(), best);
        board.addBaselines(best, winner.hp().window(), this::warn, winner.hp().quantiles());
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("command", "tune");
            doc.put("out", out.toString());
            doc.put("auto_settings", settings.notes());
            doc.put("data", Reports.data(best));
            doc.put("leaderboard", result.leaderboard().stream().map(TuneCommand::row).toList());
            doc.put("best_hyper_parameters", winner.hp().toMap());
            doc.put("best_model", winner.kind().id());
            Reports.putRows(doc, board.rows());
            Json.print(io().out(), doc);
        } else {
            say("leaderboard (ranked on the validation part; the test part was not read to choose):");
            say(String.format(Locale.ROOT, "  %4s %-6s %-28s %10s %6s %8s", "rank", "cell", "settings", "val_rmse",
                    "epochs", "train_s"));
            int rank = 1;
            for (TuneSearch.Trial t : result.leaderboard()) {
                say(String.format(Locale.ROOT, "  %4d %-6s %-28s %10.4f %6d %8.1f", rank++, t.kind().id(),
                        detail(t.hp()), t.valRmse(), t.epochs(), t.seconds()));
            }
            say("saved the best (" + winner.kind().id() + ", " + detail(winner.hp()) + ") to " + out);
            say("the winner on the test part, beside the baselines:");
            say(ResultTable.render(board.rows(), false));
        }
        return 0;
    }

    private static String detail(HyperParameters hp) {
        return "T=" + hp.window() + ", units " + hp.units() + ", lr " + hp.learningRate();
    }

    private static Map<String, Object> row(TuneSearch.Trial t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("trial", t.number());
        m.put("model", t.kind().id());
        m.put("window", t.hp().window());
        m.put("units", t.hp().units());
        m.put("lr", t.hp().learningRate());
        m.put("val_rmse", t.valRmse());
        m.put("epochs", t.epochs());
        m.put("train_seconds", t.seconds());
        return m;
    }
}
