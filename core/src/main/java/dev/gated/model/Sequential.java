package dev.gated.model;

import dev.gated.layer.BuildContext;
import dev.gated.layer.Layer;
import dev.gated.loss.Loss;
import dev.gated.optim.GradientClipping;
import dev.gated.optim.LearningRateSchedule;
import dev.gated.optim.Optimizer;
import dev.gated.tensor.Precision;
import dev.gated.tensor.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A stack of layers trained end to end — Keras's {@code Sequential}:
 *
 * <pre>{@code
 * Sequential model = Sequential.input(10, 1)       // windows of 10 steps, 1 feature
 *         .add(Recurrent.lstm(50))
 *         .add(new Dense(1));
 * model.compile(new Adam(0.001), Loss.mse());
 * History history = model.fit(x, y, Fit.epochs(20));
 * }</pre>
 * {@code Sequential.input(Shape.anyLength(1))} accepts sequences of any length, in training and in
 * prediction; {@code Sequential.input(10, 1)} exactly 10 steps.
 *
 * <p>Reproducible: weights, shuffling and dropout masks derive from the seed (default 42), so the same seed
 * gives bit-identical results. Shuffling and dropout depend only on (seed, epoch, batch), so a run resumed
 * from a checkpoint continues exactly as the uninterrupted one would have.
 */
public final class Sequential extends Model {

    private final int[] inputShape;
    private final List<Layer> layers = new ArrayList<>();
    private List<int[]> outputShapes;

    private Sequential(int[] inputShape) {
        for (int d : inputShape) {
            if (d <= 0 && d != Shape.ANY) {
                throw new IllegalArgumentException("input shape: expected positive sizes (time steps, features) or Shape.ANY but found "
                        + java.util.Arrays.toString(inputShape));
            }
        }
        this.inputShape = inputShape.clone();
    }

    /**
     * Starts a model whose examples have this shape, without the batch axis: e.g. (time steps, features), or
     * {@code Shape.anyLength(features)} for sequences of any length.
     */
    public static Sequential input(int... shape) {
        return new Sequential(shape);
    }

    public Sequential add(Layer layer) {
        requireUnbuilt("add a layer");
        layers.add(layer);
        return this;
    }

    public Sequential seed(long value) {
        requireUnbuilt("set the seed");
        seed = value;
        return this;
    }

    /** FLOAT32 (default) or FLOAT64. */
    public Sequential precision(Precision value) {
        requireUnbuilt("set the precision");
        precision = value;
        return this;
    }

    @Override
    public Sequential build() {
        super.build();
        return this;
    }

    @Override
    Graph createGraph(BuildContext context) {
        if (layers.isEmpty()) {
            throw new IllegalStateException("the model has no layers: add some with add(...) before training");
        }
        List<int[]> shapes = new ArrayList<>();
        List<Graph.Op> ops = new ArrayList<>();
        int[] shape = inputShape;
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            if (layer.outputCount(1) > 1) {
                throw new IllegalArgumentException("layer " + (i + 1) + " (" + layer.type() + "): returnState gives several "
                        + "outputs, which a Sequential model cannot pass on — build a graph model with Model.of(...)");
            }
            try {
                shape = layer.build(shape, context);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("layer " + (i + 1) + " (" + layer.type() + "): " + e.getMessage(), e);
            }
            shapes.add(shape);
            ops.add(new Graph.Op(layer, new int[] {i}, new int[] {i + 1}, i));
        }
        outputShapes = shapes;
        return new Graph(layers.size() + 1, new int[] {0}, new int[] {layers.size()}, ops);
    }

    @Override
    public Sequential compile(Optimizer optimizer, Loss loss) {
        super.compile(optimizer, loss);
        return this;
    }

    @Override
    public Sequential compile(Optimizer optimizer, Loss loss, GradientClipping clipping, LearningRateSchedule schedule) {
        super.compile(optimizer, loss, clipping, schedule);
        return this;
    }

    @Override
    public Sequential metrics(Metric... values) {
        super.metrics(values);
        return this;
    }

    /** Loads a Sequential model written by {@link #save}; a graph model file is refused with a pointer to {@link Model#load}. */
    public static Sequential load(Path file) throws IOException {
        return ModelFile.load(file);
    }

    @Override
    public String summary() {
        return Summary.of(this);
    }

    @Override
    public List<Layer> layers() {
        return Collections.unmodifiableList(layers);
    }

    public int[] inputShape() {
        return inputShape.clone();
    }

    @Override
    public List<int[]> inputShapes() {
        return List.of(inputShape.clone());
    }

    /** The output shape of every layer, in order (no batch axis). */
    public List<int[]> outputShapes() {
        build();
        return Collections.unmodifiableList(outputShapes);
    }

    @Override
    public List<int[]> modelOutputShapes() {
        build();
        return List.of(outputShapes.get(outputShapes.size() - 1));
    }
}
