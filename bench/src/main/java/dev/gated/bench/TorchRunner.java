package dev.gated.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.internal.NDArrayEx;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.SplittableRandom;

/**
 * PyTorch 2.7 through DJL, in-process: {@code torch.lstm/gru} ({@code _VF} ops via DJL's {@code NDArrayEx},
 * the ops behind {@code torch.nn.LSTM/GRU}) → linear → MSE, autograd backward, DJL's Adam (one native
 * {@code adamUpdate} per parameter). Inference runs on copies of the weights that do not require
 * gradients, outside any gradient collector (no-grad mode).
 */
final class TorchRunner implements Runner {

    private static NDManager base;

    private final Shape s;
    private final Shape.Cell cell;
    private final NDManager manager;
    private final NDArray x;
    private final NDArray y;
    private final NDArray h0;
    private final NDArray c0;
    private final NDList trainParams = new NDList();  // weight_ih, weight_hh, bias_ih, bias_hh, linear w, linear b
    private final NDList inferParams = new NDList();
    private final Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).build();

    /** Loads PyTorch offline (the native library comes from the pytorch-native-cpu jar). */
    static synchronized String load() {
        if (base == null) {
            System.setProperty("ai.djl.offline", "true");
            if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
                System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
            }
            Engine engine = Engine.getEngine("PyTorch");
            base = engine.newBaseManager(Device.cpu());
        }
        return "PyTorch " + Engine.getEngine("PyTorch").getVersion() + " (DJL " + Engine.getDjlVersion() + ")";
    }

    /** The base manager ({@link #load} first). */
    static NDManager base() {
        load();
        return base;
    }

    static void threads(int n) {
        JniUtils.setNumThreads(n);
    }

    TorchRunner(Shape s, Shape.Cell cell, int threads, Data data) {
        load();
        threads(threads);
        this.s = s;
        this.cell = cell;
        manager = base.newSubManager();
        x = manager.create(data.x, new ai.djl.ndarray.types.Shape(s.batch(), s.steps(), s.input()));
        y = manager.create(data.y, new ai.djl.ndarray.types.Shape(s.batch(), 1));
        h0 = manager.zeros(new ai.djl.ndarray.types.Shape(1, s.batch(), s.hidden()));
        c0 = manager.zeros(new ai.djl.ndarray.types.Shape(1, s.batch(), s.hidden()));
        int width = cell.gates * s.hidden();
        SplittableRandom random = new SplittableRandom(11);
        float bound = (float) (1 / Math.sqrt(s.hidden()));
        long[][] shapes = {{width, s.input()}, {width, s.hidden()}, {width}, {width}, {1, s.hidden()}, {1}};
        for (long[] shape : shapes) {
            ai.djl.ndarray.types.Shape sh = new ai.djl.ndarray.types.Shape(shape);
            float[] values = new float[(int) sh.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) random.nextDouble(-bound, bound);
            }
            NDArray p = manager.create(values, sh);
            p.setRequiresGradient(true);
            trainParams.add(p);
            inferParams.add(manager.create(values, sh));
        }
    }

    private NDArray prediction(NDList params, boolean training) {
        NDList rnnParams = new NDList(params.get(0), params.get(1), params.get(2), params.get(3));
        NDArrayEx ex = x.getNDArrayInternal();
        NDList out = cell == Shape.Cell.LSTM
                ? ex.lstm(x, new NDList(h0, c0), rnnParams, true, 1, 0.0, training, false, true)
                : ex.gru(x, h0, rnnParams, true, 1, 0.0, training, false, true);
        NDArray last = out.get(1).reshape(s.batch(), s.hidden());
        return last.matMul(params.get(4).transpose()).add(params.get(5));
    }

    @Override
    public void train() {
        try (NDScope scope = new NDScope()) {
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray loss = prediction(trainParams, true).sub(y).square().mean();
                gc.backward(loss);
            }
        }
        for (int i = 0; i < trainParams.size(); i++) {
            NDArray p = trainParams.get(i);
            try (NDArray grad = p.getGradient()) {
                adam.update("p" + i, p, grad);
            }
            JniUtils.zeroGrad((PtNDArray) p);
        }
    }

    @Override
    public void infer() {
        try (NDScope scope = new NDScope()) {
            prediction(inferParams, false).toFloatArray();
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
