package dev.gated.forecast;

import dev.gated.data.Dataset;
import dev.gated.layer.Dense;
import dev.gated.layer.recurrent.RecurrentKind;
import dev.gated.loss.Loss;
import dev.gated.model.EarlyStopping;
import dev.gated.model.Fit;
import dev.gated.model.Sequential;
import dev.gated.optim.Optimizer;
import dev.gated.tensor.Tensor;
import dev.gated.timeseries.baseline.NaiveBaseline;
import dev.gated.timeseries.metrics.MetricReport;
import dev.gated.timeseries.scale.ScalerKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The univariate long-horizon protocol of DLinear/NLinear (Zeng et al., AAAI 2023) and PatchTST (Nie et al.,
 * ICLR 2023) on ETTh1, with models built and trained by Gated:
 * <pre>
 *   target OT alone; rows: train [0, 8640), validation [8640, 11520), test [11520, 14400) (12/4/4 months of hours),
 *   each window's 336 inputs may reach back into the part before; standard scaler fitted on the training rows;
 *   horizons H = 96, 192, 336, 720, every test window (stride 1); MSE and MAE on the scaled values, averaged over
 *   every predicted step of every test window
 *
 *   naive     ŷ(o+h) = x(o)                                  the last input value, for every step
 *   NLinear   ŷ = W·(x − x_T) + b + x_T                      x (336), W (H, 336): one Dense from 336 to H on the
 *                                                             window minus its last value, which is added back
 *   LSTM/GRU  ŷ = Dense(H)(Recurrent(units)(x − x_T)) + x_T   direct multi-horizon head on relative windows
 *   LSTM/GRU, recursive (rows lstm-rec, gru-rec)
 *             ŷ(o+1) = Dense(1)(Recurrent(units)(x − x_T)) + x_T, one step, trained once on horizon 1; the
 *             H steps rolled forward by feeding each prediction back ({@link RecursiveRollout}); one model
 *             serves every horizon; rolling costs N·H forward passes of 336 steps, so it is scored on every
 *             k-th test window (argument testEvery), beside the naive forecast on the same windows (naive-k)
 * </pre>
 * Training is budget-bound (arguments below): Adam, MSE, early stopping on validation MSE with the best weights
 * kept; training and validation windows are subsampled with a stride, test windows never are.
 *
 * <p>Arguments: {@code ETTh1.csv [horizons=96,192,336,720] [rnnEpochs=4] [rnnStride=8] [units=32]
 * [rows=direct|recursive|all] [testEvery=1]}. Prints one markdown row per model and horizon.
 */
public final class LongHorizonBenchmark {

    static final int INPUT = 336;
    static final String SPLIT = "8640,11520,14400";

    /**
     * MSE and MAE of one model at one horizon.
     *
     * @param model   naive, nlinear, lstm or gru
     * @param horizon H
     * @param mse     test MSE on the scaled values
     * @param mae     test MAE on the scaled values
     * @param seconds training wall time (0 for naive)
     * @param epochs  epochs run (0 for naive)
     */
    public record Score(String model, int horizon, double mse, double mae, double seconds, int epochs) {
    }

    /**
     * The budget of the trained models.
     *
     * @param nlinearEpochs epochs at most for NLinear (every training window)
     * @param rnnEpochs     epochs at most for LSTM and GRU
     * @param rnnStride     stride between their training and validation windows
     * @param units         hidden units of LSTM and GRU
     * @param patience      early-stopping patience, epochs
     */
    public record Budget(int nlinearEpochs, int rnnEpochs, int rnnStride, int units, int patience) {
    }

