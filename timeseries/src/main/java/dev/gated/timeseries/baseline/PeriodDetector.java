package dev.gated.timeseries.baseline;

import dev.gated.timeseries.RowRange;
import dev.gated.timeseries.TimeAxis;
import java.util.List;

/**
 * Finds the seasonal period of a series from the autocorrelation of its training rows.
 *
 * <pre>
 *   d_t = x_{t+1} - x_t                          first differences over the fit rows, m = n - 1 values
 *   period = argmax_{k ∈ [2, ⌊m/2⌋]} ACF_d(k)     ties go to the smaller lag
 * </pre>
 * Why differences: a trend makes the ACF of the raw series fall steadily from lag 1, so on any trending series
 * the raw argmax is lag 2 (airline passengers, train rows [0, 96): raw ACF(2) = 0.84 beats ACF(12) = 0.63).
 * Differencing removes a linear trend and keeps the season (airline: ACF_d(12) = 0.77, the maximum).
 * Lag 1 is excluded because it only measures smoothness; lags above m/2 have too few pairs to trust.
 */
public final class PeriodDetector {

    private PeriodDetector() {
    }

    /**
     * @param series  (R) values
     * @param fitRows the rows to look at (the training part), at least 5 of them so that [2, m/2] is not empty
     */
    public static SeasonalPeriod detect(double[] series, RowRange fitRows) {
        return detect(series, fitRows, List.of());
    }

    /**
     * Prefers a calendar period the time column implies ({@link CalendarPeriods}: 7 for daily rows, 24 for hourly,
     * 12 for monthly …): of the candidates that fit in the rows (lag &le; m/2), the one with the highest ACF_d,
     * even when a lag of no calendar meaning scores higher (on noisy daily weather the raw argmax was lag 105).
     * Otherwise (no calendar step, or too few rows) the ACF argmax as above.
     * The result says which rule chose it.
     */
    public static SeasonalPeriod detect(double[] series, RowRange fitRows, TimeAxis time) {
        return detect(series, fitRows, CalendarPeriods.of(time));
    }

    private static SeasonalPeriod detect(double[] series, RowRange fitRows, List<CalendarPeriods.Candidate> calendar) {
        fitRows.requireWithin(series.length, "the period-detection rows");
        int n = fitRows.length();
        if (n < 5) {
            throw new IllegalArgumentException("period detection needs at least 5 rows (lags 2..m/2 of the m = n-1 "
                    + "differences), got " + n + " in " + fitRows);
        }
        double[] d = new double[n - 1];
        for (int t = 0; t < d.length; t++) {
            d[t] = series[fitRows.start() + t + 1] - series[fitRows.start() + t];
        }
        int maxLag = d.length / 2;
        double[] acf;
        try {
            acf = Autocorrelation.acf(d, maxLag);
        } catch (IllegalArgumentException constant) {
            throw new IllegalArgumentException("cannot detect a seasonal period on rows " + fitRows
                    + ": the series changes by the same amount every step (a constant or a straight line); "
                    + "give the period explicitly");
        }
        CalendarPeriods.Candidate chosen = null;
        for (CalendarPeriods.Candidate c : calendar) {
            if (c.lag() <= maxLag && (chosen == null || acf[c.lag()] > acf[chosen.lag()])) {
                chosen = c;
            }
        }
        if (chosen != null) {
            return new SeasonalPeriod(chosen.lag(), acf[chosen.lag()], "from the time column: " + chosen.name());
        }
        int best = 2;
        for (int k = 3; k <= maxLag; k++) {
            if (acf[k] > acf[best]) {
                best = k;
            }
        }
        String why = calendar.isEmpty() ? "the strongest autocorrelation on the training rows"
                : "the strongest autocorrelation on the training rows (the time column's "
                + calendar.stream().map(c -> Integer.toString(c.lag())).toList() + " need more training rows)";
        return new SeasonalPeriod(best, acf[best], why);
    }
}
