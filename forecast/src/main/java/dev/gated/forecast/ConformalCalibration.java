package dev.gated.forecast;

import dev.gated.model.Sequential;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Split-conformal calibration of a quantile network's intervals: conformalised quantile regression (CQR; Romano,
 * Patterson and Candès, <i>Conformalized Quantile Regression</i>, NeurIPS 2019), per horizon step, on a calibration
 * part whose targets the weights were not fitted on (the validation part: never the test part). On the model's
 * scale, for each pair of levels and each step k = 0 … H−1:
 * <pre>
 *   pairs      (τ_lo, τ_hi): the lowest level with the highest, the second lowest with the second highest, …,
 *              while τ_lo &lt; 0.5 &lt; τ_hi; nominal coverage 1 − α = τ_hi − τ_lo; the median is never moved
 *   scores     E_i = max(q̂_lo(i, k) − y(i, k), y(i, k) − q̂_hi(i, k))     i = 1 … n calibration windows
 *   correction Q_k = E₍ⱼ₎, j = ⌈(n + 1)(1 − α)⌉, E₍₁₎ ≤ … ≤ E₍ₙ₎       (E₍ₙ₎, the largest, when j &gt; n)
 *   calibrated q̃_lo(·, k) = q̂_lo(·, k) − Q_k,   q̃_hi(·, k) = q̂_hi(·, k) + Q_k
 * </pre>
 * A positive Q_k widens an interval that covered too little on the calibration windows, a negative one narrows
 * one that covered too much. After the shift the levels are sorted again at each target, as the raw outputs are.
 * If the calibration windows and a later window were exchangeable, the calibrated interval would cover with
 * probability at least 1 − α (and below 1 − α + 1/(n + 1) for continuous scores); windows of a time series are
 * not exchangeable (the level and the noise drift), so on a series this is an adjustment towards the nominal
 * coverage measured on the most recent known data, not a guarantee. The validation part also chose the epoch
 * (early stopping), a mild use of the same targets.
 *
 * <p>The correction is kept in the network's metadata ({@code conformal.windows} and one
 * {@code conformal.shift.q<τ>} list of H values per level, model scale) so a saved model applies it in
 * {@code evaluate} and {@code forecast}.
 *
 * @param levels  the network's levels τ₁ … τ_Q
 * @param shift   (Q, H) the value added to level q at step k, model scale (−Q_k, 0 or +Q_k)
 * @param windows n, the calibration windows
 */
public record ConformalCalibration(QuantileLevels levels, double[][] shift, int windows) {

    static final String PREFIX = "conformal.";

    /**
     * The correction of {@code network}'s intervals from its raw forecasts of {@code calibration}.
     *
     * @throws IllegalArgumentException when the network predicts no quantiles or the part has no windows
     */
    public static ConformalCalibration fit(Sequential network, Part calibration) {
        QuantileLevels levels = PartForecast.levelsOf(network);
        if (!levels.any()) {
            throw new IllegalArgumentException("--calibrate corrects the intervals of a model trained with "
                    + "--quantiles (e.g. 0.1,0.5,0.9); this one predicts a single value per step");
        }
        int n = calibration.count();
        if (n < 1) {
            throw new IllegalArgumentException("--calibrate: the calibration part has no windows");
        }
        double[][] q = PartForecast.rawScaledLevels(network, calibration, 0, 1, levels);   // one target (the CLI refuses more)
        double[] y = calibration.windows().yAsDoubles();
        int h = calibration.windows().horizon();
        double[] tau = levels.toArray();
        double[][] shift = new double[tau.length][h];
        double[] scores = new double[n];
        if (!(tau[0] < 0.5 && tau[tau.length - 1] > 0.5)) {
            throw new IllegalArgumentException("--calibrate needs a quantile level on each side of 0.5 (e.g. "
                    + "--quantiles 0.1,0.5,0.9); the levels are " + levels.text());
        }
        for (int lo = 0, hi = tau.length - 1; lo < hi && tau[lo] < 0.5 && tau[hi] > 0.5; lo++, hi--) {
            int j = (int) Math.ceil((n + 1) * (tau[hi] - tau[lo]) - 1e-9);
            for (int k = 0; k < h; k++) {
                for (int i = 0; i < n; i++) {
                    int at = i * h + k;
                    scores[i] = Math.max(q[lo][at] - y[at], y[at] - q[hi][at]);
                }
                Arrays.sort(scores);
                double correction = scores[Math.min(j, n) - 1];
                shift[lo][k] = -correction;
                shift[hi][k] = correction;
            }
        }
        return new ConformalCalibration(levels, shift, n);
    }

    /** The correction kept in {@code network}'s metadata, or null when it has none. */
    public static ConformalCalibration of(Sequential network) {
        Map<String, String> m = MetadataKeys.withPrefix(network.metadata(), PREFIX);
        if (!m.containsKey("windows")) {
            return null;
        }
        QuantileLevels levels = PartForecast.levelsOf(network);
        double[][] shift = new double[levels.perStep()][];
        for (int q = 0; q < shift.length; q++) {
            String key = "shift." + QuantileLevels.label(levels.levels().get(q));
            try {
                shift[q] = Arrays.stream(MetadataKeys.text(m, key).split(",")).mapToDouble(Double::parseDouble)
                        .toArray();
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(PREFIX + key + " is not a list of numbers: " + m.get(key));
            }
        }
        return new ConformalCalibration(levels, shift, MetadataKeys.integer(m, "windows"));
    }

    /** Writes the correction into the network's metadata, replacing any earlier one. */
    public void stampInto(Sequential network) {
        network.metadata().keySet().removeIf(k -> k.startsWith(PREFIX));
        Map<String, String> m = network.metadata();
        m.put(PREFIX + "windows", Integer.toString(windows));
        for (int q = 0; q < shift.length; q++) {
            m.put(PREFIX + "shift." + QuantileLevels.label(levels.levels().get(q)), Arrays.stream(shift[q])
                    .mapToObj(v -> String.format(Locale.ROOT, "%s", v)).collect(Collectors.joining(",")));
        }
    }

    /**
     * Adds the correction to (Q, N·H) level forecasts on the model's scale (value i·H + k is step k of window i),
     * in place, and sorts the levels at each target again.
     */
    public void apply(double[][] byLevel) {
        int h = shift[0].length;
        int count = byLevel[0].length;
        double[] one = new double[byLevel.length];
        for (int at = 0; at < count; at++) {
            for (int q = 0; q < byLevel.length; q++) {
                one[q] = byLevel[q][at] + shift[q][at % h];
            }
            Arrays.sort(one);
            for (int q = 0; q < byLevel.length; q++) {
                byLevel[q][at] = one[q];
            }
        }
    }

    /** Q_k of the outermost pair, model scale: how much each bound of the interval moved outwards at step k. */
    public double outerCorrection(int k) {
        return shift[shift.length - 1][k];
    }
}
