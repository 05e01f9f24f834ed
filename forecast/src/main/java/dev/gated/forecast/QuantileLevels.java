package dev.gated.forecast;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The quantile levels a forecasting model predicts ({@code --quantiles 0.1,0.5,0.9}): sorted, distinct, each in
 * (0, 1), always with the median 0.5, which is the point forecast the errors (RMSE, MAE, …) are computed on.
 * The prediction interval is the outermost pair:
 * <pre>
 *   levels τ₁ &lt; … &lt; τ_Q     interval [q_τ₁, q_τ_Q]     nominal coverage = τ_Q − τ₁   (0.8 for 0.1 … 0.9)
 * </pre>
 * The network's output holds Q values per step, step-major: output k·Q + q is level τ_q of step k + 1.
 *
 * @param levels τ₁ … τ_Q; empty for a point model (one output per step, mean squared error)
 */
public record QuantileLevels(List<Double> levels) {

    /** No quantiles: a point model. */
    public static final QuantileLevels NONE = new QuantileLevels(List.of());

    public QuantileLevels {
        TreeSet<Double> sorted = new TreeSet<>();
        for (Double t : levels) {
            if (t == null || !(t > 0 && t < 1)) {
                throw new IllegalArgumentException("--quantiles: each level must lie strictly between 0 and 1 "
                        + "(e.g. 0.1,0.5,0.9), got " + t);
            }
            sorted.add(t);
        }
        if (!sorted.isEmpty()) {
            sorted.add(0.5);
            if (sorted.size() < 2) {
                throw new IllegalArgumentException("--quantiles 0.5 alone gives no interval; add a level on each side, "
                        + "e.g. --quantiles 0.1,0.5,0.9 for an 80% interval");
            }
        }
        levels = List.copyOf(sorted);
    }

    /** Parses {@code 0.1,0.5,0.9}; the empty text is {@link #NONE}. */
    public static QuantileLevels parse(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        List<Double> out = new ArrayList<>();
        for (String part : text.split(",")) {
            try {
                out.add(Double.parseDouble(part.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--quantiles: \"" + part.trim() + "\" is not a number; expected "
                        + "levels in (0, 1) separated by commas, e.g. 0.1,0.5,0.9");
            }
        }
        return new QuantileLevels(out);
    }

    /** True when the model predicts quantiles. */
    public boolean any() {
        return !levels.isEmpty();
    }

    /** Q, outputs per step: 1 for a point model. */
    public int perStep() {
        return Math.max(1, levels.size());
    }

    /** The index of the median, the point forecast (0 for a point model). */
    public int median() {
        return any() ? levels.indexOf(0.5) : 0;
    }

    /** τ₁ … τ_Q as an array. */
    public double[] toArray() {
        return levels.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** τ_Q − τ₁, the share of targets the interval should cover; 0 when there is none. */
    public double nominalCoverage() {
        return levels.size() < 2 ? 0 : levels.get(levels.size() - 1) - levels.get(0);
    }

    /** {@code 0.1,0.5,0.9}, as parsed and as kept in model files. */
    public String text() {
        return levels.stream().map(t -> String.format(Locale.ROOT, "%s", t)).collect(Collectors.joining(","));
    }

    /** A level as a column label: {@code q0.1}. */
    public static String label(double level) {
        return String.format(Locale.ROOT, "q%s", level);
    }
}
