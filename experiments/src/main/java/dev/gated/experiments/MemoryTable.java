package dev.gated.experiments;

import java.util.List;
import java.util.Locale;

/**
 * The results as a text table, one row per (length, model):
 * <pre>
 *   task    length  model  mse        baseline   solved  train_s
 *   adding      50  lstm   0.000412   0.1683     yes        41.2
 * </pre>
 */
public final class MemoryTable {

    private MemoryTable() {
    }

    public static String render(List<MemoryRow> rows) {
        String metric = rows.isEmpty() ? "metric" : rows.get(0).metric();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-13s %7s  %-6s %18s %12s  %-6s %8s%n", "task", "length", "model",
                "test_" + metric, "baseline", "solved", "train_s"));
        for (MemoryRow r : rows) {
            sb.append(String.format(Locale.ROOT, "%-13s %7d  %-6s %18s %12s  %-6s %8.1f%n", r.task(), r.length(),
                    r.model(), number(r.testMetric()), number(r.baseline()), r.solved() ? "yes" : "no",
                    r.trainSeconds()));
        }
        return sb.toString();
    }

    static String number(double v) {
        double a = Math.abs(v);
        if (!Double.isFinite(v)) {
            return String.valueOf(v);
        }
        return a != 0 && a < 0.001 ? String.format(Locale.ROOT, "%.3e", v) : String.format(Locale.ROOT, "%.5f", v);
    }
}
