package dev.gated.bench;

import dev.gated.kernel.KernelProvider;
import dev.gated.kernel.Kernels;
import dev.gated.kernel.VectorKernels;
import dev.gated.layer.Dense;
import dev.gated.layer.Layer;
import dev.gated.layer.Mode;
import dev.gated.layer.Parameter;
import dev.gated.layer.recurrent.Recurrent;
import dev.gated.loss.Loss;
import dev.gated.model.Sequential;
import dev.gated.optim.Adam;
import dev.gated.tensor.Tensor;
import java.util.List;

/** Gated: recurrent layer (last output) → Dense(1) → MSE, Adam; float32, driven layer by layer. */
final class GatedRunner implements Runner {

    /** One set of kernels (and worker threads) per thread count, reused across shapes. */
    private static final java.util.Map<Integer, Kernels> KERNELS = new java.util.HashMap<>();

    final Sequential model;
    private final Recurrent recurrent;
    private final Dense dense;
    private final List<Parameter> parameters;
    private final Adam adam = new Adam(1e-3);
    private final Loss loss = Loss.mse();
    private final Tensor x;
    private final Tensor y;
    private final Tensor dPrediction;
    private final Mode training = Mode.training(1);

    GatedRunner(Shape s, Shape.Cell cell, int threads, Data data) {
        KernelProvider.use(KERNELS.computeIfAbsent(threads, VectorKernels::new));
        recurrent = cell == Shape.Cell.LSTM ? Recurrent.lstm(s.hidden()) : Recurrent.gru(s.hidden());
        dense = new Dense(1);
        model = Sequential.input(s.steps(), s.input()).add(recurrent).add(dense).seed(7).build();
        parameters = model.parameters();
        x = Tensor.of(data.x, s.batch(), s.steps(), s.input());
        y = Tensor.of(data.y, s.batch(), 1);
        dPrediction = Tensor.of(new float[s.batch()], s.batch(), 1);
    }

    @Override
    public void train() {
        for (Parameter p : parameters) {
            p.zeroGrad();
        }
        Tensor h = recurrent.forward(x, null, training);
        Tensor prediction = dense.forward(h, null, training);
        loss.compute(prediction, y, null, dPrediction);
        recurrent.backward(dense.backward(dPrediction));
        adam.step(parameters);
    }

    @Override
    public void infer() {
        Layer last = dense;
        last.forward(recurrent.forward(x, null, Mode.INFERENCE), null, Mode.INFERENCE);
    }

    /** The inference output for the bench input, (B, 1) flattened: what other runtimes are checked against. */
    float[] output() {
        return dense.forward(recurrent.forward(x, null, Mode.INFERENCE), null, Mode.INFERENCE).toFloatArray();
    }

    @Override
    public void close() {
    }
}
