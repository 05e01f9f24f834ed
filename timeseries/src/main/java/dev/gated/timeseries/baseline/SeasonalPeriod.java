package dev.gated.timeseries.baseline;

/**
 * A detected seasonal period.
 *
 * @param lag the period in rows (12 for monthly data with a yearly season)
 * @param acf the autocorrelation of the differenced series at that lag, in [-1, 1]; near 0 or negative means
 *            there is no real season and the lag is only the least bad one
 */
public record SeasonalPeriod(int lag, double acf) {
}
