package dev.gated.timeseries.baseline;

import dev.gated.timeseries.RowRange;
import dev.gated.timeseries.TimeAxis;

/**
 * The seasonal naive forecast with period p: each step repeats the value one season earlier, taken from the
 * last observed season.
 * <pre>
 *   ŷ(o + h) = v[o + h - p·⌈h/p⌉]          h = 1..H
 * </pre>
 * For h &le; p that is v[o + h - p]; for p &lt; h &le; 2p the last season is repeated again. The rows read lie
 * in [o - p + 1, o], so the first target of every window must be at row &ge; p.
 */
public final class SeasonalNaiveBaseline implements Baseline {

    private final int period;
    private String reason = "";

    /** @param period p &ge; 1 (p = 1 is the naive forecast) */
    public SeasonalNaiveBaseline(int period) {
        if (period < 1) {
            throw new IllegalArgumentException("seasonal period must be >= 1, got " + period);
        }
        this.period = period;
    }

    /** Uses the period {@link PeriodDetector#detect detected} on the training rows of {@code series}. */
    public static SeasonalNaiveBaseline detected(double[] series, RowRange trainRows) {
        return new SeasonalNaiveBaseline(PeriodDetector.detect(series, trainRows).lag());
    }

    /** Uses the period detected on the training rows, preferring the calendar periods of {@code time}. */
    public static SeasonalNaiveBaseline detected(double[] series, RowRange trainRows, TimeAxis time) {
        SeasonalPeriod p = PeriodDetector.detect(series, trainRows, time);
        SeasonalNaiveBaseline b = new SeasonalNaiveBaseline(p.lag());
        b.reason = p.reason();
        return b;
    }

    /** How the period was chosen ("from the time column: a week of daily rows"), or "" when it was given. */
    public String reason() {
        return reason;
    }

    public int period() {
        return period;
    }

    @Override
    public String name() {
        return "seasonal-naive(" + period + ")";
    }

    @Override
    public double[] predict(double[] series, int[] targetStart, int horizon) {
        double[] out = new double[targetStart.length * horizon];
        for (int i = 0; i < targetStart.length; i++) {
            int o = Baseline.origin(series, targetStart, i, period, name());
            for (int h = 1; h <= horizon; h++) {
                int seasons = (h + period - 1) / period; // ⌈h/p⌉
                out[i * horizon + h - 1] = series[o + h - period * seasons];
            }
        }
        return out;
    }
}
