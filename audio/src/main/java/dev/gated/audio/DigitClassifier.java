package dev.gated.audio;

import dev.gated.layer.Activation;
import dev.gated.layer.Dense;
import dev.gated.layer.Layer;
import dev.gated.layer.recurrent.Bidirectional;
import dev.gated.layer.recurrent.Recurrent;
import dev.gated.loss.Loss;
import dev.gated.model.Model;
import dev.gated.model.Sequential;
import dev.gated.optim.Adam;
import dev.gated.optim.GradientClipping;
import dev.gated.optim.LearningRateSchedule;
import dev.gated.tensor.Shape;
import dev.gated.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Classifies an utterance of feature frames into one of K classes with a recurrent network: FSDD's
 * {@link #CLASSES} digits by default, or any named classes (speakers, words) from a {@link LabelTable}.
 *
 * <pre>
 * frames (B, T, F) + mask (B, T) ─► RNN | LSTM | GRU (H), last valid state ─► Dense(K, softmax) ─► p (B, K)
 *        optionally Bidirectional: forward and backward states concatenated (B, 2H)
 *        input and recurrent dropout (one mask per sequence) in training
 * loss   sparse categorical cross-entropy;  Adam;  gradients clipped to global norm 5
 * batches  length-pooled, padded per batch ({@link UtteranceTrainer})
 * </pre>
 * Frames are normalised first ({@link Normalisation}); the feature settings, normalisation and class names
 * ({@code audio.classes} = K, {@code audio.class.k} = name of class k) are saved in the model file's metadata, so
 * {@link #load} gives a classifier that featurises audio exactly as in training and names what it predicts.
 */
public final class DigitClassifier {

    /** FSDD's classes: the digits 0–9. */
    public static final int CLASSES = 10;
    /** The names of FSDD's classes, "0" … "9". */
    public static final List<String> DIGITS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    private static final String CLASS_COUNT_KEY = "audio.classes";
    private static final String CLASS_KEY = "audio.class.";
    /** The metadata key naming what a speech model does, and this model's value for it. */
    static final String TASK_KEY = "audio.task";
    static final String TASK = "spoken-digits";
    static final double CLIP_NORM = 5;
    static final int PREDICT_BATCH = 64;

    private final Model model;
    private final FeatureSettings features;
    private final Normalisation normalisation;
    private final List<String> classes;

    private DigitClassifier(Model model, FeatureSettings features, Normalisation normalisation, List<String> classes) {
        this.model = model;
        this.features = features;
        this.normalisation = normalisation;
        this.classes = List.copyOf(classes);
    }

    /** After each epoch: its number (1-based), mean training loss and seconds so far. */
    public record Epoch(int epoch, double loss, double seconds) {
    }

    /** Trains a new digit classifier on {@code train} (un-normalised frames, as {@link FeatureSet#compute} gives). */
    public static DigitClassifier train(FeatureSet train, FeatureSettings features, TrainingOptions options,
                                        Consumer<Epoch> progress) {
        return train(train, DIGITS, features, options, progress);
    }

    /** Trains a classifier over {@code classes} (label k of {@code train} is {@code classes.get(k)}). */
    public static DigitClassifier train(FeatureSet train, List<String> classes, FeatureSettings features, TrainingOptions options,
                                        Consumer<Epoch> progress) {
        if (classes.size() < 2) {
            throw new IllegalArgumentException("a classifier needs at least two classes but found " + classes);
        }
        for (int label : train.labels()) {
            if (label < 0 || label >= classes.size()) {
                throw new IllegalArgumentException("label " + label + " is outside the " + classes.size() + " classes " + classes);
            }
        }
        Normalisation norm = options.normalisation() == Normalisation.Kind.GLOBAL
                ? Normalisation.fitGlobal(train.frames()) : Normalisation.perUtterance();
        List<double[][]> x = UtteranceTrainer.normaliseAll(norm, train.frames());
        Recurrent rnn = options.kind().layer(options.units()).dropout(options.dropout()).recurrentDropout(options.dropout());
        Layer recurrent = options.bidirectional() ? new Bidirectional(rnn) : rnn;
        Sequential model = Sequential.input(Shape.anyLength(features.width()))
                .add(recurrent)
                .add(new Dense(classes.size(), Activation.SOFTMAX))
                .seed(options.seed());
        model.compile(new Adam(options.learningRate()), Loss.sparseCategoricalCrossEntropy(false),
                GradientClipping.byGlobalNorm(CLIP_NORM), LearningRateSchedule.constant());
        DigitClassifier classifier = new DigitClassifier(model, features, norm, classes);
        int[] labels = train.labels();
        UtteranceTrainer.fit(model, x, rows -> PaddedBatch.classes(labels, rows), false, options, progress);
        Map<String, String> meta = model.metadata();
        meta.putAll(features.toMetadata());
        norm.toMetadata(meta);
        meta.put(TASK_KEY, TASK);
        meta.put("audio.model", options.describe());
        meta.put(CLASS_COUNT_KEY, Integer.toString(classes.size()));
        for (int k = 0; k < classes.size(); k++) {
            meta.put(CLASS_KEY + k, classes.get(k));
        }
        return classifier;
    }

    /** Class probabilities (N, K) for un-normalised utterances, predicted in length-sorted padded batches. */
    public double[][] probabilities(List<double[][]> frames) {
        List<double[][]> x = UtteranceTrainer.normaliseAll(normalisation, frames);
        int[] rows = UtteranceTrainer.byLength(x);
        double[][] out = new double[x.size()][];
        for (int from = 0; from < rows.length; from += PREDICT_BATCH) {
            int to = Math.min(rows.length, from + PREDICT_BATCH);
            PaddedBatch batch = PaddedBatch.of(x, null, rows, from, to);
            Tensor p = model.predict(batch.x(), batch.mask());
            for (int b = 0; b < to - from; b++) {
                int k0 = classes.size();
                double[] row = new double[k0];
                for (int k = 0; k < k0; k++) {
                    row[k] = p.get(b * k0 + k);
                }
                out[rows[from + b]] = row;
            }
        }
        return out;
    }

    /** Class probabilities (K) of one clip (any rate: resampled to the model's). */
    public double[] probabilities(AudioClip clip) {
        double[][] frames = new MfccExtractor(features).features(clip);
        return probabilities(List.<double[][]>of(frames))[0];
    }

    /** Fraction of {@code data} whose most probable class is its label. */
    public double accuracy(FeatureSet data) {
        double[][] p = probabilities(data.frames());
        int correct = 0;
        for (int i = 0; i < p.length; i++) {
            correct += argmax(p[i]) == data.labels()[i] ? 1 : 0;
        }
        return correct / (double) p.length;
    }

    public static int argmax(double[] p) {
        int best = 0;
        for (int k = 1; k < p.length; k++) {
            if (p[k] > p[best]) {
                best = k;
            }
        }
        return best;
    }

    /** Recognition as audio arrives; needs a unidirectional model trained with global normalisation. */
    public StreamingRecognizer stream() {
        return new StreamingRecognizer(model, features, normalisation);
    }

    /** Class names: class k is {@code classes().get(k)} (FSDD's "0" … "9" for a digit model). */
    public List<String> classes() {
        return classes;
    }

    public Model model() {
        return model;
    }

    public FeatureSettings features() {
        return features;
    }

    public Normalisation normalisation() {
        return normalisation;
    }

    public void save(Path file) throws IOException {
        model.save(file);
    }

    /** Loads a classifier written by {@link #save}; fails with the missing key for other model files. */
    public static DigitClassifier load(Path file) throws IOException {
        Model model = Model.load(file);
        Map<String, String> meta = model.metadata();
        if (DigitTranscriber.TASK.equals(meta.get(TASK_KEY))) {
            throw new IllegalArgumentException(file + ": is a connected-digit transcriber (CTC, trained by 'gated speech "
                    + "train-ctc'), not a one-digit classifier — use 'gated speech transcribe --model " + file + " FILE.wav'");
        }
        try {
            return new DigitClassifier(model, FeatureSettings.fromMetadata(meta), Normalisation.fromMetadata(meta), classesOf(meta));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** The class names in a model file's metadata; a file from before they were stored holds the ten digits. */
    private static List<String> classesOf(Map<String, String> meta) {
        String count = meta.get(CLASS_COUNT_KEY);
        if (count == null) {
            return DIGITS;
        }
        int k0;
        try {
            k0 = Integer.parseInt(count);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("metadata " + CLASS_COUNT_KEY + " is '" + count + "' — expected a class count");
        }
        List<String> names = new java.util.ArrayList<>(k0);
        for (int k = 0; k < k0; k++) {
            String name = meta.get(CLASS_KEY + k);
            if (name == null) {
                throw new IllegalArgumentException("metadata lacks " + CLASS_KEY + k + " — the file names " + k0 + " classes");
            }
            names.add(name);
        }
        return names;
    }
}
