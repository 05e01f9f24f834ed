package dev.gated.model;

import dev.gated.data.Dataset;
import dev.gated.layer.BuildContext;
import dev.gated.layer.Layer;
import dev.gated.layer.Mode;
import dev.gated.layer.Parameter;
import dev.gated.loss.Loss;
import dev.gated.optim.GradientClipping;
import dev.gated.optim.LearningRateSchedule;
import dev.gated.optim.Optimizer;
import dev.gated.tensor.Precision;
import dev.gated.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

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
 *
 * <p>Reproducible: weights, shuffling and dropout masks derive from the seed (default 42), so the same seed
 * gives bit-identical results. Shuffling and dropout depend only on (seed, epoch, batch), so a run resumed
 * from a checkpoint continues exactly as the uninterrupted one would have.
 */
public final class Sequential {

    private final int[] inputShape;
    private final List<Layer> layers = new ArrayList<>();
    private long seed = 42;
    private Precision precision = Precision.FLOAT32;
    private boolean built;
    private List<int[]> outputShapes;
    private Optimizer optimizer;
    private Loss loss;
    private GradientClipping clipping = GradientClipping.NONE;
    private LearningRateSchedule schedule = LearningRateSchedule.constant();
    private double initialLearningRate;
    private int epochsCompleted;
    private boolean stopRequested;
    private final History history = new History();
    private final Map<String, String> trainingConfig = new LinkedHashMap<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();

    private Sequential(int[] inputShape) {
        for (int d : inputShape) {
            if (d <= 0) {
                throw new IllegalArgumentException("input shape: expected positive sizes (time steps, features) but found "
                        + java.util.Arrays.toString(inputShape));
            }
        }
        this.inputShape = inputShape.clone();
    }

    /** Starts a model whose examples have this shape, without the batch axis: e.g. (time steps, features). */
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

    private void requireUnbuilt(String what) {
        if (built) {
            throw new IllegalStateException("cannot " + what + " after the model is built (first compile, fit or predict)");
        }
    }

    /** Creates every layer's weights from the seed; called by compile, fit and predict if needed. */
    public Sequential build() {
        if (built) {
            return this;
        }
        if (layers.isEmpty()) {
            throw new IllegalStateException("the model has no layers: add some with add(...) before training");
        }
        BuildContext context = new BuildContext(precision, new SplittableRandom(seed));
        outputShapes = new ArrayList<>();
        int[] shape = inputShape;
        for (int i = 0; i < layers.size(); i++) {
            try {
                shape = layers.get(i).build(shape, context);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("layer " + (i + 1) + " (" + layers.get(i).type() + "): " + e.getMessage(), e);
            }
            outputShapes.add(shape);
        }
        built = true;
        return this;
    }

    public Sequential compile(Optimizer optimizer, Loss loss) {
        return compile(optimizer, loss, GradientClipping.NONE, LearningRateSchedule.constant());
    }

    public Sequential compile(Optimizer optimizer, Loss loss, GradientClipping clipping, LearningRateSchedule schedule) {
        build();
        this.optimizer = optimizer;
        this.loss = loss;
        this.clipping = clipping;
        this.schedule = schedule;
        this.initialLearningRate = optimizer.learningRate();
        return this;
    }

    public History fit(Tensor x, Tensor y, Fit options) {
        return fit(new Dataset(x, y), options);
    }

    /** Trains on {@code data}; see {@link Fit} for the options. */
    public History fit(Dataset data, Fit options) {
        requireCompiled();
        Dataset train = data;
        Dataset validation = options.validationData();
        if (options.validationSplit() > 0) {
            Dataset[] parts = data.splitLast(options.validationSplit());
            train = parts[0];
            validation = parts[1];
        }
        checkData("training data", train);
        if (validation != null) {
            checkData("validation data", validation);
        }
        recordTrainingConfig(options, train.size());
        return new Trainer(this, train, validation, options).run();
    }

    private void recordTrainingConfig(Fit options, int examples) {
        trainingConfig.put("epochs", Integer.toString(options.epochs()));
        trainingConfig.put("batch_size", Integer.toString(options.batchSize()));
        trainingConfig.put("shuffle", Boolean.toString(options.shuffle()));
        trainingConfig.put("validation_split", Double.toString(options.validationSplit()));
        trainingConfig.put("training_examples", Integer.toString(examples));
        trainingConfig.put("loss", loss.name());
        trainingConfig.put("clipping", clipping.kind().name().toLowerCase(java.util.Locale.ROOT)
                + (clipping.kind() == GradientClipping.Kind.NONE ? "" : "(" + clipping.threshold() + ")"));
        trainingConfig.put("schedule", schedule.describe());
    }

    private void requireCompiled() {
        if (optimizer == null || loss == null) {
            throw new IllegalStateException("the model is not compiled: call compile(optimizer, loss) before fit or evaluate");
        }
    }

    /** Checks shapes against the model and rejects NaN/Inf, naming the first bad element. */
    void checkData(String what, Dataset data) {
        checkInputs(what, data.x());
        rejectNonFinite(what + " y", data.y());
    }

    private void checkInputs(String what, Tensor x) {
        build();
        int[] xShape = x.shape();
        int[] expected = new int[inputShape.length + 1];
        expected[0] = xShape[0];
        System.arraycopy(inputShape, 0, expected, 1, inputShape.length);
        if (!java.util.Arrays.equals(xShape, expected)) {
            throw new IllegalArgumentException(what + ": x has shape " + x.shapeString()
                    + " but the model expects (examples, " + joinShape(inputShape) + ")"
                    + (xShape.length == inputShape.length ? " — add the features axis (size 1 for a univariate series)" : ""));
        }
        rejectNonFinite(what + " x", x);
    }

