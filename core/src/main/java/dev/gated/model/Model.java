package dev.gated.model;

import dev.gated.data.Dataset;
import dev.gated.data.MultiDataset;
import dev.gated.layer.BuildContext;
import dev.gated.layer.Layer;
import dev.gated.layer.Mode;
import dev.gated.layer.Node;
import dev.gated.layer.Parameter;
import dev.gated.layer.recurrent.Recurrent;
import dev.gated.loss.Loss;
import dev.gated.optim.GradientClipping;
import dev.gated.optim.LearningRateSchedule;
import dev.gated.optim.Optimizer;
import dev.gated.tensor.Precision;
import dev.gated.tensor.Shape;
import dev.gated.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * A trainable model: {@link Sequential} (a stack of layers) or a graph of layer calls made with
 * {@link #of(List, List)} (Keras's functional API). Both compile, fit, evaluate, predict, stream, summarise,
 * save and load the same way.
 *
 * <p>The Keras {@code lstm_seq2seq} encoder–decoder:
 * <pre>{@code
 * Node encoderInput = Node.input("encoder", Shape.anyLength(encoderTokens));
 * Node decoderInput = Node.input("decoder", Shape.anyLength(decoderTokens));
 * Node[] encoder = Recurrent.lstm(256).returnState(true).onAll(encoderInput);      // y, h_T, c_T
 * Recurrent decoderLstm = Recurrent.lstm(256).returnSequences(true).returnState(true);
 * Node[] decoder = decoderLstm.onAll(decoderInput, encoder[1], encoder[2]);        // starts from (h_T, c_T)
 * Dense decoderDense = new Dense(decoderTokens, Activation.SOFTMAX);
 * Model model = Model.of(List.of(encoderInput, decoderInput), List.of(decoderDense.on(decoder[0])));
 * model.compile(new RmsProp(0.001), Loss.categoricalCrossEntropy(false));
 * model.fit(List.of(encoderData, decoderData), List.of(decoderTargets), Fit.epochs(100).batchSize(64));
 * }</pre>
 *
 * <p><b>Threads.</b> {@link #predict} and {@link #step} may be called from many threads at once on one model:
 * each call runs on a pooled replica of the layers that shares the weights (so it sees the current weights)
 * but not the working buffers. {@code fit}, {@code evaluate}, {@code compile} and weight changes are not
 * thread-safe and must not overlap predictions. Models holding a user-written layer without
 * {@link Layer#replica()} predict one call at a time.
 */
public abstract sealed class Model permits Sequential, GraphModel {

    long seed = 42;
    Precision precision = Precision.FLOAT32;
    private Graph graph;
    private final ConcurrentLinkedDeque<Graph> replicas = new ConcurrentLinkedDeque<>();
    private volatile boolean replicasUnsupported;
    private Optimizer optimizer;
    private List<Loss> losses;
    private List<Metric> metrics = List.of();
    private GradientClipping clipping = GradientClipping.NONE;
    private LearningRateSchedule schedule = LearningRateSchedule.constant();
    private double initialLearningRate;
    private int epochsCompleted;
    private boolean stopRequested;
    private final History history = new History();
    private final Map<String, String> trainingConfig = new LinkedHashMap<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();

    Model() {
    }

    /** A graph model from its input nodes to its output nodes (Keras's {@code Model(inputs, outputs)}). */
    public static GraphModel of(List<Node> inputs, List<Node> outputs) {
        return new GraphModel(inputs, outputs);
    }

    /** A graph model with one input and one output. */
    public static GraphModel of(Node input, Node output) {
        return new GraphModel(List.of(input), List.of(output));
    }

    // ---- structure, given by the subclass ----

    /** Builds every layer (creating weights from the seed) and returns the executable graph. */
    abstract Graph createGraph(BuildContext context);

    /** The model's distinct layers, in the order their weights are created and saved. */
    public abstract List<Layer> layers();

    /** The shape of each input, without the batch axis ({@link Shape#ANY} for a free time axis). */
    public abstract List<int[]> inputShapes();

    /** The shape of each output, without the batch axis. */
    public abstract List<int[]> modelOutputShapes();

    /** A Keras-style table: layers, output shapes, parameter counts (and connections for graphs). */
    public abstract String summary();

    /** Creates every layer's weights from the seed; called by compile, fit and predict if needed. */
    public Model build() {
        if (graph == null) {
            graph = createGraph(new BuildContext(precision, new SplittableRandom(seed)));
        }
        return this;
    }

    final boolean isBuilt() {
        return graph != null;
    }

    final Graph graph() {
        build();
        return graph;
    }

    void requireUnbuilt(String what) {
        if (graph != null) {
            throw new IllegalStateException("cannot " + what + " after the model is built (first compile, fit or predict)");
        }
    }

    // ---- training ----

    public Model compile(Optimizer optimizer, Loss loss) {
        return compile(optimizer, loss, GradientClipping.NONE, LearningRateSchedule.constant());
    }

    /** The same loss on every output. */
    public Model compile(Optimizer optimizer, Loss loss, GradientClipping clipping, LearningRateSchedule schedule) {
        build();
        return compile(optimizer, Collections.nCopies(graph.outputCount(), loss), clipping, schedule);
    }

    /** One loss per output, in output order; their sum is minimised. */
    public Model compile(Optimizer optimizer, List<Loss> losses, GradientClipping clipping, LearningRateSchedule schedule) {
        build();
        if (losses.size() != graph.outputCount()) {
            throw new IllegalArgumentException("compile: the model has " + graph.outputCount() + " outputs but "
                    + losses.size() + " losses were given — give one per output, or one for all");
        }
        this.optimizer = optimizer;
        this.losses = List.copyOf(losses);
        this.clipping = clipping;
        this.schedule = schedule;
        this.initialLearningRate = optimizer.learningRate();
        return this;
    }

    /**
     * Metrics to report beside the loss in progress, {@link History} and {@link #evaluateMetrics} (Keras's
     * {@code compile(metrics=[...])}); computed on the first output.
     */
    public Model metrics(Metric... values) {
        metrics = List.of(values);
        return this;
    }

    public List<Metric> metrics() {
        return metrics;
    }

    public History fit(Tensor x, Tensor y, Fit options) {
        return fit(new Dataset(x, y), options);
    }

    public History fit(Dataset data, Fit options) {
        return fit(MultiDataset.of(data), options);
    }

    /** Several inputs (in input order) and targets (in output order). */
    public History fit(List<Tensor> inputs, List<Tensor> targets, Fit options) {
        return fit(new MultiDataset(inputs, targets, null), options);
    }

    /** Trains on {@code data}; see {@link Fit} for the options. */
    public History fit(MultiDataset data, Fit options) {
        requireCompiled();
        MultiDataset train = data;
        MultiDataset validation = options.validationData() == null ? null : MultiDataset.of(options.validationData());
        if (options.validationMulti() != null) {
            validation = options.validationMulti();
        }
        if (options.validationSplit() > 0) {
            MultiDataset[] parts = data.splitLast(options.validationSplit());
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
        if (options.truncatedBpttSteps() > 0) {
            trainingConfig.put("truncated_bptt", Integer.toString(options.truncatedBpttSteps()));
        }
        trainingConfig.put("loss", lossName());
        trainingConfig.put("clipping", clipping.kind().name().toLowerCase(java.util.Locale.ROOT)
                + (clipping.kind() == GradientClipping.Kind.NONE ? "" : "(" + clipping.threshold() + ")"));
        trainingConfig.put("schedule", schedule.describe());
    }

    private String lossName() {
        List<String> names = losses.stream().map(Loss::name).distinct().toList();
        return String.join("+", names);
    }

    void requireCompiled() {
        if (optimizer == null || losses == null) {
            throw new IllegalStateException("the model is not compiled: call compile(optimizer, loss) before fit or evaluate");
        }
    }

    /** Checks shapes against the model and rejects NaN/Inf, naming the first bad element. */
    void checkData(String what, MultiDataset data) {
        checkInputs(what, data.inputs());
        if (data.targets().size() != graph().outputCount()) {
            throw new IllegalArgumentException(what + ": the model has " + graph.outputCount() + " output"
                    + (graph.outputCount() == 1 ? "" : "s") + " but " + data.targets().size() + " targets were given");
        }
        for (int i = 0; i < data.targets().size(); i++) {
            rejectNonFinite(what + " y" + (data.targets().size() == 1 ? "" : "[" + i + "]"), data.targets().get(i));
        }
    }

    void checkInputs(String what, List<Tensor> inputs) {
        List<int[]> declared = inputShapes();
        if (inputs.size() != declared.size()) {
            throw new IllegalArgumentException(what + ": the model has " + declared.size() + " input"
                    + (declared.size() == 1 ? "" : "s") + " but " + inputs.size() + " tensors were given");
        }
        for (int i = 0; i < inputs.size(); i++) {
            String name = what + " x" + (inputs.size() == 1 ? "" : "[" + i + "]");
            Tensor x = inputs.get(i);
            int[] shape = x.shape();
            int[] actual = java.util.Arrays.copyOfRange(shape, Math.min(1, shape.length), shape.length);
            int[] expected = declared.get(i);
            if (!Shape.fits(expected, actual)) {
                throw new IllegalArgumentException(name + " has shape " + x.shapeString()
                        + " but the model expects (examples, " + Shape.describe(expected) + ")"
                        + (actual.length == expected.length - 1 ? " — add the features axis (size 1 for a univariate series)"
                        : actual.length == expected.length && Shape.hasFreeAxis(expected) ? ""
                        : actual.length == expected.length && expected.length >= 1 && actual[0] != expected[0]
                        ? " — declare the input with Shape.anyLength(...) to accept sequences of any length" : ""));
            }
            rejectNonFinite(name, x);
        }
    }

    private static void rejectNonFinite(String what, Tensor t) {
        int bad = t.firstNonFinite();
        if (bad >= 0) {
            throw new IllegalArgumentException(what + " contains " + t.get(bad) + " at index " + t.indexOf(bad)
                    + " — remove or fill missing values before training");
        }
    }

    // ---- inference ----

    /** Forward pass in inference mode, in batches of 256 (one input, one output). */
    public Tensor predict(Tensor x) {
        return predict(x, null);
    }

    public Tensor predict(Tensor x, Tensor mask) {
        List<Tensor> masks = new ArrayList<>();
        masks.add(mask);
        return predict(List.of(x), masks).get(0);
    }

    /**
     * Several inputs (and, per input, a mask or null; {@code masks} may be null): one tensor per output.
     * Safe to call from many threads at once (see the class comment).
     */
    public List<Tensor> predict(List<Tensor> inputs, List<Tensor> masks) {
        build();
        checkInputs("predict", inputs);
        List<Tensor> targets = List.of();
        MultiDataset data = new MultiDataset(inputs, targets, masks);
        int n = data.size();
        int batch = 256;
        Tensor[] out = new Tensor[graph.outputCount()];
        Graph runner = acquire();
        try {
            for (int start = 0; start < n; start += batch) {
                MultiDataset part = data.range(start, Math.min(n, start + batch));
                Graph.Outputs y = runner.forward(inPrecision(part.inputs()), inPrecision(part.masks()), Mode.INFERENCE, null);
                for (int k = 0; k < out.length; k++) {
                    Tensor v = y.values()[k];
                    if (out[k] == null) {
                        int[] shape = v.shape();
                        shape[0] = n;
                        out[k] = Tensor.zeros(precision, shape);
                    }
                    out[k].copyFrom(v, 0, start * (v.size() / v.dim(0)), v.size());
                }
            }
        } finally {
            release(runner);
        }
        return List.of(out);
    }

    Tensor[] inPrecision(List<Tensor> tensors) {
        Tensor[] out = new Tensor[tensors.size()];
        for (int i = 0; i < out.length; i++) {
            Tensor t = tensors.get(i);
            out[i] = t == null ? null : t.precision() == precision ? t : t.to(precision);
        }
        return out;
    }

    /** A graph for one inference call: a pooled replica, or the model's own graph under a lock. */
    private Graph acquire() {
        if (!replicasUnsupported) {
            Graph g = replicas.pollFirst();
            if (g != null) {
                return g;
            }
            try {
                return graph.replicate();
            } catch (UnsupportedOperationException e) {
                replicasUnsupported = true;
            }
        }
        lock.lock();
        return graph;
    }

    private void release(Graph g) {
        if (g == graph) {
            lock.unlock();
        } else {
            replicas.offerFirst(g);
        }
    }

    private final java.util.concurrent.locks.ReentrantLock lock = new java.util.concurrent.locks.ReentrantLock();
    private volatile StreamState stateTemplate;

    // ---- streaming ----

    /**
     * A fresh stream state for {@code batch} independent streams: zeros for every recurrent layer, as at the
     * start of a sequence. Fails for models that cannot be stepped: a Bidirectional layer reads the future, and
     * multi-head attention and positional encodings see the whole sequence at once (no key/value cache yet).
     */
    public StreamState newState(int batch) {
        dev.gated.layer.Checks.positive("stream batch", batch);
        List<Graph.Op> ops = graph().ops();
        List<Integer> slots = new ArrayList<>();
        List<Integer> units = new ArrayList<>();
        List<Boolean> cells = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            Layer layer = ops.get(i).layer();
            if (layer instanceof dev.gated.layer.recurrent.Bidirectional) {
                throw new IllegalStateException("layer " + (ops.get(i).layerIndex() + 1) + " (bidirectional) reads each sequence "
                        + "from both ends, so the model cannot be stepped as a stream arrives");
            }
            if (layer instanceof dev.gated.layer.MultiHeadAttention || layer instanceof dev.gated.layer.PositionalEncoding) {
                throw new IllegalStateException("layer " + (ops.get(i).layerIndex() + 1) + " (" + layer.type() + ") looks at "
                        + "every step of the sequence it is given, and Gated keeps no attention cache between steps, so the "
                        + "model cannot be stepped as a stream arrives — run predict on the whole prefix instead");
            }
            if (layer instanceof Recurrent r && ops.get(i).in().length == 1) {
                slots.add(i);
                units.add(r.units());
                cells.add(r.cell().hasCellState());
            }
        }
        boolean[] hasCell = new boolean[cells.size()];
        for (int i = 0; i < hasCell.length; i++) {
            hasCell[i] = cells.get(i);
        }
        return new StreamState(batch, precision, slots.stream().mapToInt(Integer::intValue).toArray(),
                units.stream().mapToInt(Integer::intValue).toArray(), hasCell);
    }

    /**
     * Feeds the next chunk of a stream: {@code x} is (B, k, …) — k steps — or, for one step, (B, …) without
     * the time axis. The state moves forward by k steps; the output is what the model gives after them
     * (the last step's output, or all k steps' with return-sequences). Safe from many threads, one state each.
     */
    public Tensor step(StreamState state, Tensor x) {
        return step(state, List.of(x)).get(0);
    }

    /** {@link #step} for models with several inputs: one chunk per input, one tensor per output. */
    public List<Tensor> step(StreamState state, List<Tensor> inputs) {
        build();
        checkState(state);
        List<int[]> declared = inputShapes();
        List<Tensor> chunks = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            Tensor x = inputs.get(i);
            boolean oneStep = i < declared.size() && x.rank() == declared.get(i).length;
            chunks.add(oneStep ? withUnitTimeAxis(x) : x);
        }
        checkInputs("step", chunks);
        if (chunks.get(0).dim(0) != state.batch()) {
            throw new IllegalArgumentException("step: the chunk has " + chunks.get(0).dim(0) + " rows but the state carries "
                    + state.batch() + " streams — create the state with newState(" + chunks.get(0).dim(0) + ")");
        }
        Graph runner = acquire();
        try {
            Graph.Outputs y = runner.forward(inPrecision(chunks), null, Mode.INFERENCE, state);
            return List.of(y.values());
        } finally {
            release(runner);
        }
    }

    /** Throws IllegalArgumentException unless {@code state} was made for this model's recurrent layers. */
    public void checkState(StreamState state) {
        StreamState expected = stateTemplate;
        if (expected == null) {
            expected = stateTemplate = newState(1);   // the structure only: layers, sizes, precision
        }
        if (!expected.sameStructure(state)) {
            throw new IllegalArgumentException("step: this stream state belongs to another model (its recurrent layers or "
                    + "sizes differ from this model's) — create one with model.newState(batch)");
        }
    }

    private static Tensor withUnitTimeAxis(Tensor x) {
        int[] shape = x.shape();
        int[] withTime = new int[shape.length + 1];
        withTime[0] = shape[0];
        withTime[1] = 1;
        System.arraycopy(shape, 1, withTime, 2, shape.length - 1);
        return x.reshape(withTime);
    }

    // ---- evaluation ----

    /** The compiled loss on (x, y), in inference mode. */
    public double evaluate(Tensor x, Tensor y) {
        return evaluate(new Dataset(x, y));
    }

    public double evaluate(Dataset data) {
        return evaluate(MultiDataset.of(data));
    }

    public double evaluate(MultiDataset data) {
        return evaluateMetrics(data).get("loss");
    }

    /** The loss and every compiled metric on {@code data}, in inference mode: {"loss": …, "accuracy": …}. */
    public Map<String, Double> evaluateMetrics(MultiDataset data) {
        requireCompiled();
        checkData("evaluate", data);
        return new Trainer(this, data, null, Fit.epochs(1).quiet()).evaluate(data, 256);
    }

    // ---- your own training loop ----

    /**
     * The outputs of {@link #forward(List, List, Mode, StreamState)}, one per model output, with the mask
     * each carries (null where none): what a loss needs.
     */
    public record Pass(List<Tensor> outputs, List<Tensor> masks) {
    }

    /**
     * One forward pass, for a training loop of your own (the PyTorch way out of {@code fit}):
     * <pre>{@code
     * for (Parameter p : model.parameters()) p.zeroGrad();
     * Model.Pass pass = model.forward(List.of(x), null, Mode.training(step), null);
     * Tensor dy = pass.outputs().get(0).zerosLike();
     * double loss = Loss.mse().compute(pass.outputs().get(0), y, pass.masks().get(0), dy);
     * model.backward(List.of(dy));                  // adds ∂L/∂w to every parameter's grad()
     * optimizer.step(model.parameters());
     * }</pre>
     * {@code mode}: {@link Mode#INFERENCE}, or {@link Mode#training(long)} with the seed of this batch's dropout
     * masks. {@code state}: null (sequences start from zeros) or a {@link StreamState} the recurrent layers start
     * from and write their final state to (truncated BPTT; no gradient flows into the state). Uses the model's own
     * layers, so forward/backward pairs must not overlap in time (one thread).
     */
    public Pass forward(List<Tensor> inputs, List<Tensor> masks, Mode mode, StreamState state) {
        build();
        checkInputs("forward", inputs);
        Tensor[] m = masks == null ? null : inPrecision(masks);
        Graph.Outputs out = forward(inPrecision(inputs), m, mode, state);
        return new Pass(java.util.Arrays.asList(out.values()), java.util.Arrays.asList(out.masks()));
    }

    /**
     * Backpropagates ∂L/∂output (one per model output, null for an output without loss) through the last
     * {@link #forward}, adding ∂L/∂w to every {@link Parameter#grad()} (gradients accumulate until zeroed), and
     * returns ∂L/∂input per model input — null for token indices and for inputs no gradient reaches.
     */
    public List<Tensor> backward(List<Tensor> outputGradients) {
        if (outputGradients.size() != graph().outputCount()) {
            throw new IllegalArgumentException("backward: the model has " + graph.outputCount() + " outputs but "
                    + outputGradients.size() + " gradients were given (null for an output without loss)");
        }
        return java.util.Arrays.asList(backward(outputGradients.toArray(new Tensor[0])));
    }

    Graph.Outputs forward(Tensor[] inputs, Tensor[] masks, Mode mode, StreamState state) {
        return graph().forward(inputs, masks, mode, state);
    }

    Tensor[] backward(Tensor[] dOutputs) {
        return graph.backward(dOutputs);
    }

    /** All trainable weights, layer by layer, each once (shared layers too), in a fixed order. */
    public List<Parameter> parameters() {
        build();
        Map<Tensor, Boolean> seen = new IdentityHashMap<>();
        List<Parameter> all = new ArrayList<>();
        for (Layer layer : layers()) {
            for (Parameter p : layer.parameters()) {
                if (seen.put(p.value(), Boolean.TRUE) == null) {
                    all.add(p);
                }
            }
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

    /** Saves architecture, weights, optimizer state and provenance, atomically; see {@link ModelFile}. */
    public void save(Path file) throws IOException {
        ModelFile.save(this, file);
    }

    /** Loads a model written by {@link #save}: a {@link Sequential} or a {@link GraphModel}. */
    public static Model load(Path file) throws IOException {
        return ModelFile.loadModel(file);
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

    public long seed() {
        return seed;
    }

    public Precision precision() {
        return precision;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    /** The loss of the first output (the only one for most models). */
    public Loss loss() {
        return losses == null ? null : losses.get(0);
    }

    /** One loss per output. */
    public List<Loss> losses() {
        return losses;
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

    /** Restores one epoch of history (model files). */
    public void restoreHistory(EpochRecord record) {
        history.add(record);
    }
}
