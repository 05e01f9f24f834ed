package dev.gated.model;

import dev.gated.Version;
import dev.gated.io.LayerFactory;
import dev.gated.io.ModelArchive;
import dev.gated.io.ModelFileException;
import dev.gated.io.ModelFileLimits;
import dev.gated.layer.Layer;
import dev.gated.layer.Parameter;
import dev.gated.loss.Loss;
import dev.gated.layer.Node;
import dev.gated.tensor.Shape;
import dev.gated.optim.GradientClipping;
import dev.gated.optim.LearningRateSchedule;
import dev.gated.optim.Optimizer;
import dev.gated.tensor.Precision;
import dev.gated.tensor.Tensor;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.zip.ZipException;
import java.util.zip.ZipOutputStream;

/**
 * Gated model files ({@code .gated}): a ZIP archive, so every entry carries a CRC-32 and truncation is detected.
 *
 * <pre>
 * model.properties   format=gated-model, format_version, provenance (library version, JVM, OS, seed, time),
 *                    architecture (sequential or graph), input shape(s), precision, layers (type + options),
 *                    for graphs the calls (layer, input nodes) and output nodes, parameter names and shapes,
 *                    optimizer, loss(es), metrics, clipping, schedule, epochs completed, history, training
 *                    config, metadata.*
 * weights.bin        every parameter's values in model order, big-endian float32 or float64
 * optimizer.bin      the optimizer's state tensors (moments), for resuming training
 * digest.sha256      SHA-256 over the other entries ({@link ModelArchive}), checked on read
 * </pre>
 * Files are written atomically: to a temporary file in the same folder, forced to disk, then renamed over
 * the target, so a crash never leaves a half-written model where a good one was.
 */
public final class ModelFile {

    /** The format version this build writes and the newest it reads. */
    public static final int FORMAT_VERSION = 2;
    public static final String PROPERTIES = ModelArchive.PROPERTIES;
    public static final String WEIGHTS = ModelArchive.WEIGHTS;
    public static final String OPTIMIZER = ModelArchive.OPTIMIZER;
    public static final String STREAM_STATE = ModelArchive.STREAM_STATE;

    private ModelFile() {
    }

    /** Saves the model (architecture, weights, optimizer state, training config, provenance). */
    public static void save(Model model, Path file) throws IOException {
        save(model, file, null);
    }

    /**
     * Saves the model together with a stream's state ({@code stream_state.bin}, {@link StreamState#toBytes}):
     * a live stream parked with its model, resumed later with {@link #readStreamState}.
     */
    public static void save(Model model, Path file, StreamState state) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        // a sibling temporary file (same file system, so the rename is atomic), created with the usual permissions
        Path temp = dir.resolve("." + target.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                 OutputStream out = new BufferedOutputStream(java.nio.channels.Channels.newOutputStream(channel))) {
                write(model, state, out);
                out.flush();
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void write(Model model, StreamState state, OutputStream raw) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(raw); // finished, not closed: the caller forces and closes the file
        ModelArchive.Writer archive = new ModelArchive.Writer(zip); // adds digest.sha256 over the entries
        String properties = describe(model);
        archive.entry(PROPERTIES, out -> out.write(properties.getBytes(StandardCharsets.UTF_8)));
        archive.entry(WEIGHTS, out -> writeTensors(out, model.parameters().stream().map(Parameter::value).toList()));
        if (model.optimizer() != null && !model.optimizer().state().isEmpty()) {
            archive.entry(OPTIMIZER, out -> writeTensors(out, model.optimizer().state()));
        }
        if (state != null) {
            archive.entry(STREAM_STATE, out -> out.write(state.toBytes()));
        }
        archive.finish();
    }

    private static void writeTensors(OutputStream out, List<Tensor> tensors) throws IOException {
        DataOutputStream data = new DataOutputStream(new BufferedOutputStream(new NonClosing(out), 1 << 16));
        for (Tensor t : tensors) {
            for (int i = 0; i < t.size(); i++) {
                if (t.precision() == Precision.FLOAT32) {
                    data.writeFloat((float) t.get(i));
                } else {
                    data.writeDouble(t.get(i));
                }
            }
        }
        data.flush();
    }