    private static void rejectNonFinite(String what, Tensor t) {
        int bad = t.firstNonFinite();
        if (bad >= 0) {
            throw new IllegalArgumentException(what + " contains " + t.get(bad) + " at index " + t.indexOf(bad)
                    + " — remove or fill missing values before training");
        }
    }

    /** Forward pass in inference mode, in batches of 256. */
    public Tensor predict(Tensor x) {
        return predict(x, null);
    }

    public Tensor predict(Tensor x, Tensor mask) {
        checkInputs("predict", x);
        Dataset data = new Dataset(x, Tensor.zeros(x.precision(), x.dim(0)), mask);
        int n = x.dim(0);
        int batch = 256;
        Tensor out = null;
        for (int start = 0; start < n; start += batch) {
            Dataset part = data.range(start, Math.min(n, start + batch));
            Tensor y = forward(part.x().to(precision), part.mask(), Mode.INFERENCE).output();
            if (out == null) {
                int[] shape = y.shape();
                shape[0] = n;
                out = Tensor.zeros(precision, shape);
            }
            out.copyFrom(y, 0, start * (y.size() / y.dim(0)), y.size());
        }
        return out;
    }

    /** The compiled loss on (x, y), in inference mode. */
    public double evaluate(Tensor x, Tensor y) {
        return evaluate(new Dataset(x, y));
    }

    public double evaluate(Dataset data) {
        requireCompiled();
        checkData("evaluate", data);
        return new Trainer(this, data, null, Fit.epochs(1).quiet()).evaluate(data, 256);
    }

    /** Result of a forward pass: the output and the mask that goes with it (null if none). */
    record Forward(Tensor output, Tensor mask) {
    }

    Forward forward(Tensor x, Tensor mask, Mode mode) {
        build();
        Tensor h = x;
        Tensor m = mask;
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            Mode layerMode = mode.training() ? Mode.training(mode.seed() * 31 + i) : mode;
            h = layer.forward(h, m, layerMode);
            m = layer.outputMask(m);
        }
        return new Forward(h, m);
    }

    void backward(Tensor dOutput) {
        Tensor d = dOutput;
        for (int i = layers.size() - 1; i >= 0 && d != null; i--) {
            d = layers.get(i).backward(d);
        }
    }

    /** All trainable weights, layer by layer, in a fixed order. */
    public List<Parameter> parameters() {
        build();
        List<Parameter> all = new ArrayList<>();
        for (Layer layer : layers) {
            all.addAll(layer.parameters());
        }
        return all;
    }

    public long parameterCount() {
        long n = 0;
        for (Parameter p : parameters()) {
            n += p.value().size();
        }
        return n;
    }

    /** Saves architecture, weights, optimizer state and provenance, atomically; see {@link dev.gated.io.ModelFile}. */
    public void save(java.nio.file.Path file) throws java.io.IOException {
        dev.gated.io.ModelFile.save(this, file);
    }

    /** Loads a model written by {@link #save}. */
    public static Sequential load(java.nio.file.Path file) throws java.io.IOException {
        return dev.gated.io.ModelFile.load(file);
    }

    /** A Keras-style table: layer, output shape, parameter count, totals. */
    public String summary() {
        return Summary.of(this);
    }

    /** Asks a running {@code fit} to stop after the current epoch (used by early stopping). */
    public void stopTraining() {
        stopRequested = true;
    }

    boolean consumeStopRequest() {
        boolean s = stopRequested;
        stopRequested = false;
        return s;
    }

    public List<Layer> layers() {
        return Collections.unmodifiableList(layers);
    }

    public int[] inputShape() {
        return inputShape.clone();
    }

    public List<int[]> outputShapes() {
        build();
        return Collections.unmodifiableList(outputShapes);
    }

    public long seed() {
        return seed;
    }

    public Precision precision() {
        return precision;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    public Loss loss() {
        return loss;
    }

    public GradientClipping clipping() {
        return clipping;
    }

    public LearningRateSchedule schedule() {
        return schedule;
    }

    public double initialLearningRate() {
        return initialLearningRate;
    }

    public int epochsCompleted() {
        return epochsCompleted;
    }

    void setEpochsCompleted(int epochs) {
        epochsCompleted = epochs;
    }

    public void restoreEpochsCompleted(int epochs, double initialRate) {
        epochsCompleted = epochs;
        initialLearningRate = initialRate;
    }

    public History history() {
        return history;
    }

    public Map<String, String> trainingConfig() {
        return Collections.unmodifiableMap(trainingConfig);
    }

    public void putTrainingConfig(Map<String, String> config) {
        trainingConfig.putAll(config);
    }

    /**
     * Free-form key/value facts saved with the model, e.g. the CLI's scaler parameters and column names.
     * Keys are plain text; values must not be null.
     */
    public Map<String, String> metadata() {
        return metadata;
    }

    void addHistory(EpochRecord record) {
        history.add(record);
    }

    /** Restores one epoch of history (model files). */
    public void restoreHistory(EpochRecord record) {
        history.add(record);
    }

    static String joinShape(int[] shape) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return sb.toString();
    }
}
