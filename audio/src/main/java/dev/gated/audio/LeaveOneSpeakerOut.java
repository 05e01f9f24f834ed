package dev.gated.audio;

import dev.gated.layer.recurrent.RecurrentKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The harder protocol: for each speaker s, train on every recording of the other speakers and test on all of s's;
 * report each model's accuracy per held-out speaker and their mean ± sample standard deviation.
 *
 * <pre>
 * folds     one per speaker (5 for FSDD): train 4 × 500 = 2,000 utterances, test 500
 *           with augmentation the training speakers' augmented copies are added (test audio never is)
 * summary   mean = (1/S) Σ_s a_s,   sd = √( Σ_s (a_s − mean)² / (S − 1) )
 * </pre>
 */
public final class LeaveOneSpeakerOut {

    /** One model's accuracies by held-out speaker, in speaker order, with their mean and sd. */
    public record Result(String model, Map<String, Double> bySpeaker, double mean, double sd) {
    }

    private LeaveOneSpeakerOut() {
    }

    public static List<Result> run(FeatureSet all, FeatureSettings features, TrainingOptions options,
                                   List<RecurrentKind> kinds, Consumer<String> log) {
        return run(all, null, features, options, kinds, log);
    }

    /** As {@link #run(FeatureSet, FeatureSettings, TrainingOptions, List, Consumer)}, training also on {@code augmented}'s copies of the training speakers (null: none). */
    public static List<Result> run(FeatureSet all, FeatureSet augmented, FeatureSettings features, TrainingOptions options,
                                   List<RecurrentKind> kinds, Consumer<String> log) {
        TreeSet<String> speakers = new TreeSet<>();
        all.recordings().forEach(r -> speakers.add(r.speaker()));
        if (speakers.size() < 2) {
            throw new IllegalArgumentException("leave-one-speaker-out needs at least 2 speakers but the data has "
                    + speakers.size() + ": " + speakers);
        }
        Map<String, Map<String, Double>> table = new LinkedHashMap<>();
        for (String speaker : speakers) {
            FeatureSet originals = all.filter(r -> !r.speaker().equals(speaker));
            FeatureSet train = augmented == null ? originals : originals.plus(augmented.filter(r -> !r.speaker().equals(speaker)));
            FeatureSet test = all.filter(r -> r.speaker().equals(speaker));
            log.accept("held out: " + speaker + " (" + train.size() + " training, " + test.size() + " test utterances)");
            for (SpeechBenchmark.Row row : SpeechBenchmark.run(train, test, features, options, kinds, log)) {
                table.computeIfAbsent(row.model(), m -> new LinkedHashMap<>()).put(speaker, row.accuracy());
            }
        }
        List<Result> out = new ArrayList<>();
        table.forEach((model, bySpeaker) -> {
            double mean = bySpeaker.values().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            double ss = bySpeaker.values().stream().mapToDouble(a -> (a - mean) * (a - mean)).sum();
            out.add(new Result(model, bySpeaker, mean, Math.sqrt(ss / (bySpeaker.size() - 1))));
        });
        return out;
    }
}
