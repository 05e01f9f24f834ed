package dev.gated.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import dev.gated.kernel.KernelProvider;
import dev.gated.kernel.VectorKernels;
import dev.gated.layer.recurrent.Recurrent;
import dev.gated.model.Sequential;
import dev.gated.model.StreamState;
import dev.gated.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Streaming latency: one time step of a recurrent layer with its state carried, as a live stream runs it.
 * Gated: {@code model.step(state, x_t)}. PyTorch: the same layer's operator ({@code torch.lstm/gru}, the op
 * behind {@code nn.LSTM/GRU}) on a one-step sequence with (h, c) carried from the previous call — DJL 0.36
 * exposes no {@code lstm_cell}/{@code gru_cell}, and the one-step op computes the same cell. Timed one step
 * at a time, in blocks of {@link #BLOCK} steps alternating between the libraries; p50 and p99 of the steps.
 */
final class StreamBench {

    static final int INPUT = 32;
    static final int BLOCK = 200;

    record Case(Shape.Cell cell, int batch, int hidden) {
    }

    record Result(Case c, double gatedP50, double gatedP99, double torchP50, double torchP99, int steps) {
        double ratioP50() {
            return torchP50 / gatedP50;
        }
    }

    private StreamBench() {
    }

    static List<Case> cases() {
        List<Case> list = new ArrayList<>();
        for (Shape.Cell cell : Shape.Cell.values()) {
            for (int hidden : new int[] {128, 512}) {
                list.add(new Case(cell, 1, hidden));
            }
            list.add(new Case(cell, 64, 128));
        }
        return list;
    }

    /** Runs every case on one thread (both libraries) for {@code blocks} blocks each. */
    static List<Result> run(NDManager base, int blocks) {
        KernelProvider.use(new VectorKernels(1));
        TorchRunner.threads(1);
        List<Result> results = new ArrayList<>();
        for (Case c : cases()) {
            results.add(run(base, c, blocks));
        }
        return results;
    }

    private static Result run(NDManager base, Case c, int blocks) {
        float[] xValues = new float[c.batch() * INPUT];
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < xValues.length; i++) {
            xValues[i] = (float) random.nextDouble(-1, 1);
        }
        GatedStepper gated = new GatedStepper(c, xValues);
        try (NDManager manager = base.newSubManager()) {
            TorchStepper torch = new TorchStepper(manager, c, xValues);
            // warm-up: the native library's first calls, and Gated's step until the JIT has compiled it
            Bench.warmUp(() -> {
                gated.step();
                torch.step();
            }, 3 * BLOCK);
            double[] g = new double[blocks * BLOCK];
            double[] t = new double[blocks * BLOCK];
            for (int b = 0; b < blocks; b++) {
                for (int i = 0; i < BLOCK; i++) {
                    long start = System.nanoTime();
                    gated.step();
                    g[b * BLOCK + i] = (System.nanoTime() - start) / 1e3;
                }
                for (int i = 0; i < BLOCK; i++) {
                    long start = System.nanoTime();
                    torch.step();
                    t[b * BLOCK + i] = (System.nanoTime() - start) / 1e3;
                }
            }
            torch.close();
            return new Result(c, percentile(g, 50), percentile(g, 99), percentile(t, 50), percentile(t, 99), g.length);
        }
    }

    static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    static String render(List<Result> results) {
        StringBuilder b = new StringBuilder("Streaming latency, one time step, state carried, 1 thread (I = 32; µs):\n");
        b.append(String.format(Locale.ROOT, "%-4s %5s %5s | %9s %9s | %9s %9s | %7s%n",
                "cell", "B", "H", "gated p50", "gated p99", "torch p50", "torch p99", "×torch"));
        for (Result r : results) {
            b.append(String.format(Locale.ROOT, "%-4s %5d %5d | %9.1f %9.1f | %9.1f %9.1f | %7.2f%n",
                    r.c().cell(), r.c().batch(), r.c().hidden(), r.gatedP50(), r.gatedP99(), r.torchP50(),
                    r.torchP99(), r.ratioP50()));
        }
        b.append("×torch = PyTorch p50 ÷ Gated p50 over ").append(results.isEmpty() ? 0 : results.get(0).steps())
                .append(" steps each, timed in alternating blocks of ").append(BLOCK).append('\n');
        return b.toString();
    }

    static String json(List<Result> results) {
        StringBuilder b = new StringBuilder("[\n");
        for (int i = 0; i < results.size(); i++) {
            Result r = results.get(i);
            b.append(String.format(Locale.ROOT, "  {\"cell\": %s, \"B\": %d, \"I\": %d, \"H\": %d, \"threads\": 1, "
                            + "\"gated_p50_us\": %s, \"gated_p99_us\": %s, \"pytorch_p50_us\": %s, \"pytorch_p99_us\": %s, "
                            + "\"ratio_p50_vs_pytorch\": %s, \"steps\": %d}%s%n",
                    Json.str(r.c().cell().name()), r.c().batch(), INPUT, r.c().hidden(), Json.num(r.gatedP50()),
                    Json.num(r.gatedP99()), Json.num(r.torchP50()), Json.num(r.torchP99()), Json.num(r.ratioP50()),
                    r.steps(), i + 1 < results.size() ? "," : ""));
        }
        return b.append("]\n").toString();
    }

    /** Gated: a one-layer model stepped through its streaming state. */
    private static final class GatedStepper {
        private final Sequential model;
        private final StreamState state;
        private final Tensor x;

        GatedStepper(Case c, float[] xValues) {
            Recurrent layer = c.cell() == Shape.Cell.LSTM ? Recurrent.lstm(c.hidden()) : Recurrent.gru(c.hidden());
            model = Sequential.input(dev.gated.tensor.Shape.ANY, INPUT).add(layer.returnSequences(true)).seed(3).build();
            state = model.newState(c.batch());
            x = Tensor.of(xValues, c.batch(), 1, INPUT);
        }

        void step() {
            model.step(state, x);
        }
    }

    /** PyTorch: the layer's operator on a one-step sequence, (h, c) carried between calls. */
    private static final class TorchStepper {
        private final Case c;
        private final NDArray x;
        private final NDList params = new NDList();
        private NDArray h;
        private NDArray cell;

        TorchStepper(NDManager manager, Case c, float[] xValues) {
            this.c = c;
            x = manager.create(xValues, new ai.djl.ndarray.types.Shape(c.batch(), 1, INPUT));
            h = manager.zeros(new ai.djl.ndarray.types.Shape(1, c.batch(), c.hidden()));
            cell = manager.zeros(new ai.djl.ndarray.types.Shape(1, c.batch(), c.hidden()));
            int width = c.cell().gates * c.hidden();
            SplittableRandom random = new SplittableRandom(7);
            float bound = (float) (1 / Math.sqrt(c.hidden()));
            long[][] shapes = {{width, INPUT}, {width, c.hidden()}, {width}, {width}};
            for (long[] shape : shapes) {
                ai.djl.ndarray.types.Shape sh = new ai.djl.ndarray.types.Shape(shape);
                float[] values = new float[(int) sh.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) random.nextDouble(-bound, bound);
                }
                params.add(manager.create(values, sh));
            }
        }

        void step() {
            NDArray newH;
            NDArray newC = null;
            try (NDScope scope = new NDScope()) {
                NDList out = c.cell() == Shape.Cell.LSTM
                        ? x.getNDArrayInternal().lstm(x, new NDList(h, cell), params, true, 1, 0.0, false, false, true)
                        : x.getNDArrayInternal().gru(x, h, params, true, 1, 0.0, false, false, true);
                newH = out.get(1);
                NDScope.unregister(newH);
                if (c.cell() == Shape.Cell.LSTM) {
                    newC = out.get(2);
                    NDScope.unregister(newC);
                }
            }
            h.close();
            h = newH;
            if (newC != null) {
                cell.close();
                cell = newC;
            }
        }

        void close() {
            h.close();
            cell.close();
        }
    }
}
