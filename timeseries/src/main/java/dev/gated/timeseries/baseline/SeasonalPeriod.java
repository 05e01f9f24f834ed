package dev.gated.timeseries.baseline;

/**
 * A detected seasonal period.
 *
 * @param lag the period in rows (12 for monthly data with a yearly season)
 * @param acf the autocorrelation of the differenced series at that lag, in [-1, 1]; near 0 or negative means
 *            there is no real season and the lag is only the least bad one
 * @param reason how it was chosen, for the user: "from the time column: a week of daily rows", or "the strongest
 *               autocorrelation on the training rows"
 */
public record SeasonalPeriod(int lag, double acf, String reason) {

    /** Without a reason. */
    public SeasonalPeriod(int lag, double acf) {
        this(lag, acf, "");
    }
}
