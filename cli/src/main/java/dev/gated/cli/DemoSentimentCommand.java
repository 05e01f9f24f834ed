package dev.gated.cli;

import dev.gated.cli.output.Json;
import dev.gated.data.Dataset;
import dev.gated.layer.Activation;
import dev.gated.layer.Dense;
import dev.gated.layer.Embedding;
import dev.gated.layer.recurrent.Recurrent;
import dev.gated.loss.Loss;
import dev.gated.model.Fit;
import dev.gated.model.History;
import dev.gated.model.ProgressBar;
import dev.gated.model.Sequential;
import dev.gated.optim.Adam;
import dev.gated.tensor.Tensor;
import dev.gated.text.LabelledSentences;
import dev.gated.text.LabelledSentences.Example;
import dev.gated.text.PaddedSequences;
import dev.gated.text.Tokenizer;
import dev.gated.text.Vocabulary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gated demo sentiment}: word-level sentiment classification on the UCI "Sentiment Labelled Sentences"
 * (Amazon, IMDB and Yelp, 1,000 sentences each, half positive).
 * <pre>
 *   3,000 sentences ─ shuffle(seed) ─► 80 % train / 20 % test
 *   vocabulary from the training sentences (0 = padding, 1 = unknown, words seen ≥ 2 times)
 *   (N, T = 32) indices, pre-padded ─► Embedding(V, 32, maskZero) ─► LSTM(32) ─► Dense(1, sigmoid)
 *   binary cross-entropy; Adam(0.005); batch 32
 * </pre>
 * Prints test accuracy beside the majority-class baseline and a few test predictions.
 */
@Command(name = "sentiment", mixinStandardHelpOptions = true,
        description = "Train Embedding → LSTM(32) → Dense(sigmoid) on 3,000 labelled review sentences.")
final class DemoSentimentCommand extends BaseCommand {

    static final String[] FILES = {"amazon_cells_labelled.txt", "imdb_labelled.txt", "yelp_labelled.txt"};
    static final String DATA = "sentiment-labelled-sentences";
    static final int LENGTH = 32;
    static final int EMBEDDING = 32;
    static final int UNITS = 32;
    static final int MIN_COUNT = 2;
    static final int MAX_WORDS = 10_000;
    static final double TEST_FRACTION = 0.2;
    static final int EXAMPLES = 6;

