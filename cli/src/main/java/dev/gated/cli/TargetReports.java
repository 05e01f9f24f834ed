package dev.gated.cli;

import dev.gated.cli.output.Reports;
import dev.gated.cli.output.ResultTable;
import dev.gated.forecast.PreparedData;
import dev.gated.forecast.Scoreboard;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The reports of train, compare and evaluate for a model of several targets ({@code --target A,B}): each
 * target's table, JSON rows and test plot, and each model over all targets; a one-target model's reports are
 * as they always were.
 * <pre>
 *   JSON   "rows", "best"        the first target's (as for one target)
 *          "targets"             [{"target": "A", "rows": [...], "best": "gru"}, …]   every target
 *          "overall"             [{"model", "test_rmse_scaled", "test_mae_scaled"}, …] over the targets
 *   plot   --plot f.png          f-A.png, f-B.png: one per target
 * </pre>
 */
final class TargetReports {

    private TargetReports() {
    }

    /** The rows of {@code board} into the JSON document: the first target's, then every target's and overall. */
    static void putRows(Map<String, Object> doc, Scoreboard board) {
        Reports.putRows(doc, board.rows());
        if (board.targets().size() > 1) {
            List<Map<String, Object>> targets = new ArrayList<>();
            for (String t : board.targets()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("target", t);
                Reports.putRows(m, board.rows(t));
                targets.add(m);
            }
            doc.put("targets", targets);
            doc.put("overall", board.overall());
        }
    }

    /** The result table, or with several targets one per target and the overall errors. */
    static String tables(Scoreboard board, boolean scaled) {
        if (board.targets().size() == 1) {
            return ResultTable.render(board.rows(), scaled);
        }
        StringBuilder sb = new StringBuilder();
        for (String t : board.targets()) {
            sb.append("target ").append(t).append(scaled ? "" : " (in its units)").append(":\n")
                    .append(ResultTable.render(board.rows(t), scaled)).append('\n');
        }
        sb.append("over the ").append(board.targets().size()).append(" targets, on the scaled values "
                + "(√ of the mean MSE; mean MAE):\n");
        for (Scoreboard.Overall o : board.overall()) {
            sb.append(String.format(Locale.ROOT, "  %-16s RMSE %.4f  MAE %.4f%n", o.model(), o.testRmseScaled(),
                    o.testMaeScaled()));
        }
        return sb.toString().stripTrailing();
    }

    /** {@code png} for one target; else {@code f-A.png}, {@code f-B.png}: one file per target. */
    static List<Path> plotFiles(Path png, List<String> targets) {
        if (targets.size() == 1) {
            return List.of(png);
        }
        String name = png.getFileName().toString();
        int dot = name.toLowerCase(Locale.ROOT).endsWith(".png") ? name.length() - 4 : name.length();
        List<Path> out = new ArrayList<>();
        for (String t : targets) {
            out.add(png.resolveSibling(name.substring(0, dot) + "-" + t.replaceAll("[^A-Za-z0-9._-]", "_")
                    + name.substring(dot)));
        }
        return out;
    }

    /**
     * Writes the test-forecast plot of each target ({@link #plotFiles}); {@code firstOnly} keeps each target's
     * first entry (the model) alone.
     */
    static void plots(Outputs outputs, Path png, String what, PreparedData data, Scoreboard board, boolean firstOnly,
                      Path input) throws IOException {
        List<String> targets = board.targets();
        List<Path> files = plotFiles(png, targets);
        for (int i = 0; i < targets.size(); i++) {
            String t = targets.get(i);
            if (targets.size() > 1) {
                FileGuard.output(files.get(i), "--plot", input);
            }
            List<Scoreboard.Entry> entries = firstOnly ? board.entries(t).subList(0, 1) : board.entries(t);
            outputs.write("--plot", files.get(i), f -> Reports.plotForecasts(f, t + ": " + what, data.forTarget(t),
                    entries));
        }
    }
}
