package dev.gated.forecast;

import dev.gated.model.Sequential;
import dev.gated.timeseries.metrics.MetricReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Rolling-origin evaluation of a trained model on the test part: the W test windows are cut, in time order, into
 * N consecutive folds, each forecast from its own origins; the model (as trained, not refitted) and the standard
 * baselines are scored on every fold, and each metric is summarised by its mean and spread over the folds:
 * <pre>
 *   fold k     = test windows [⌊k·W/N⌋, ⌊(k+1)·W/N⌋)        k = 0 … N-1, every window in exactly one fold
 *   mean(m)    = Σ_k m_k / N
 *   sd(m)      = √( Σ_k (m_k − mean)² / (N − 1) )           sample standard deviation over the folds
 * </pre>
 * for m = RMSE, MAE and sMAPE (file units, sMAPE in percent) of the targets of fold k.
 */
public final class RollingEvaluation {

    /**
     * Mean and sample standard deviation of one metric over the folds, with the value of each fold.
     *
     * @param mean  mean over the folds
     * @param sd    sample standard deviation over the folds
     * @param folds (N) the metric on each fold, oldest first
     */
    public record Spread(double mean, double sd, double[] folds) {

        static Spread of(double[] values) {
            double mean = 0;
            for (double v : values) {
                mean += v / values.length;
            }
            double ss = 0;
            for (double v : values) {
                ss += (v - mean) * (v - mean);
            }
            return new Spread(mean, Math.sqrt(ss / (values.length - 1)), values.clone());
        }

        /** {@code {"mean", "sd", "folds"}} for JSON. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("mean", mean);
            m.put("sd", sd);
            m.put("folds", folds.clone());
            return m;
        }
    }

    /**
     * One model or baseline over all folds.
     *
     * @param model  lstm, gru, rnn, naive, seasonal_naive or moving_average
     * @param detail e.g. "seasonal-naive(12)"
     * @param rmse   RMSE over the folds
     * @param mae    MAE over the folds
     * @param smape  sMAPE (percent) over the folds
     */
    public record Row(String model, String detail, Spread rmse, Spread mae, Spread smape) {
    }

    /**
     * The folds' first target rows (their forecast origins' next rows), oldest first.
     *
     * @param folds N, &ge; 2 and at most the number of test windows
     */
    public static int[] foldStarts(PreparedData data, int folds) {
        List<Part> parts = folds(data.test(), folds);
        int[] starts = new int[parts.size()];
        for (int k = 0; k < starts.length; k++) {
            starts[k] = parts.get(k).windows().targetStart()[0];
        }
        return starts;
    }

    private RollingEvaluation() {
    }

    /**
     * Scores {@code model} and the standard baselines (see {@link Baselines}) on {@code folds} folds of the test part.
     *
     * @param window the model's input window, the moving-average baseline's default
     * @throws IllegalArgumentException when {@code folds} is below 2 or above the number of test windows
     */
    public static List<Row> run(String name, String detail, Sequential model, PreparedData data, int window, int folds,
                                Consumer<String> warn) {
        List<Part> parts = folds(data.test(), folds);
        List<Row> rows = new ArrayList<>();
        rows.add(row(name, detail, parts, p -> PartForecast.ofModel(model, p, data.series()).metrics()));
        for (Baselines.Named b : Baselines.standard(data, window, warn)) {
            rows.add(row(b.name(), b.baseline().name(), parts,
                    p -> PartForecast.ofBaseline(b.baseline(), p, data.series()).metrics()));
        }
        return rows;
    }

    private static List<Part> folds(Part test, int folds) {
        int w = test.count();
        if (folds < 2 || folds > w) {
            throw new IllegalArgumentException("--rolling N: expected 2 <= N <= " + w + " (the test windows), got "
                    + folds);
        }
        List<Part> parts = new ArrayList<>();
        for (int k = 0; k < folds; k++) {
            parts.add(test.slice("test fold " + (k + 1), (int) ((long) k * w / folds),
                    (int) ((long) (k + 1) * w / folds)));
        }
        return parts;
    }

    private static Row row(String name, String detail, List<Part> parts,
                           java.util.function.Function<Part, MetricReport> score) {
        double[] rmse = new double[parts.size()];
        double[] mae = new double[parts.size()];
        double[] smape = new double[parts.size()];
        for (int k = 0; k < parts.size(); k++) {
            MetricReport m = score.apply(parts.get(k));
            rmse[k] = m.rmse();
            mae[k] = m.mae();
            smape[k] = m.smape();
        }
        return new Row(name, detail, Spread.of(rmse), Spread.of(mae), Spread.of(smape));
    }
}