    @Option(names = "--epochs", defaultValue = "8", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--seed", defaultValue = "42", description = "Seed for the split, the weights and the shuffling (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--learning-rate", defaultValue = "0.005", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--data", paramLabel = "DIR", description = "Folder holding the three *_labelled.txt files "
            + "(default: shared/data/" + DATA + " found upwards from the working directory, or $GATED_SHARED_DATA).")
    Path data;

    @Override
    public Integer call() throws IOException {
        if (epochs < 1) {
            throw usage("--epochs must be >= 1, got " + epochs);
        }
        if (!(learningRate > 0)) {
            throw usage("--learning-rate must be > 0, got " + learningRate);
        }
        Path dir = data != null ? data : sharedData(DATA);
        List<Example> all = new ArrayList<>();
        for (String name : FILES) {
            Path file = dir.resolve(name);
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("--data: " + file + " not found — point --data at the folder "
                        + "holding " + String.join(", ", FILES));
            }
            all.addAll(LabelledSentences.read(file));
        }
        Collections.shuffle(all, new Random(seed));
        int testSize = (int) Math.round(all.size() * TEST_FRACTION);
        List<Example> train = all.subList(0, all.size() - testSize);
        List<Example> test = all.subList(all.size() - testSize, all.size());

        List<List<String>> trainTokens = new ArrayList<>();
        for (Example e : train) {
            trainTokens.add(Tokenizer.tokenize(e.sentence()));
        }
        Vocabulary vocabulary = Vocabulary.build(trainTokens, MAX_WORDS, MIN_COUNT);
        Dataset trainData = encode(train, vocabulary);
        Dataset testData = encode(test, vocabulary);

        Sequential model = Sequential.input(LENGTH)
                .add(new Embedding(vocabulary.size(), EMBEDDING, true))
                .add(Recurrent.lstm(UNITS))
                .add(new Dense(1, Activation.SIGMOID))
                .seed(seed);
        model.compile(new Adam(learningRate), Loss.binaryCrossEntropy(false));
        Fit fit = Fit.epochs(epochs).batchSize(32).quiet();
        if (!json) {
            io().out().printf(Locale.ROOT, "%d sentences (%s): %d train, %d test; vocabulary %,d entries "
                    + "(words seen >= %d times in the training part, + padding and unknown)%n",
                    all.size(), String.join(", ", FILES), train.size(), test.size(), vocabulary.size(), MIN_COUNT);
            io().out().print(model.summary());
            fit.listener(new ProgressBar(io().out(), io().interactive()));
        }
        long start = System.nanoTime();
        History history = model.fit(trainData, fit);
        double seconds = (System.nanoTime() - start) / 1e9;

        double[] testProb = probabilities(model, testData);
        double accuracy = accuracy(testProb, test);
        double trainAccuracy = accuracy(probabilities(model, trainData), train);
        int trainPositive = (int) train.stream().filter(e -> e.label() == 1).count();
        int majority = trainPositive * 2 >= train.size() ? 1 : 0;
        double baseline = test.stream().filter(e -> e.label() == majority).count() / (double) test.size();

        List<Map<String, Object>> examples = new ArrayList<>();
        for (int i = 0; i < Math.min(EXAMPLES, test.size()); i++) {
            Map<String, Object> ex = new LinkedHashMap<>();
            ex.put("sentence", test.get(i).sentence());
            ex.put("label", test.get(i).label());
            ex.put("probability", testProb[i]);
            examples.add(ex);
        }
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("command", "demo sentiment");
            doc.put("seed", seed);
            doc.put("train", train.size());
            doc.put("test", test.size());
            doc.put("vocabulary", vocabulary.size());
            doc.put("sequence_length", LENGTH);
            doc.put("params", model.parameterCount());
            doc.put("epochs", history.size());
            doc.put("loss", history.loss());
            doc.put("train_accuracy", trainAccuracy);
            doc.put("accuracy", accuracy);
            doc.put("baseline_accuracy", baseline);
            doc.put("examples", examples);
            doc.put("seconds", seconds);
            Json.print(io().out(), doc);
        } else {
            io().out().printf(Locale.ROOT, "test accuracy: %.4f (%d sentences); majority-class baseline: %.4f "
                    + "(always '%s'); train accuracy %.4f; wall time %.1f s%n",
                    accuracy, test.size(), baseline, majority == 1 ? "positive" : "negative", trainAccuracy, seconds);
            io().out().println("examples from the test part (p = probability of positive):");
            for (Map<String, Object> ex : examples) {
                double p = (Double) ex.get("probability");
                int label = (Integer) ex.get("label");
                io().out().printf(Locale.ROOT, "  p=%.3f %-8s %s %s%n", p, label == 1 ? "positive" : "negative",
                        (p >= 0.5 ? 1 : 0) == label ? "ok   " : "WRONG", abbreviate((String) ex.get("sentence")));
            }
        }
        return 0;
    }

    /**
     * {@code shared/data/<relative>}: under $GATED_SHARED_DATA when set, else in the first {@code shared/data}
     * folder found upwards from the working directory or from the folder holding the gated jar.
     */
    static Path sharedData(String relative) {
        String env = System.getenv("GATED_SHARED_DATA");
        if (env != null && !env.isBlank()) {
            return Path.of(env).resolve(relative);
        }
        List<Path> starts = new ArrayList<>(List.of(Path.of("").toAbsolutePath()));
        try {
            starts.add(Path.of(DemoSentimentCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (Exception e) {
            // no code source: the working directory alone
        }
        for (Path start : starts) {
            for (Path d = start; d != null; d = d.getParent()) {
                Path candidate = d.resolve("shared").resolve("data").resolve(relative);
                if (Files.exists(candidate)) {
                    return candidate;
                }
            }
        }
        throw new IllegalArgumentException("no shared/data/" + relative + " found above " + starts.get(0)
                + " — pass its location with --data, or set GATED_SHARED_DATA to the shared/data folder");
    }

    private static Dataset encode(List<Example> examples, Vocabulary vocabulary) {
        List<int[]> sequences = new ArrayList<>();
        float[] y = new float[examples.size()];
        for (int i = 0; i < examples.size(); i++) {
            sequences.add(vocabulary.encode(examples.get(i).sentence()));
            y[i] = examples.get(i).label();
        }
        PaddedSequences padded = PaddedSequences.pad(sequences, LENGTH);
        // Embedding(maskZero) derives the mask from index 0 itself; passing it keeps the data self-describing.
        return new Dataset(padded.x(), Tensor.of(y, y.length, 1), padded.mask());
    }

    private static double[] probabilities(Sequential model, Dataset data) {
        Tensor p = model.predict(data.x(), data.mask());
        double[] out = new double[data.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = p.get(i);
        }
        return out;
    }

    private static double accuracy(double[] probability, List<Example> examples) {
        int correct = 0;
        for (int i = 0; i < probability.length; i++) {
            if ((probability[i] >= 0.5 ? 1 : 0) == examples.get(i).label()) {
                correct++;
            }
        }
        return correct / (double) probability.length;
    }

    private static String abbreviate(String s) {
        return s.length() <= 90 ? s : s.substring(0, 87) + "...";
    }
}
