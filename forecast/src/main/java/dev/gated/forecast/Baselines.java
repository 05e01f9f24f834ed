package dev.gated.forecast;

import dev.gated.timeseries.baseline.Baseline;
import dev.gated.timeseries.baseline.MovingAverageBaseline;
import dev.gated.timeseries.baseline.NaiveBaseline;
import dev.gated.timeseries.baseline.SeasonalNaiveBaseline;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The three baselines every model is compared with, set up for one prepared series:
 * <pre>
 *   naive           ŷ(o+h) = v[o]
 *   seasonal_naive  ŷ(o+h) = v[o + h - p·⌈h/p⌉]     p = the data's period, or detected on the training rows,
 *                                                    preferring the calendar periods of the time column (7 for days …)
 *   moving_average  ŷ(o+h) = mean(v[o-k+1 .. o])    k = the data's moving-average window, or the model's window T
 * </pre>
 */
public final class Baselines {

    /**
     * A baseline with the name of its result row.
     *
     * @param name     naive, seasonal_naive or moving_average
     * @param baseline the rule
     * @param detected true when the seasonal period was detected rather than given
     */
    public record Named(String name, Baseline baseline, boolean detected) {
    }

    private Baselines() {
    }

    /**
     * Naive, seasonal naive and moving average for {@code data}; seasonal naive is left out, with a message to
     * {@code warn}, when no period is given and none can be detected.
     *
     * @param window the model's input window T, the moving average's default k
     */
    public static List<Named> standard(PreparedData data, int window, Consumer<String> warn) {
        DataSpec spec = data.series().spec();
        List<Named> out = new ArrayList<>();
        out.add(new Named("naive", new NaiveBaseline(), false));
        try {
            out.add(spec.period() > 0 ? new Named("seasonal_naive", new SeasonalNaiveBaseline(spec.period()), false)
                    : new Named("seasonal_naive", SeasonalNaiveBaseline.detected(data.series().rawTarget(),
                    data.split().train(), data.series().table().time()), true));
        } catch (IllegalArgumentException e) {
            warn.accept("seasonal_naive left out: " + e.getMessage());
        }
        out.add(new Named("moving_average", new MovingAverageBaseline(spec.maWindow() > 0 ? spec.maWindow() : window),
                false));
        return out;
    }
}
