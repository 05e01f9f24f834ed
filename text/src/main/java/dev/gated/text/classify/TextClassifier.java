package dev.gated.text.classify;

import dev.gated.data.Dataset;
import dev.gated.layer.Activation;
import dev.gated.layer.Dense;
import dev.gated.layer.Embedding;
import dev.gated.layer.Layer;
import dev.gated.layer.Mode;
import dev.gated.layer.Parameter;
import dev.gated.layer.recurrent.Bidirectional;
import dev.gated.layer.recurrent.Recurrent;
import dev.gated.loss.Loss;
import dev.gated.model.EpochRecord;
import dev.gated.model.Model;
import dev.gated.model.TrainingListener;
import dev.gated.model.Sequential;
import dev.gated.optim.Adam;
import dev.gated.tensor.Shape;
import dev.gated.tensor.Tensor;
import dev.gated.text.Tokenizer;
import dev.gated.text.Vocabulary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * A recurrent text classifier with what it needs to read new text: vocabulary and class names travel in the
 * model file's metadata ({@code text.vocabulary}, {@code text.labels}, {@code text.max_length}).
 * <pre>
 *   tokens (B, T) any T, 0 = padding ─► Embedding(V, E, maskZero) ─► [Bidirectional] RNN|LSTM|GRU(H)
 *     ─► Dense(1, sigmoid) + binary cross-entropy       (2 classes; p(class 1))
 *     ─► Dense(K, softmax) + sparse categorical CE      (K > 2)
 *   Adam(learningRate); each epoch: batches bucketed by length, padded per batch ({@link LengthBatches})
 * </pre>
 */
public final class TextClassifier {

