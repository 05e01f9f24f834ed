package dev.gated.audio;

import dev.gated.layer.Dense;
import dev.gated.layer.Layer;
import dev.gated.layer.recurrent.Bidirectional;
import dev.gated.layer.recurrent.Recurrent;
import dev.gated.loss.CtcDecoder;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Transcribes a string of spoken digits with a recurrent acoustic model trained by connectionist temporal
 * classification (CTC): no frame is labelled, only the utterance's digit sequence.
 *
 * <pre>
 * frames (B, T, F) + mask (B, T) ─► RNN | LSTM | GRU (H), every step ─► Dense(11) ─► logits z (B, T, 11)
 *        optionally Bidirectional (offline only): forward and backward outputs concatenated (B, T, 2H)
 * classes  0 = blank, digit d = class d + 1
 * loss     CTC (dev.gated.loss.CtcLoss): −log Σ over alignments of the digits to the kept frames;  Adam;
 *          gradients clipped to global norm 5;  batches length-pooled and padded (UtteranceTrainer)
 * decode   greedy: argmax per frame, collapse repeats, drop blanks;  or prefix beam search of width W
 * </pre>
 * The feature settings and normalisation are saved in the model file's metadata with the task
 * {@value #TASK}, so {@link #load} featurises audio exactly as training did and refuses a one-digit classifier.
 */
public final class DigitTranscriber {

    public static final int CLASSES = 11;
    /** The settings behind the reported CTC figures (gated speech train-ctc's defaults). */
    public static final TrainingOptions DEFAULTS = TrainingOptions.DEFAULTS.withUnits(128).withEpochs(20).withBatchSize(16)
            .withLearningRate(0.005).withDropout(0.1);
    static final String TASK = "connected-digits";

    private final Model model;
    private final FeatureSettings features;
    private final Normalisation normalisation;

    private DigitTranscriber(Model model, FeatureSettings features, Normalisation normalisation) {
        this.model = model;
        this.features = features;
        this.normalisation = normalisation;
    }

    /** One utterance's transcription: digits 0–9 by best path and by prefix beam search. */
    public record Transcript(int[] greedy, int[] beam) {
    }

    /** Trains a transcriber on un-normalised {@code frames} (each (T, F)) and their digit strings (0–9 each). */
    public static DigitTranscriber train(List<double[][]> frames, List<int[]> digits, FeatureSettings features,
                                         TrainingOptions options, Consumer<DigitClassifier.Epoch> progress) {
        Normalisation norm = options.normalisation() == Normalisation.Kind.GLOBAL
                ? Normalisation.fitGlobal(frames) : Normalisation.perUtterance();
        List<double[][]> x = UtteranceTrainer.normaliseAll(norm, frames);
        List<int[]> targets = new ArrayList<>(digits.size());
        for (int[] d : digits) {
            targets.add(Arrays.stream(d).map(DigitTranscriber::classOf).toArray());
        }
        Recurrent rnn = options.kind().layer(options.units()).returnSequences(true)
                .dropout(options.dropout()).recurrentDropout(options.dropout());
        Layer recurrent = options.bidirectional() ? new Bidirectional(rnn) : rnn;
        Sequential model = Sequential.input(Shape.anyLength(features.width()))
                .add(recurrent)
                .add(new Dense(CLASSES))
                .seed(options.seed());
        model.compile(new Adam(options.learningRate()), Loss.ctc(),
                GradientClipping.byGlobalNorm(DigitClassifier.CLIP_NORM), LearningRateSchedule.constant());
        UtteranceTrainer.fit(model, x, rows -> PaddedBatch.sequences(targets, rows), true, options, progress);
        Map<String, String> meta = model.metadata();
        meta.putAll(features.toMetadata());
        norm.toMetadata(meta);
        meta.put(DigitClassifier.TASK_KEY, TASK);
        meta.put("audio.model", options.describe());
        return new DigitTranscriber(model, features, norm);
    }

    /** CTC class of digit d: d + 1 (class 0 is the blank). */
    static int classOf(int digit) {
        if (digit < 0 || digit > 9) {
            throw new IllegalArgumentException("digit: expected 0-9 but found " + digit);
        }
        return digit + 1;
    }

    /** Transcribes un-normalised utterances, in length-sorted padded batches; beam search keeps {@code beamWidth} prefixes. */
    public List<Transcript> transcribe(List<double[][]> frames, int beamWidth) {
        List<double[][]> x = UtteranceTrainer.normaliseAll(normalisation, frames);
        int[] rows = UtteranceTrainer.byLength(x);
        Transcript[] out = new Transcript[x.size()];
        for (int from = 0; from < rows.length; from += DigitClassifier.PREDICT_BATCH) {
            int to = Math.min(rows.length, from + DigitClassifier.PREDICT_BATCH);
            PaddedBatch batch = PaddedBatch.of(x, null, rows, from, to);
            Tensor logits = model.predict(batch.x(), batch.mask());
            List<int[]> greedy = CtcDecoder.greedy(logits, batch.mask());
            List<int[]> beam = CtcDecoder.prefixBeam(logits, batch.mask(), beamWidth);
            for (int b = 0; b < to - from; b++) {
                out[rows[from + b]] = new Transcript(digitsOf(greedy.get(b)), digitsOf(beam.get(b)));
            }
        }
        return Arrays.asList(out);
    }

    /** Transcribes one clip (any rate: resampled to the model's). */
    public Transcript transcribe(AudioClip clip, int beamWidth) {
        return transcribe(List.<double[][]>of(new MfccExtractor(features).features(clip)), beamWidth).get(0);
    }

    /** Per-frame class probabilities (T, 11) of one clip: softmax of the logits; column 0 is the blank. */
    public double[][] frameProbabilities(AudioClip clip) {
        double[][] x = normalisation.apply(new MfccExtractor(features).features(clip));
        Tensor logits = model.predict(PaddedBatch.single(x));
        double[][] p = new double[x.length][CLASSES];
        for (int t = 0; t < x.length; t++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < CLASSES; c++) {
                max = Math.max(max, logits.get(t * CLASSES + c));
            }
            double sum = 0;
            for (int c = 0; c < CLASSES; c++) {
                p[t][c] = Math.exp(logits.get(t * CLASSES + c) - max);
                sum += p[t][c];
            }
            for (int c = 0; c < CLASSES; c++) {
                p[t][c] /= sum;
            }
        }
        return p;
    }

    /** CTC classes (1–10) to digits (0–9). */
    static int[] digitsOf(int[] classes) {
        return Arrays.stream(classes).map(c -> c - 1).toArray();
    }

    /** Greedy transcription as audio arrives; needs a unidirectional model trained with global normalisation. */
    public TranscriptionStream stream() {
        return new TranscriptionStream(new FrameStepper(model, features, normalisation));
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

    /** Whether {@code file} holds a model saved by {@link #save} (by its metadata; other files give false). */
    public static boolean isTranscriber(Path file) throws IOException {
        return TASK.equals(Model.load(file).metadata().get(DigitClassifier.TASK_KEY));
    }

    /** Loads a transcriber written by {@link #save}; a one-digit classifier or another model file is refused by name. */
    public static DigitTranscriber load(Path file) throws IOException {
        Model model = Model.load(file);
        Map<String, String> meta = model.metadata();
        String task = meta.get(DigitClassifier.TASK_KEY);
        if (!TASK.equals(task)) {
            throw new IllegalArgumentException(file + ": " + (DigitClassifier.TASK.equals(task)
                    ? "is a one-digit classifier (trained by 'gated speech train'), not a CTC transcriber — use 'gated speech "
                    + "predict " + file + " FILE.wav', or train a transcriber with 'gated speech train-ctc'"
                    : "is not a speech transcriber (its metadata has " + DigitClassifier.TASK_KEY + " = " + task
                    + ", expected " + TASK + ") — train one with 'gated speech train-ctc'"));
        }
        try {
            return new DigitTranscriber(model, FeatureSettings.fromMetadata(meta), Normalisation.fromMetadata(meta));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }
}
