package dev.gated.cli;

import dev.gated.text.classify.ClassLabels;
import dev.gated.text.classify.ClassificationMetrics;
import dev.gated.text.classify.TextExperiment.Result;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gated text}: classify a user's own labelled text (train, evaluate, predict). */
@Command(name = "text", mixinStandardHelpOptions = true,
        description = "Text classification on your own CSV/TSV file: train RNN/LSTM/GRU beside baselines, evaluate, predict.",
        subcommands = {TextTrainCommand.class, TextEvaluateCommand.class, TextPredictCommand.class, TextInspectCommand.class,
                CommandLine.HelpCommand.class})
final class TextCommand extends BaseCommand {

    @Override
    public Integer call() {
        throw usage("missing command: text train, evaluate, predict or inspect");
    }

    /** The results table: one line per baseline or model, * on the best accuracy. */
    static String table(List<Result> results) {
        double best = results.stream().mapToDouble(r -> r.metrics().accuracy()).max().orElse(Double.NaN);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "  %-36s %9s %9s %8s %8s%n", "model", "accuracy", "macro-F1", "ROC AUC", "seconds"));
        for (Result r : results) {
            ClassificationMetrics m = r.metrics();
            sb.append(String.format(Locale.ROOT, "%s %-36s %9.4f %9.4f %8s %8.1f%n", m.accuracy() == best ? "*" : " ",
                    r.name(), m.accuracy(), m.macroF1(), Double.isNaN(m.rocAuc()) ? "-" : String.format(Locale.ROOT, "%.4f", m.rocAuc()),
                    r.seconds()));
        }
        return sb.toString();
    }

    /** A confusion matrix: rows the true class, columns the predicted class. */
    static String confusion(String title, int[][] c, ClassLabels labels) {
        int width = 8;
        for (String n : labels.names()) {
            width = Math.max(width, Math.min(20, n.length()) + 1);
        }
        StringBuilder sb = new StringBuilder(title).append(" — confusion matrix (rows: true, columns: predicted)\n");
        sb.append(String.format(Locale.ROOT, "  %" + width + "s", ""));
        for (String n : labels.names()) {
            sb.append(String.format(Locale.ROOT, " %" + width + "s", clip(n)));
        }
        sb.append('\n');
        for (int t = 0; t < c.length; t++) {
            sb.append(String.format(Locale.ROOT, "  %" + width + "s", clip(labels.name(t))));
            for (int v : c[t]) {
                sb.append(String.format(Locale.ROOT, " %" + width + "d", v));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String clip(String s) {
        return s.length() <= 20 ? s : s.substring(0, 19) + "…";
    }

    static List<Map<String, Object>> rows(List<Result> results) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Result r : results) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("model", r.name());
            row.put("accuracy", r.metrics().accuracy());
            row.put("macro_f1", r.metrics().macroF1());
            row.put("roc_auc", Double.isNaN(r.metrics().rocAuc()) ? null : r.metrics().rocAuc());
            row.put("confusion", r.metrics().confusion());
            row.put("seconds", r.seconds());
            out.add(row);
        }
        return out;
    }
}
