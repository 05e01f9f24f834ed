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
 * Classifies an utterance of feature frames into one of {@link #CLASSES} digits with a recurrent network.
 *
 * <pre>
 * frames (B, T, F) + mask (B, T) ─► RNN | LSTM | GRU (H), last valid state ─► Dense(10, softmax) ─► p (B, 10)
 *        optionally Bidirectional: forward and backward states concatenated (B, 2H)
 *        input and recurrent dropout (one mask per sequence) in training
 * loss   sparse categorical cross-entropy;  Adam;  gradients clipped to global norm 5
 * batches  length-pooled, padded per batch ({@link UtteranceTrainer})
 * </pre>
 * Frames are normalised first ({@link Normalisation}); the feature settings and normalisation are saved in
 * the model file's metadata, so {@link #load} gives a classifier that featurises audio exactly as in training.
 */
public final class DigitClassifier {

    public static final int CLASSES = 10;
    /** The metadata key naming what a speech model does, and this model's value for it. */
    static final String TASK_KEY = "audio.task";
    static final String TASK = "spoken-digits";
    static final double CLIP_NORM = 5;
    static final int PREDICT_BATCH = 64;

    private final Model model;
    private final FeatureSettings features;
    private final Normalisation normalisation;

    private DigitClassifier(Model model, FeatureSettings features, Normalisation normalisation) {
        this.model = model;
        this.features = features;
        this.normalisation = normalisation;
    }

    /** After each epoch: its number (1-based), mean training loss and seconds so far. */
    public record Epoch(int epoch, double loss, double seconds) {
    }

    /** Trains a new classifier on {@code train} (un-normalised frames, as {@link FeatureSet#compute} gives). */
    public static DigitClassifier train(FeatureSet train, FeatureSettings features, TrainingOptions options,
                                        Consumer<Epoch> progress) {
        Normalisation norm = options.normalisation() == Normalisation.Kind.GLOBAL
                ? Normalisation.fitGlobal(train.frames()) : Normalisation.perUtterance();
        List<double[][]> x = UtteranceTrainer.normaliseAll(norm, train.frames());
        Recurrent rnn = options.kind().layer(options.units()).dropout(options.dropout()).recurrentDropout(options.dropout());
        Layer recurrent = options.bidirectional() ? new Bidirectional(rnn) : rnn;
        Sequential model = Sequential.input(Shape.anyLength(features.width()))
                .add(recurrent)
                .add(new Dense(CLASSES, Activation.SOFTMAX))
                .seed(options.seed());
        model.compile(new Adam(options.learningRate()), Loss.sparseCategoricalCrossEntropy(false),
                GradientClipping.byGlobalNorm(CLIP_NORM), LearningRateSchedule.constant());
        DigitClassifier classifier = new DigitClassifier(model, features, norm);
        int[] labels = train.labels();
        UtteranceTrainer.fit(model, x, rows -> PaddedBatch.classes(labels, rows), false, options, progress);
        Map<String, String> meta = model.metadata();
        meta.putAll(features.toMetadata());
        norm.toMetadata(meta);
        meta.put(TASK_KEY, TASK);
        meta.put("audio.model", options.describe());
        return classifier;
    }

    /** Class probabilities (N, 10) for un-normalised utterances, predicted in length-sorted padded batches. */
    public double[][] probabilities(List<double[][]> frames) {
        List<double[][]> x = UtteranceTrainer.normaliseAll(normalisation, frames);
        int[] rows = UtteranceTrainer.byLength(x);
        double[][] out = new double[x.size()][];
        for (int from = 0; from < rows.length; from += PREDICT_BATCH) {
            int to = Math.min(rows.length, from + PREDICT_BATCH);
            PaddedBatch batch = PaddedBatch.of(x, null, rows, from, to);
            Tensor p = model.predict(batch.x(), batch.mask());
            for (int b = 0; b < to - from; b++) {
                double[] row = new double[CLASSES];
                for (int k = 0; k < CLASSES; k++) {
                    row[k] = p.get(b * CLASSES + k);
                }
                out[rows[from + b]] = row;
            }
        }
        return out;
    }

    /** Class probabilities (10) of one clip (any rate: resampled to the model's). */
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
            return new DigitClassifier(model, FeatureSettings.fromMetadata(meta), Normalisation.fromMetadata(meta));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }
}
