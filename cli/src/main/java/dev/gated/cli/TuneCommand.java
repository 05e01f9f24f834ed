package dev.gated.cli;

import dev.gated.cli.options.DataOptions;
import dev.gated.cli.options.TrainingOptions;
import dev.gated.cli.output.Json;
import dev.gated.cli.output.LeaderboardPlot;
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
 * {@code gated tune}: searches cell, window, units, learning rate, layers and dropout ({@link TuneSearch}),
 * optionally with successive halving, ranks the trials on the validation part only, prints the leaderboard (and
 * draws it with --plot), saves the winner, and only then scores the winner on the test part beside the baselines.
 */
@Command(name = "tune", mixinStandardHelpOptions = true, sortOptions = false, description = {
        "Search cell, window, units, learning rate, layers and dropout; rank on the validation part only; save the "
                + "best model.",
        "Example: gated tune --data airline.csv --target Passengers --trials 27 --halving 3 --budget 20m "
                + "--out best.gated --plot tune.png"})
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

    @Option(names = "--search-layers", split = ",", defaultValue = "1,2", paramLabel = "N",
            description = "Stacked recurrent layers to try (default: ${DEFAULT-VALUE}).")
    List<Integer> layers;

    @Option(names = "--search-dropout", split = ",", defaultValue = "0,0.2", paramLabel = "RATE",
            description = "Dropout rates after each recurrent layer to try (default: ${DEFAULT-VALUE}).")
    List<Double> dropouts;

    @Option(names = "--trials", defaultValue = "8", paramLabel = "N",
            description = "Candidates to train at most, drawn at random without repeats (default: ${DEFAULT-VALUE}).")
    int trials;

    @Option(names = "--minutes", paramLabel = "M",
            description = "No training starts after M minutes (default: 20).")
    Double minutes;

    @Option(names = "--budget", paramLabel = "TIME",
            description = "The time limit as 90s, 20m or 1.5h (a number alone is minutes); the same as --minutes.")
    String budget;

    @Option(names = "--halving", defaultValue = "0", paramLabel = "ETA",
            description = "Successive halving: train every trial a few epochs, keep the best 1/ETA on validation, "
                    + "train those longer, … until the last rung trains to --epochs (e.g. 3; default: 0, off).")
    int halving;

    @Option(names = "--plot", paramLabel = "PNG", description = "Draw the leaderboard (validation RMSE per trial).")
    Path plot;

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
        double limit = timeLimit();
        if (trials < 1 || !(limit > 0)) {
            throw usage("--trials must be >= 1 and the time limit > 0, got " + trials + " and " + limit + " minutes");
        }
        if (halving == 1 || halving < 0) {
            throw usage("--halving must be >= 2 (keep the best 1/ETA at each rung) or 0 for none, got " + halving);
        }
        DataSpec dataSpec = data.toDataSpec(spec.commandLine());
        training.preset(spec.commandLine());
        FileGuard.input(data.file(), "--data");
        FileGuard.output(out, "--out", data.file());
        FileGuard.distinct(out, "--out", plot, "--plot");
        FileGuard.output(plot, "--plot", data.file());
        Settings settings = settle(data.file(), dataSpec, training, data.validationSplit(), RecurrentKind.LSTM, false);
        HyperParameters base = settings.hp();
        List<Integer> w = windows != null ? windows
                : List.of(Math.max(2, base.window() / 2), base.window(), 2 * base.window());
        TuneSearch.Space space;
        try {
            space = new TuneSearch.Space(kinds, w.stream().distinct().toList(), units, rates, layers, dropouts);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        try {
            space.candidates(base);   // every searched value checked now
        } catch (IllegalArgumentException e) {
            throw usage("a searched value is out of range (--search-units, --search-lr, --search-layers, "
                    + "--search-dropout or --search-windows): " + e.getMessage());
        }
        if (Boolean.TRUE.equals(training.calibrate) && !base.quantiles().any()) {
            throw usage("--calibrate corrects prediction intervals; give --quantiles too, e.g. --quantiles 0.1,0.5,0.9");
        }
        sayNotes(settings);
        int drawn = Math.min(trials, space.size());
        say(String.format(Locale.ROOT, "search: %d of %d candidates at most (cells %s, windows %s, units %s, lr %s, "
                + "layers %s, dropout %s), %.1f minutes; ranked on the validation RMSE; the rest of the settings: %s",
                drawn, space.size(), space.cells(), space.windows(), space.units(), space.learningRates(),
                space.layers(), space.dropouts(), limit, base.describe()));
        int[] rungs = TuneSearch.rungEpochs(drawn, halving, base.epochs());
        if (rungs.length > 1) {
            say("successive halving (eta " + halving + "): rungs train to " + java.util.Arrays.toString(rungs)
                    + " epochs, keeping the best 1/" + halving + " on validation after each");
        }
        TuneSearch.Result result;
        try {
            result = TuneSearch.run(settings.table(), settings.data(), base, space, trials, limit, searchSeed, halving,
                    t -> {
                        if (io().interactive()) {
                            io().err().printf(Locale.ROOT, "trial %d%s: %s %s -> val_rmse %s%n", t.number(),
                                    rungs.length > 1 ? " (rung " + t.rung() + ", " + t.epochs() + " epochs)" : "",
                                    t.kind().id(), detail(t.hp()), t.valRmse());
                        }
                    });
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        PreparedData best = result.bestData();
        TuneSearch.Trial winner = result.leaderboard().get(0);
        Scoreboard board = new Scoreboard();
        calibrate(calibrates(training.calibrate, base.quantiles(), best), board, winner.kind().id(),
                TrainCommand.detail(winner.hp()), result.best().model(), result.best().seconds(),
                result.best().epochs(), best);
        try (Outputs outputs = new Outputs()) {
            outputs.write("--out", out, ForecastModel.of(result.best(), best, data.file())::save);
            if (plot != null) {
                outputs.write("--plot", plot, png -> LeaderboardPlot.write(png, "gated tune on "
                        + data.file().getFileName() + ": validation RMSE of each trial (best first)",
                        "validation RMSE (" + dataSpec.target() + ")", bars(result, rungs)));
            }
            outputs.publish();
        }
        // after the selection: the winner on the test part, beside the baselines
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
            doc.put("halving", halving);
            doc.put("rungs", result.rungs().stream().map(TuneCommand::rung).toList());
            doc.put("best_hyper_parameters", winner.hp().toMap());
            doc.put("best_model", winner.kind().id());
            Reports.putRows(doc, board.rows());
            Json.print(io().out(), doc);
        } else {
            say("leaderboard (ranked on the validation part; the test part was not read to choose):");
            say(String.format(Locale.ROOT, "  %4s %-6s %-48s %10s %6s %8s%s", "rank", "cell", "settings", "val_rmse",
                    "epochs", "train_s", rungs.length > 1 ? "   rung" : ""));
            int rank = 1;
            for (TuneSearch.Trial t : result.leaderboard()) {
                say(String.format(Locale.ROOT, "  %4d %-6s %-48s %10.4f %6d %8.1f%s", rank++, t.kind().id(),
                        detail(t.hp()), t.valRmse(), t.epochs(), t.seconds(), rungs.length > 1 ? String.format(
                                Locale.ROOT, " %6d", t.rung()) : ""));
            }
            say("saved the best (" + winner.kind().id() + ", " + detail(winner.hp()) + ") to " + out);
            say("the winner on the test part, beside the baselines:");
            say(ResultTable.render(board.rows(), false));
        }
        return 0;
    }

    private static String detail(HyperParameters hp) {
        return "T=" + hp.window() + ", units " + hp.units() + ", lr " + hp.learningRate() + ", layers " + hp.layers()
                + ", dropout " + hp.dropout();
    }

    /** --budget (90s, 20m, 1.5h, a number alone in minutes) or --minutes, in minutes; 20 when neither is given. */
    private double timeLimit() {
        if (budget != null && minutes != null) {
            throw usage("--budget and --minutes both set the time limit; give one of them");
        }
        if (budget == null) {
            return minutes != null ? minutes : 20;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\s*([0-9]*\\.?[0-9]+)\\s*([smh]?)\\s*")
                .matcher(budget);
        if (!m.matches()) {
            throw usage("--budget: expected a time such as 90s, 20m or 1.5h, got \"" + budget + "\"");
        }
        double value = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "s" -> value / 60;
            case "h" -> value * 60;
            default -> value;
        };
    }

    /** The leaderboard's bars for --plot, labelled with rank and settings, grouped by the rung reached. */
    private static List<LeaderboardPlot.Bar> bars(TuneSearch.Result result, int[] rungs) {
        List<LeaderboardPlot.Bar> out = new ArrayList<>();
        int rank = 1;
        for (TuneSearch.Trial t : result.leaderboard()) {
            String label = String.format(Locale.ROOT, "%d. %s T%d u%d lr%s L%d d%s", rank++, t.kind().id(),
                    t.hp().window(), t.hp().units(), t.hp().learningRate(), t.hp().layers(), t.hp().dropout());
            String group = rungs.length > 1 ? "rung " + t.rung() + " (" + rungs[t.rung()] + " epochs)"
                    : "validation RMSE";
            out.add(new LeaderboardPlot.Bar(label, t.valRmse(), group));
        }
        return out;
    }

    private static Map<String, Object> rung(TuneSearch.Rung r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epochs", r.epochs());
        m.put("trials", r.ranked().stream().map(TuneSearch.Trial::number).toList());
        m.put("val_rmse", r.ranked().stream().map(TuneSearch.Trial::valRmse).toList());
        m.put("kept", r.kept());
        return m;
    }

    private static Map<String, Object> row(TuneSearch.Trial t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("trial", t.number());
        m.put("model", t.kind().id());
        m.put("window", t.hp().window());
        m.put("units", t.hp().units());
        m.put("lr", t.hp().learningRate());
        m.put("layers", t.hp().layers());
        m.put("dropout", t.hp().dropout());
        m.put("rung", t.rung());
        m.put("val_rmse", t.valRmse());
        m.put("epochs", t.epochs());
        m.put("train_seconds", t.seconds());
        return m;
    }
}
