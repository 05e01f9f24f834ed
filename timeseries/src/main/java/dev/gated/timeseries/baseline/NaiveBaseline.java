package dev.gated.timeseries.baseline;

/**
 * The last-value (naive, random-walk) forecast: every step repeats the last observed value.
 * <pre>
 *   ŷ(o + h) = v[o]        h = 1..H
 * </pre>
 */
public final class NaiveBaseline implements Baseline {

    @Override
    public String name() {
        return "naive";
    }

    @Override
    public double[] predict(double[] series, int[] targetStart, int horizon) {
        double[] out = new double[targetStart.length * horizon];
        for (int i = 0; i < targetStart.length; i++) {
            int o = Baseline.origin(series, targetStart, i, 1, name());
            for (int h = 0; h < horizon; h++) {
                out[i * horizon + h] = series[o];
            }
        }
        return out;
    }
}