    private LongHorizonBenchmark() {
    }

    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: LongHorizonBenchmark ETTh1.csv [horizons=96,192,336,720] [rnnEpochs=4] "
                    + "[rnnStride=8] [units=32] [rows=direct|recursive|all] [testEvery=1]");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        String[] hs = (args.length > 1 ? args[1] : "96,192,336,720").split(",");
        Budget budget = new Budget(10, args.length > 2 ? Integer.parseInt(args[2]) : 4,
                args.length > 3 ? Integer.parseInt(args[3]) : 8, args.length > 4 ? Integer.parseInt(args[4]) : 32, 2);
        String rows = args.length > 5 ? args[5] : "direct";
        if (!List.of("direct", "recursive", "all").contains(rows)) {
            System.err.println("rows: expected direct, recursive or all, got " + rows);
            System.exit(2);
        }
        System.out.println("| model | H | MSE | MAE | epochs | train s |");
        System.out.println("|---|---|---|---|---|---|");
        if (!rows.equals("recursive")) {
            for (String h : hs) {
                run(file, Integer.parseInt(h.trim()), INPUT, SPLIT, budget).forEach(LongHorizonBenchmark::print);
            }
        }
        if (!rows.equals("direct")) {
            int[] horizons = java.util.Arrays.stream(hs).mapToInt(h -> Integer.parseInt(h.trim())).toArray();
            int every = args.length > 6 ? Integer.parseInt(args[6]) : 1;
            for (RecurrentKind kind : List.of(RecurrentKind.LSTM, RecurrentKind.GRU)) {
                recursive(file, kind, horizons, INPUT, SPLIT, budget, every).forEach(LongHorizonBenchmark::print);
            }
        }
    }

    private static void print(Score s) {
        System.out.printf(Locale.ROOT, "| %s | %d | %.4f | %.4f | %d | %.1f |%n", s.model(), s.horizon(), s.mse(),
                s.mae(), s.epochs(), s.seconds());
        System.out.flush();
    }

    /**
     * The recursive rows of one cell: a one-step network trained once (the direct rows' budget, stride and
     * units), rolled forward max(horizons) steps from every {@code every}-th test window, each horizon H scored on
     * those of the windows whose H targets lie in the test rows (every window of the direct rows when
     * {@code every} is 1), then the naive forecast on the same windows (model "naive-k", k = every).
     * {@code seconds} is the training time; the rollout's time is printed to standard error.
     */
    public static List<Score> recursive(Path file, RecurrentKind kind, int[] horizons, int input, String splitRows,
                                        Budget budget, int every) {
        HyperParameters hp = rnn(input, 1, budget.rnnStride(), budget.rnnEpochs(), budget.units(), budget.patience());
        PreparedData data = PreparedData.prepare(file, spec(splitRows), hp);
        TrainingRun run = TrainingRun.train(kind, hp, data, List.of());
        int longest = java.util.Arrays.stream(horizons).max().orElseThrow();
        long start = System.nanoTime();
        double[] rolled = RecursiveRollout.roll(run.model(), data.test(), longest, true, 512, every);
        System.err.printf(Locale.ROOT, "%s-rec: rollout of %d steps from every %d-th of %d windows in %.1f s%n",
                kind.id(), longest, every, data.test().count(), (System.nanoTime() - start) / 1e9);
        int[] targetStart = data.test().windows().targetStart();
        int end = data.test().rows().end();
        double[] actual = data.series().target();
        List<Score> out = new ArrayList<>();
        List<Score> naive = new ArrayList<>();
        float[] x = data.test().windows().x();
        for (int h : horizons) {
            List<Double> a = new ArrayList<>();
            List<Double> p = new ArrayList<>();
            List<Double> last = new ArrayList<>();
            for (int i = 0; i < targetStart.length && targetStart[i] + h <= end; i += every) {
                for (int k = 0; k < h; k++) {
                    a.add(actual[targetStart[i] + k]);
                    p.add(rolled[i * longest + k]);
                    last.add((double) x[i * input + input - 1]);
                }
            }
            double[] av = a.stream().mapToDouble(Double::doubleValue).toArray();
            MetricReport m = MetricReport.of(av, p.stream().mapToDouble(Double::doubleValue).toArray());
            out.add(new Score(kind.id() + "-rec", h, m.mse(), m.mae(), run.seconds(), run.epochs()));
            MetricReport n = MetricReport.of(av, last.stream().mapToDouble(Double::doubleValue).toArray());
            naive.add(new Score("naive-" + every, h, n.mse(), n.mae(), 0, 0));
        }
        out.addAll(naive);
        return out;
    }

    private static DataSpec spec(String splitRows) {
        return new DataSpec("OT", null, null, DataSpec.parseMissing("error"), ScalerKind.STANDARD,
                SplitSpec.parse("0.5", splitRows, 0), 24, 0);
    }

    /** The four rows at one horizon; {@code input} and {@code splitRows} are 336 and the protocol's rows here. */
    public static List<Score> run(Path file, int horizon, int input, String splitRows, Budget budget) {
        DataSpec spec = spec(splitRows);
        List<Score> out = new ArrayList<>();
        PreparedData every = PreparedData.prepare(file, spec, rnn(input, horizon, 1, budget.nlinearEpochs(), 32,
                budget.patience()));
        MetricReport naive = PartForecast.ofBaseline(new NaiveBaseline(), every.test(), every.series()).scaledMetrics();
        out.add(new Score("naive", horizon, naive.mse(), naive.mae(), 0, 0));
        out.add(nlinear(every, input, horizon, budget));
        HyperParameters hp = rnn(input, horizon, budget.rnnStride(), budget.rnnEpochs(), budget.units(),
                budget.patience());
        PreparedData strided = PreparedData.prepare(file, spec, hp);
        for (RecurrentKind kind : List.of(RecurrentKind.LSTM, RecurrentKind.GRU)) {
            TrainingRun run = TrainingRun.train(kind, hp, strided, List.of());
            MetricReport m = PartForecast.ofModel(run.model(), strided.test(), strided.series()).scaledMetrics();
            out.add(new Score(kind.id(), horizon, m.mse(), m.mae(), run.seconds(), run.epochs()));
        }
        return out;
    }

    private static HyperParameters rnn(int input, int horizon, int stride, int epochs, int units, int patience) {
        return new HyperParameters(units, 1, input, horizon, stride, epochs, 32, 0.001, 42, patience, 0, 0, true);
    }

    /** NLinear: relative windows (the part's offsets) into one Dense(H) over the 336 inputs. */
    static Score nlinear(PreparedData data, int input, int horizon, Budget budget) {
        Sequential model = Sequential.input(input).seed(42).add(new Dense(horizon));
        model.compile(Optimizer.parse("adam", 0.005), Loss.mse());
        Fit fit = Fit.epochs(budget.nlinearEpochs()).batchSize(32).quiet()
                .validationData(flat(data.validation().dataset()));
        EarlyStopping stopping = new EarlyStopping(budget.patience());
        fit.listener(stopping);
        long start = System.nanoTime();
        var history = model.fit(flat(data.train().dataset()), fit);
        double seconds = (System.nanoTime() - start) / 1e9;
        Part test = data.test();
        float[] p = model.predict(test.inputs().reshape(test.count(), input)).toFloatArray();
        double[] predicted = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            predicted[i] = p[i];
        }
        test.addOffsets(predicted);
        MetricReport m = MetricReport.of(test.windows().yAsDoubles(), predicted);
        return new Score("nlinear", horizon, m.mse(), m.mae(), seconds, history.size());
    }

    /** (N, T, 1) windows as (N, T) rows for a Dense over the time axis. */
    private static Dataset flat(Dataset d) {
        int[] s = d.x().shape();
        return new Dataset(d.x().reshape(s[0], s[1] * s[2]), d.y(), null);
    }
}
