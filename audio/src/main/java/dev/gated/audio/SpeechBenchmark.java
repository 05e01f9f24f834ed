package dev.gated.audio;

import dev.gated.layer.recurrent.RecurrentKind;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The spoken-digit table: the mean+std baseline and RNN, LSTM and GRU trained with the same options on the
 * same training part, each scored on the same test part (accuracy, parameters, training minutes, inference
 * milliseconds per utterance).
 */
public final class SpeechBenchmark {

    /** One row of the table. */
    public record Row(String model, double accuracy, long parameters, double trainingMinutes, double inferenceMs) {
    }

    private SpeechBenchmark() {
    }

    public static List<Row> run(FeatureSet train, FeatureSet test, FeatureSettings features, TrainingOptions options,
                                List<RecurrentKind> kinds, Consumer<String> log) {
        List<Row> rows = new ArrayList<>();
        long start = System.nanoTime();
        MeanStdBaseline baseline = MeanStdBaseline.train(train, options.seed());
        double minutes = (System.nanoTime() - start) / 60e9;
        start = System.nanoTime();
        double accuracy = baseline.accuracy(test);
        double ms = (System.nanoTime() - start) / 1e6 / test.size();
        rows.add(new Row("baseline: logistic regression on mean+std", accuracy, baseline.parameterCount(), minutes, ms));
        log.accept(String.format(java.util.Locale.ROOT, "baseline: test accuracy %.4f", accuracy));
        for (RecurrentKind kind : kinds) {
            TrainingOptions o = options.withKind(kind);
            start = System.nanoTime();
            DigitClassifier c = DigitClassifier.train(train, features, o, e -> log.accept(String.format(java.util.Locale.ROOT,
                    "%s epoch %d/%d: loss %.4f (%.0f s)", o.describe(), e.epoch(), o.epochs(), e.loss(), e.seconds())));
            minutes = (System.nanoTime() - start) / 60e9;
            start = System.nanoTime();
            accuracy = c.accuracy(test);
            ms = (System.nanoTime() - start) / 1e6 / test.size();
            rows.add(new Row(o.describe(), accuracy, c.model().parameterCount(), minutes, ms));
            log.accept(String.format(java.util.Locale.ROOT, "%s: test accuracy %.4f", o.describe(), accuracy));
        }
        return rows;
    }
}