    static String describe(Model model) throws IOException {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("format", "gated-model");
        p.put("format_version", Integer.toString(FORMAT_VERSION));
        p.put(ModelArchive.DIGEST_KEY, ModelArchive.DIGEST); // a file that says so must carry the digest
        p.put("provenance.library_version", Version.get());
        p.put("provenance.java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        p.put("provenance.os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        p.put("provenance.created", Instant.now().toString());
        p.put("seed", Long.toString(model.seed()));
        p.put("precision", model.precision().name());
        if (model instanceof Sequential sequential) {
            p.put("architecture", "sequential");
            p.put("input_shape", Shape.encode(sequential.inputShape()));
        } else {
            describeGraph((GraphModel) model, p);
        }
        p.put("layers", Integer.toString(model.layers().size()));
        for (int i = 0; i < model.layers().size(); i++) {
            Layer layer = model.layers().get(i);
            String prefix = "layer." + i + ".";
            p.put(prefix + "type", layer.type());
            layer.config().forEach((k, v) -> p.put(prefix + k, v));
        }
        List<Parameter> params = model.parameters();
        p.put("parameters", Integer.toString(params.size()));
        for (int i = 0; i < params.size(); i++) {
            p.put("parameter." + i + ".name", params.get(i).name());
            p.put("parameter." + i + ".shape", join(params.get(i).value().shape()));
        }
        if (model.optimizer() != null) {
            Optimizer o = model.optimizer();
            p.put("optimizer", o.name());
            o.config().forEach((k, v) -> p.put("optimizer." + k, v));
            p.put("optimizer.iterations", Long.toString(o.iterations()));
            p.put("optimizer.state_tensors", Integer.toString(o.state().size()));
            p.put("loss", model.loss().name());
            for (int i = 1; i < model.losses().size(); i++) {
                p.put("loss." + i, model.losses().get(i).name());
            }
            if (!model.metrics().isEmpty()) {
                p.put("metrics", String.join(",", model.metrics().stream().map(Metric::name).toList()));
            }
            p.put("clipping", model.clipping().kind().name());
            p.put("clipping.threshold", Double.toString(model.clipping().threshold()));
            p.put("schedule", model.schedule().describe());
            p.put("initial_learning_rate", Double.toString(model.initialLearningRate()));
        }
        p.put("epochs_completed", Integer.toString(model.epochsCompleted()));
        List<EpochRecord> history = model.history().epochs();
        p.put("history.epochs", Integer.toString(history.size()));
        for (int i = 0; i < history.size(); i++) {
            EpochRecord r = history.get(i);
            p.put("history." + i, r.epoch() + "," + r.loss() + "," + r.validationLoss() + "," + r.learningRate() + "," + r.seconds());
            for (var m : r.metrics().entrySet()) {
                p.put("history." + i + ".metric." + m.getKey(), Double.toString(m.getValue()));
            }
        }
        model.trainingConfig().forEach((k, v) -> p.put("training." + k, v));
        model.metadata().forEach((k, v) -> p.put("metadata." + k, v));
        Properties props = new Properties();
        props.putAll(p);
        StringWriter text = new StringWriter();
        props.store(text, "Gated model file, format " + FORMAT_VERSION);
        // Properties writes one line per entry in hash order; sort the entries so the file reads in key order
        List<String> lines = new ArrayList<>(List.of(text.toString().split("\n")));
        List<String> header = new ArrayList<>(lines.stream().filter(l -> l.startsWith("#")).toList());
        lines.removeIf(l -> l.startsWith("#"));
        java.util.Collections.sort(lines);
        header.addAll(lines);
        return String.join("\n", header) + "\n";
    }

    /**
     * Writes a graph's wiring: its inputs (name, shape), every call (which layer, which nodes it reads) and
     * its outputs. Nodes are named {@code in:k} (input k) and {@code call:j:k} (output k of call j).
     */
    private static void describeGraph(GraphModel model, Map<String, String> p) {
        p.put("architecture", "graph");
        p.put("inputs", Integer.toString(model.inputs().size()));
        Map<Node, String> refs = new java.util.IdentityHashMap<>();
        for (int k = 0; k < model.inputs().size(); k++) {
            Node in = model.inputs().get(k);
            refs.put(in, "in:" + k);
            p.put("input." + k + ".name", in.name());
            p.put("input." + k + ".shape", Shape.encode(in.shape()));
        }
        List<Node.Call> calls = model.calls();
        p.put("calls", Integer.toString(calls.size()));
        for (int j = 0; j < calls.size(); j++) {
            Node.Call call = calls.get(j);
            p.put("call." + j + ".layer", Integer.toString(model.layers().indexOf(call.layer())));
            p.put("call." + j + ".inputs", String.join(" ", call.inputs().stream().map(refs::get).toList()));
            for (Node out : call.outputs()) {
                refs.put(out, "call:" + j + ":" + out.outputIndex());
            }
        }
        p.put("outputs", String.join(" ", model.outputs().stream().map(refs::get).toList()));
    }

    /** The stream state saved with {@link #save(Model, Path, StreamState)}, or null when the file holds none. */
    public static StreamState readStreamState(Path file) throws IOException {
        Model model = loadModel(file);
        try (ModelArchive zip = ModelArchive.open(file)) {
            if (!zip.has(STREAM_STATE)) {
                return null;
            }
            StreamState state;
            try {
                state = StreamState.fromBytes(zip.read(STREAM_STATE));
            } catch (IllegalArgumentException e) {
                throw new ModelFileException(file, "has an unreadable " + STREAM_STATE + ": " + e.getMessage(), e);
            }
            model.checkState(state);
            return state;
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(file, "holds a stream state that does not fit its model: " + e.getMessage(), e);
        }
    }

    /** Loads a Sequential model saved by {@link #save}, ready to predict or to resume training. */
    public static Sequential load(Path file) throws IOException {
        Model model = loadModel(file);
        if (model instanceof Sequential sequential) {
            return sequential;
        }
        throw new ModelFileException(file, "holds a graph model (several inputs, outputs or branches), not a Sequential one "
                + "— load it with Model.load");
    }

    /** Loads any model saved by {@link #save}: a {@link Sequential} or a {@link GraphModel}. */
    public static Model loadModel(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new ModelFileException(file, Files.exists(file) ? "is not a regular file" : "does not exist");
        }
        checkMagic(file);
        try (ModelArchive zip = ModelArchive.open(file)) {
            Properties props = readProperties(file, zip);
            checkVersion(file, props);
            ModelFileLimits.checkDeclaredWeights(file, props, zip.size(WEIGHTS));
            zip.verifyDigest(props.containsKey(ModelArchive.DIGEST_KEY));
            Model model = architecture(file, props);
            List<Parameter> params = model.parameters();
            checkParameters(file, props, params);
            readTensors(file, zip, WEIGHTS, params.stream().map(Parameter::value).toList());
            restoreTraining(file, zip, props, model);
            return model;
        } catch (ZipException e) {
            throw new ModelFileException(file, "is truncated or corrupted (" + e.getMessage()
                    + ") — it is not a complete Gated model file", e);
        } catch (ModelFileException e) {
            throw e;
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            throw ModelFileLimits.unreadable(file, e);
        }
    }