    /** Hyper-parameters, each with its default. */
    public record Config(String cell, boolean bidirectional, int embedding, int units, int epochs, int batchSize,
                         double learningRate, int maxLength, int maxWords, int minCount, long seed) {
        public static Config defaults() {
            return new Config("lstm", false, 32, 32, 8, 32, 0.005, 100, 10_000, 2, 42);
        }

        public Config {
            if (!List.of("rnn", "lstm", "gru").contains(cell)) {
                throw new IllegalArgumentException("model must be rnn, lstm or gru but is '" + cell + "'");
            }
            positive("embedding", embedding);
            positive("units", units);
            positive("epochs", epochs);
            positive("batch", batchSize);
            positive("max-length", maxLength);
            positive("min-count", minCount);
            if (maxWords < 3) {
                throw new IllegalArgumentException("max-words must be >= 3 but is " + maxWords);
            }
            if (!(learningRate > 0)) {
                throw new IllegalArgumentException("learning-rate must be > 0 but is " + learningRate);
            }
        }

        private static void positive(String name, int value) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be >= 1 but is " + value);
            }
        }

        public String describe() {
            return (bidirectional ? "bidirectional " : "") + cell.toUpperCase(java.util.Locale.ROOT) + "(" + units + ")";
        }
    }

    private final Model model;
    private final Vocabulary vocabulary;
    private final ClassLabels labels;
    private final int maxLength;

    private TextClassifier(Model model, Vocabulary vocabulary, ClassLabels labels, int maxLength) {
        this.model = model;
        this.vocabulary = vocabulary;
        this.labels = labels;
        this.maxLength = maxLength;
    }

    /**
     * Builds the vocabulary from {@code texts} (the training part only) and trains on their class indices {@code y};
     * {@code onEpoch} (may be null) hears each finished epoch's mean training loss.
     */
    public static TextClassifier train(List<String> texts, int[] y, ClassLabels labels, Config config,
                                       EpochListener onEpoch) {
        TextClassifier classifier = create(texts, labels, config);
        classifier.fit(texts, y, config, onEpoch == null ? null : new TrainingListener() {
            @Override
            public void onEpochEnd(Model m, EpochRecord r) {
                onEpoch.epochEnd(r.epoch(), r.loss(), r.seconds());
            }
        });
        return classifier;
    }

    /**
     * An untrained classifier: the vocabulary of {@code trainTexts} (the training part only), the network for
     * {@code labels.size()} classes with its seeded initial weights, and the metadata a model file needs to read
     * new text. Train it with {@link #fit}.
     */
    public static TextClassifier create(List<String> trainTexts, ClassLabels labels, Config config) {
        List<List<String>> tokens = trainTexts.stream().map(Tokenizer::tokenize).toList();
        Vocabulary vocabulary = Vocabulary.build(tokens, config.maxWords(), config.minCount());
        Model model = build(vocabulary.size(), labels.size(), config);
        Map<String, String> meta = model.metadata();
        meta.put("text.vocabulary", String.join("\n", vocabulary.words()));
        meta.put("text.labels", String.join("\n", labels.names()));
        meta.put("text.max_length", Integer.toString(config.maxLength()));
        meta.put("text.model", config.describe());
        meta.put("text.tokenizer", "dev.gated.text.Tokenizer (lower-case words, inner apostrophes)");
        return new TextClassifier(model, vocabulary, labels, config.maxLength());
    }

    /** Hears the end of each epoch. */
    public interface EpochListener {
        void epochEnd(int epoch, double loss, double seconds);
    }

    static Model build(int vocabularySize, int classes, Config c) {
        Recurrent rnn = switch (c.cell()) {
            case "rnn" -> Recurrent.simpleRnn(c.units());
            case "gru" -> Recurrent.gru(c.units());
            default -> Recurrent.lstm(c.units());
        };
        Layer recurrent = c.bidirectional() ? new Bidirectional(rnn) : rnn;
        Sequential model = Sequential.input(Shape.anyLength())
                .add(new Embedding(vocabularySize, c.embedding(), true))
                .add(recurrent)
                .add(classes == 2 ? new Dense(1, Activation.SIGMOID) : new Dense(classes, Activation.SOFTMAX))
                .seed(c.seed());
        model.compile(new Adam(c.learningRate()),
                classes == 2 ? Loss.binaryCrossEntropy(false) : Loss.sparseCategoricalCrossEntropy(false));
        return model;
    }

    /**
     * Trains on {@code texts} with class indices {@code y}, with the {@code config} this classifier was
     * {@link #create created} with. {@code listener} (may be null) hears the start, every batch (the batch's loss;
     * it may stop training by throwing) and every epoch (the epoch's mean training loss, no validation).
     */
    public void fit(List<String> texts, int[] y, Config config, TrainingListener listener) {
        List<int[]> sequences = encodeTokens(texts.stream().map(Tokenizer::tokenize).toList());
        float[] targets = new float[y.length];
        for (int i = 0; i < y.length; i++) {
            targets[i] = y[i];
        }
        List<Parameter> parameters = model.parameters();
        Loss loss = model.loss();
        for (int epoch = 0; epoch < config.epochs(); epoch++) {
            long start = System.nanoTime();
            List<Dataset> batches = LengthBatches.shuffled(sequences, targets, config.batchSize(), maxLength,
                    config.seed() * 1_000_003L + epoch);
            if (epoch == 0 && listener != null) {
                listener.onTrainBegin(model, 0, config.epochs(), batches.size());
            }
            double weighted = 0;
            for (int b = 0; b < batches.size(); b++) {
                Dataset batch = batches.get(b);
                for (Parameter p : parameters) {
                    p.zeroGrad();
                }
                Model.Pass pass = model.forward(List.of(batch.x()), Arrays.asList(batch.mask()),
                        Mode.training(config.seed() * 7919L + epoch * 100_003L + b), null);
                Tensor out = pass.outputs().get(0);
                Tensor gradient = out.zerosLike();
                double value = loss.compute(out, batch.y(), pass.masks().get(0), gradient);
                if (!Double.isFinite(value)) {
                    throw new IllegalStateException("training diverged at epoch " + (epoch + 1) + " (loss " + value
                            + ") — lower the learning rate");
                }
                model.backward(Arrays.asList(gradient));
                model.clipping().apply(parameters);
                model.optimizer().step(parameters);
                weighted += value * batch.size();
                if (listener != null) {
                    listener.onBatchEnd(model, epoch, b, value);
                }
            }
            if (listener != null) {
                listener.onEpochEnd(model, new EpochRecord(epoch, weighted / sequences.size(), Double.NaN,
                        model.optimizer().learningRate(), (System.nanoTime() - start) / 1e9));
            }
        }
    }

    /** Reads a model file written by {@link #save}. */
    public static TextClassifier load(Path file) throws IOException {
        Model model = Model.load(file);
        Map<String, String> meta = model.metadata();
        for (String key : List.of("text.vocabulary", "text.labels", "text.max_length")) {
            if (!meta.containsKey(key)) {
                throw new IOException(file + ": not a text classifier (no '" + key + "' in its metadata) — train one "
                        + "with 'gated text train'");
            }
        }
        return new TextClassifier(model, Vocabulary.of(List.of(meta.get("text.vocabulary").split("\n", -1))),
                ClassLabels.ofNames(List.of(meta.get("text.labels").split("\n", -1))),
                Integer.parseInt(meta.get("text.max_length")));
    }

    public void save(Path file) throws IOException {
        model.save(file);
    }

    /** Token indices of a text; a text without words becomes one unknown token. */
    public int[] encode(String text) {
        return encodeTokens(List.of(Tokenizer.tokenize(text))).get(0);
    }

    private List<int[]> encodeTokens(List<List<String>> tokens) {
        List<int[]> out = new ArrayList<>(tokens.size());
        for (List<String> t : tokens) {
            int[] s = vocabulary.encode(t);
            out.add(s.length == 0 ? new int[] {Vocabulary.UNKNOWN} : s);
        }
        return out;
    }

    /** Class probabilities (n, K), one row per text (batched by length; the rows keep the texts' order). */
    public double[][] predictProbabilities(List<String> texts) {
        List<int[]> sequences = new ArrayList<>();
        for (String t : texts) {
            sequences.add(encode(t));
        }
        Integer[] order = new Integer[texts.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(sequences.get(a).length, sequences.get(b).length));
        List<int[]> sorted = new ArrayList<>();
        for (Integer i : order) {
            sorted.add(sequences.get(i));
        }
        int batch = 64;
        List<Dataset> batches = LengthBatches.inOrder(sorted, new float[sorted.size()], batch, maxLength);
        double[][] out = new double[texts.size()][];
        for (int b = 0; b < batches.size(); b++) {
            Dataset d = batches.get(b);
            Tensor p = model.predict(d.x(), d.mask());
            for (int r = 0; r < d.size(); r++) {
                out[order[b * batch + r]] = row(p, r);
            }
        }
        return out;
    }

    private double[] row(Tensor p, int r) {
        if (labels.size() == 2) {
            double positive = p.get(r);
            return new double[] {1 - positive, positive};
        }
        double[] row = new double[labels.size()];
        for (int k = 0; k < row.length; k++) {
            row[k] = p.get(r * row.length + k);
        }
        return row;
    }

    /** One sentence looked into: its words, their indices, and every step's gates, states and gradient norm. */
    public record WordTrace(List<String> words, int[] indices, String target, dev.gated.inspect.Inspection inspection) {
    }

    /**
     * Runs one text through the model and records, word by word, the recurrent layer's gate activations, hidden
     * (and cell) states and ‖∂L/∂h_t‖ for the loss against {@code target} (a class name; null: the predicted
     * class). Bidirectional layers are not traced by the engine's inspector and are refused here.
     */
    public WordTrace inspect(String text, String target) {
        if (!(model instanceof Sequential sequential)) {
            throw new IllegalStateException("inspect needs a Sequential text model");
        }
        if (model.layers().stream().anyMatch(l -> l instanceof Bidirectional)) {
            throw new IllegalArgumentException("the model is bidirectional: its per-word gates are not traced — "
                    + "inspect a one-directional model");
        }
        List<String> words = Tokenizer.tokenize(text);
        int[] indices = encode(text);
        if (words.isEmpty()) {
            words = List.of(Vocabulary.UNKNOWN_TOKEN);
        }
        String label = target != null ? target
                : labels.name(ClassificationMetrics.argmax(predictProbabilities(List.of(text))[0]));
        int k = labels.indexOf(label);
        int kept = Math.min(maxLength, indices.length);
        int[] last = Arrays.copyOfRange(indices, indices.length - kept, indices.length);
        float[] x = new float[kept];
        for (int t = 0; t < kept; t++) {
            x[t] = last[t];
        }
        dev.gated.inspect.Inspection in = dev.gated.inspect.Inspector.inspect(sequential, model.loss(),
                Tensor.of(x, 1, kept), Tensor.of(new float[] {k}, 1, 1), null);
        return new WordTrace(words.subList(words.size() - kept, words.size()), last, label, in);
    }

    public Model model() {
        return model;
    }

    public Vocabulary vocabulary() {
        return vocabulary;
    }

    public ClassLabels labels() {
        return labels;
    }

    public int maxLength() {
        return maxLength;
    }
}
