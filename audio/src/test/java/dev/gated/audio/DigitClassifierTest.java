package dev.gated.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gated.layer.recurrent.RecurrentKind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small GRU on a subset of FSDD (indices 5–14 of every speaker and digit: 500 utterances, 10 epochs), scored on
 * the official test part (250). The full run (all 2,250, 30 epochs) is {@code gated speech compare}; its
 * figures are in docs/speech.md. The thresholds here are what the small run reliably reaches, not the target.
 */
class DigitClassifierTest {

    static final int EPOCHS = 10;

    static FeatureSet train;
    static FeatureSet test;
    static DigitClassifier gru;

    @BeforeAll
    static void trainSmallModel() throws IOException {
        List<SpokenDigits.Recording> used = SpokenDigits.list(Fsdd.recordings()).stream().filter(r -> r.index() < 15).toList();
        FeatureSet all = FeatureSet.compute(used, FeatureSettings.SPEECH_8K);
        train = all.filter(r -> !r.isTest());
        test = all.filter(SpokenDigits.Recording::isTest);
        TrainingOptions options = TrainingOptions.DEFAULTS.withKind(RecurrentKind.GRU).withUnits(32).withEpochs(EPOCHS)
                .withBatchSize(16).withNormalisation(Normalisation.Kind.GLOBAL).withDropout(0.1);
        gru = DigitClassifier.train(train, FeatureSettings.SPEECH_8K, options, e -> { });
    }

    @Test
    void aSmallGruLearnsTheDigits() {
        double accuracy = gru.accuracy(test);
        System.out.printf("small GRU(32), 500 utterances, %d epochs: test accuracy %.4f%n", EPOCHS, accuracy);
        assertTrue(accuracy >= 0.70, "test accuracy " + accuracy);
    }

    @Test
    void theBaselineIsStrong() {
        double accuracy = MeanStdBaseline.train(train, 42).accuracy(test);
        System.out.printf("mean+std logistic regression, 500 utterances: test accuracy %.4f%n", accuracy);
        assertTrue(accuracy >= 0.80, "baseline accuracy " + accuracy);
    }

    @Test
    void paddingInABatchDoesNotChangeAPrediction() {
        List<double[][]> some = test.frames().subList(0, 40);
        double[][] batched = gru.probabilities(some);
        for (int i = 0; i < some.size(); i += 7) {
            double[] alone = gru.probabilities(List.<double[][]>of(some.get(i)))[0];
            assertArrayEquals(alone, batched[i], 1e-5, "utterance " + i + " alone vs padded in a batch");
        }
    }

    @Test
    void aSavedModelPredictsTheSame(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("digits.gated");
        gru.save(file);
        DigitClassifier loaded = DigitClassifier.load(file);
        assertEquals(gru.features(), loaded.features());
        assertEquals(Normalisation.Kind.GLOBAL, loaded.normalisation().kind());
        AudioClip clip = WavReader.read(test.recordings().get(3).file());
        assertArrayEquals(gru.probabilities(clip), loaded.probabilities(clip), 1e-6);
    }

    @Test
    void streamingIn100MsChunksEndsWithTheOfflinePrediction() throws IOException {
        int chunk = FeatureSettings.SPEECH_8K.sampleRate() / 10;
        for (int i = 0; i < test.size(); i += 25) {
            AudioClip clip = WavReader.read(test.recordings().get(i).file());
            double[] offline = gru.probabilities(clip);
            StreamingRecognizer stream = gru.stream();
            float[] x = clip.samples();
            for (int from = 0; from < x.length; from += chunk) {
                stream.accept(Arrays.copyOfRange(x, from, Math.min(x.length, from + chunk)));
            }
            double[] streamed = stream.finish();
            assertEquals(test.frames().get(i).length, stream.frames(), "frames fed");
            assertEquals(DigitClassifier.argmax(offline), DigitClassifier.argmax(streamed), "digit of " + clip);
            assertArrayEquals(offline, streamed, 1e-5, "probabilities of " + test.recordings().get(i).file().getFileName());
        }
    }

    @Test
    void aModelThatCannotStreamSaysWhy() {
        TrainingOptions options = TrainingOptions.DEFAULTS.withUnits(4).withEpochs(1).withNormalisation(Normalisation.Kind.UTTERANCE);
        FeatureSet tiny = train.filter(r -> r.index() == 5);
        IllegalStateException perUtterance = assertThrows(IllegalStateException.class,
                () -> DigitClassifier.train(tiny, FeatureSettings.SPEECH_8K, options, e -> { }).stream());
        assertTrue(perUtterance.getMessage().contains("--normalise global"), perUtterance.getMessage());
        IllegalStateException bidirectional = assertThrows(IllegalStateException.class,
                () -> DigitClassifier.train(tiny, FeatureSettings.SPEECH_8K, options.withBidirectional(true)
                        .withNormalisation(Normalisation.Kind.GLOBAL), e -> { }).stream());
        assertTrue(bidirectional.getMessage().contains("bidirectional"), bidirectional.getMessage());
    }
}