    private static void checkMagic(Path file) throws IOException {
        byte[] head = new byte[4];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, 4);
        }
        if (n < 4 || head[0] != 'P' || head[1] != 'K' || head[2] != 3 || head[3] != 4) {
            boolean text = n > 0 && head[0] >= 9 && head[0] < 127;
            throw new ModelFileException(file, "is not a Gated model file"
                    + (text ? ": it looks like a text file (a CSV?); model files are written by `gated train --out` or model.save(path)"
                    : n == 0 ? ": it is empty" : ": it has no model-file header"));
        }
    }

    /** A whole number from model.properties; a missing or malformed one is an error naming the key. */
    private static int integer(Properties props, String key, String... fallback) {
        return number(props, key, fallback, Integer::parseInt, "a whole number");
    }

    /** A count from model.properties: a whole number ≥ 0, or an error naming the key. */
    private static int count(Properties props, String key, String... fallback) {
        int n = integer(props, key, fallback);
        if (n < 0) {
            throw new IllegalArgumentException(PROPERTIES + ": " + key + " is " + n + " where a count (0 or more) is expected");
        }
        return n;
    }

    /** A setting that must be present: its text, or an error naming the key. */
    private static String required(Properties props, String key) {
        String text = props.getProperty(key);
        if (text == null) {
            throw new IllegalArgumentException(PROPERTIES + " lacks " + key);
        }
        return text;
    }

    /** An enum setting: its constant, or an error naming the key, the value and the allowed names. */
    private static <E extends Enum<E>> E choice(Properties props, String key, Class<E> type, String... fallback) {
        String text = props.getProperty(key, fallback.length > 0 ? fallback[0] : null);
        if (text == null) {
            throw new IllegalArgumentException(PROPERTIES + " lacks " + key);
        }
        try {
            return Enum.valueOf(type, text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PROPERTIES + ": " + key + " is \"" + text + "\" where one of "
                    + java.util.Arrays.toString(type.getEnumConstants()) + " is expected", e);
        }
    }

    private static long longInteger(Properties props, String key, String... fallback) {
        return number(props, key, fallback, Long::parseLong, "a whole number");
    }

    private static double decimal(Properties props, String key, String... fallback) {
        return number(props, key, fallback, Double::parseDouble, "a number");
    }

    private static <T> T number(Properties props, String key, String[] fallback,
                                java.util.function.Function<String, T> parse, String expected) {
        String text = props.getProperty(key, fallback.length > 0 ? fallback[0] : null);
        if (text == null) {
            throw new IllegalArgumentException(PROPERTIES + " lacks " + key);
        }
        try {
            return parse.apply(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PROPERTIES + ": " + key + " is \"" + text + "\" where " + expected + " is expected", e);
        }
    }

    /** One comma-separated field of a setting, or an error naming the key and the field. */
    private static <T> T field(String key, String text, java.util.function.Function<String, T> parse) {
        try {
            return parse.apply(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PROPERTIES + ": " + key + " has the field \"" + text + "\" where a number is expected", e);
        }
    }

    private static Properties readProperties(Path file, ModelArchive zip) throws IOException {
        byte[] bytes = zip.read(PROPERTIES);
        if (bytes == null) {
            throw new ModelFileException(file, "is a ZIP archive but not a Gated model file (no " + PROPERTIES + " inside)");
        }
        Properties props = new Properties();
        props.load(new StringReader(new String(bytes, StandardCharsets.UTF_8)));
        if (!"gated-model".equals(props.getProperty("format"))) {
            throw new ModelFileException(file, "is not a Gated model file (format=" + props.getProperty("format") + ")");
        }
        return props;
    }

    private static void checkVersion(Path file, Properties props) throws ModelFileException {
        int version;
        try {
            version = Integer.parseInt(props.getProperty("format_version", ""));
        } catch (NumberFormatException e) {
            throw new ModelFileException(file, "is corrupted: format_version is \"" + props.getProperty("format_version") + "\"");
        }
        if (version > FORMAT_VERSION) {
            throw new ModelFileException(file, "was written by a newer Gated (format version " + version + ", library "
                    + props.getProperty("provenance.library_version") + "); this build (" + Version.get()
                    + ") reads format versions up to " + FORMAT_VERSION + " — upgrade Gated to load it");
        }
    }

    private static Model architecture(Path file, Properties props) throws ModelFileException {
        try {
            long seed = longInteger(props, "seed");
            Precision precision = choice(props, "precision", Precision.class);
            List<Layer> layers = new ArrayList<>();
            int count = integer(props, "layers");
            for (int i = 0; i < count; i++) {
                String prefix = "layer." + i + ".";
                Map<String, String> config = new LinkedHashMap<>();
                for (String key : props.stringPropertyNames()) {
                    if (key.startsWith(prefix)) {
                        config.put(key.substring(prefix.length()), props.getProperty(key));
                    }
                }
                try {
                    layers.add(LayerFactory.create(config.get("type"), config));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("layer." + i + " (" + config.get("type") + "): " + e.getMessage(), e);
                }
            }
            if ("graph".equals(props.getProperty("architecture"))) {
                return graph(props, layers).seed(seed).precision(precision).build();
            }
            Sequential model = Sequential.input(Shape.decode(required(props, "input_shape"))).seed(seed).precision(precision);
            layers.forEach(model::add);
            return model.build();
        } catch (RuntimeException e) {
            throw new ModelFileException(file, "has an unreadable architecture: " + e.getMessage(), e);
        }
    }

    /** Rewires a graph from {@link #describeGraph}'s entries, calling the layers in the saved order. */
    private static GraphModel graph(Properties props, List<Layer> layers) {
        List<Node> inputs = new ArrayList<>();
        Map<String, Node> nodes = new LinkedHashMap<>();
        int inputCount = integer(props, "inputs");
        for (int k = 0; k < inputCount; k++) {
            Node in = Node.input(required(props, "input." + k + ".name"), Shape.decode(required(props, "input." + k + ".shape")));
            inputs.add(in);
            nodes.put("in:" + k, in);
        }
        int calls = integer(props, "calls");
        for (int j = 0; j < calls; j++) {
            int layer = integer(props, "call." + j + ".layer");
            if (layer < 0 || layer >= layers.size()) {
                throw new IllegalArgumentException("call " + j + " names layer " + layer + " of " + layers.size());
            }
            Node[] args = resolve(nodes, props.getProperty("call." + j + ".inputs"), "call " + j);
            Node[] outs = layers.get(layer).onAll(args);
            for (int k = 0; k < outs.length; k++) {
                nodes.put("call:" + j + ":" + k, outs[k]);
            }
        }
        return Model.of(inputs, List.of(resolve(nodes, props.getProperty("outputs"), "outputs")));
    }

    private static Node[] resolve(Map<String, Node> nodes, String refs, String where) {
        if (refs == null || refs.isBlank()) {
            throw new IllegalArgumentException(where + " names no nodes");
        }
        String[] names = refs.trim().split(" ");
        Node[] out = new Node[names.length];
        for (int i = 0; i < names.length; i++) {
            out[i] = nodes.get(names[i]);
            if (out[i] == null) {
                throw new IllegalArgumentException(where + " reads node \"" + names[i] + "\", which no earlier call produces");
            }
        }
        return out;
    }

    private static void checkParameters(Path file, Properties props, List<Parameter> params) throws ModelFileException {
        int declared = integer(props, "parameters", "-1");
        if (declared != params.size()) {
            throw new ModelFileException(file, "is inconsistent: it declares " + declared + " parameters but its layers have "
                    + params.size());
        }
        for (int i = 0; i < params.size(); i++) {
            String shape = props.getProperty("parameter." + i + ".shape");
            if (!join(params.get(i).value().shape()).equals(shape)) {
                throw new ModelFileException(file, "is inconsistent: parameter " + i + " (" + params.get(i).name()
                        + ") has shape " + shape + " in the file but " + join(params.get(i).value().shape()) + " in its layer");
            }
        }
    }

    private static void readTensors(Path file, ModelArchive zip, String name, List<Tensor> into) throws IOException {
        byte[] bytes = zip.read(name);
        if (bytes == null) {
            throw new ModelFileException(file, "is incomplete: " + name + " is missing");
        }
        long expected = 0;
        for (Tensor t : into) {
            expected += (long) t.size() * t.precision().bytes();
        }
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes))) {
            for (Tensor t : into) {
                for (int i = 0; i < t.size(); i++) {
                    t.set(i, t.precision() == Precision.FLOAT32 ? in.readFloat() : in.readDouble());
                }
            }
            if (in.read() != -1) {
                throw new ModelFileException(file, "is inconsistent: " + name + " holds more than the " + expected + " bytes its layers need");
            }
        } catch (java.io.EOFException e) {
            throw new ModelFileException(file, "is truncated: " + name + " ends before its " + expected + " bytes", e);
        }
    }

    private static void restoreTraining(Path file, ModelArchive zip, Properties props, Model model) throws IOException {
        Map<String, String> training = new LinkedHashMap<>();
        for (String key : props.stringPropertyNames()) {
            if (key.startsWith("training.")) {
                training.put(key.substring("training.".length()), props.getProperty(key));
            } else if (key.startsWith("metadata.")) {
                model.metadata().put(key.substring("metadata.".length()), props.getProperty(key));
            }
        }
        model.putTrainingConfig(training);
        int historyEpochs = count(props, "history.epochs", "0");
        for (int i = 0; i < historyEpochs; i++) {
            String record = "history." + i;
            String[] f = required(props, record).split(",");
            if (f.length != 5) {
                throw new IllegalArgumentException(PROPERTIES + ": " + record + " has " + f.length
                        + " fields where 5 are expected (epoch, loss, validation loss, learning rate, seconds)");
            }
            String metricPrefix = "history." + i + ".metric.";
            Map<String, Double> metrics = new java.util.TreeMap<>();
            for (String key : props.stringPropertyNames()) {
                if (key.startsWith(metricPrefix)) {
                    metrics.put(key.substring(metricPrefix.length()), decimal(props, key));
                }
            }
            model.restoreHistory(new EpochRecord(field(record, f[0], Integer::parseInt), field(record, f[1], Double::parseDouble),
                    field(record, f[2], Double::parseDouble), field(record, f[3], Double::parseDouble),
                    field(record, f[4], Double::parseDouble), metrics));
        }
        String optimizerName = props.getProperty("optimizer");
        if (optimizerName == null) {
            return;
        }
        Map<String, String> config = new LinkedHashMap<>();
        for (String key : props.stringPropertyNames()) {
            if (key.startsWith("optimizer.")) {
                config.put(key.substring("optimizer.".length()), props.getProperty(key));
            }
        }
        Optimizer optimizer = Optimizer.fromConfig(optimizerName, config);
        GradientClipping.Kind kind = choice(props, "clipping", GradientClipping.Kind.class, "NONE");
        GradientClipping clipping = kind == GradientClipping.Kind.NONE ? GradientClipping.NONE
                : new GradientClipping(kind, decimal(props, "clipping.threshold"));
        double initialRate = decimal(props, "initial_learning_rate", config.get("learning_rate"));
        List<Loss> losses = new ArrayList<>();
        losses.add(Loss.parse(required(props, "loss")));
        for (int i = 1; props.getProperty("loss." + i) != null; i++) {
            losses.add(Loss.parse(props.getProperty("loss." + i)));
        }
        if (losses.size() == 1) {
            model.compile(optimizer, losses.get(0), clipping, LearningRateSchedule.parse(props.getProperty("schedule", "constant")));
        } else {
            model.compile(optimizer, losses, clipping, LearningRateSchedule.parse(props.getProperty("schedule", "constant")));
        }
        String metrics = props.getProperty("metrics");
        if (metrics != null && !metrics.isBlank()) {
            model.metrics(java.util.Arrays.stream(metrics.split(",")).map(Metric::parse).toArray(Metric[]::new));
        }
        model.restoreEpochsCompleted(integer(props, "epochs_completed", "0"), initialRate);
        int stateTensors = integer(props, "optimizer.state_tensors", "0");
        if (stateTensors > 0) {
            List<Parameter> params = model.parameters();
            int perParameter = stateTensors / params.size();
            List<Tensor> state = new ArrayList<>();
            for (Parameter p : params) {
                for (int s = 0; s < perParameter; s++) {
                    state.add(p.value().zerosLike());
                }
            }
            readTensors(file, zip, OPTIMIZER, state);
            optimizer.restore(Long.parseLong(config.get("iterations")), state, params);
        } else {
            optimizer.restore(Long.parseLong(config.getOrDefault("iterations", "0")), List.of(), model.parameters());
        }
    }

    private static String join(int[] shape) {
        return Shape.encode(shape);
    }

    /** Lets a DataOutputStream flush into a ZIP entry without closing the archive. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
