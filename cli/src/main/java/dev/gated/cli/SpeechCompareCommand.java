package dev.gated.cli;

import dev.gated.audio.Augmentation;
import dev.gated.audio.FeatureSet;
import dev.gated.audio.FeatureSettings;
import dev.gated.audio.LeaveOneSpeakerOut;
import dev.gated.audio.SpeechBenchmark;
import dev.gated.audio.TrainingOptions;
import dev.gated.cli.options.SpeechOptions;
import dev.gated.cli.output.Json;
import dev.gated.layer.recurrent.RecurrentKind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gated speech compare}: the baseline, RNN, LSTM and GRU side by side on FSDD's official split. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Train the mean+std baseline and RNN, LSTM, GRU on FSDD's official split; print the table.")
final class SpeechCompareCommand extends BaseCommand {

    @Mixin
    SpeechOptions options;

    @Option(names = "--models", defaultValue = "rnn,lstm,gru", split = ",", paramLabel = "KINDS",
            description = "Recurrent layers to compare (default: ${DEFAULT-VALUE}).")
    List<String> models;

    @Option(names = "--leave-one-speaker-out", description = "Instead of the official split: train on all but one "
            + "speaker, test on that one, for each speaker; report mean ± sd.")
    boolean leaveOneSpeakerOut;

    @Option(names = "--augment", description = "Also train on an augmented copy of every training recording: speed "
            + "perturbation, a delayed start and white noise (test audio is never augmented).")
    boolean augment;

    @Option(names = "--augment-snr", defaultValue = "20", paramLabel = "DB", description = "With --augment: noise level, dB SNR (default: ${DEFAULT-VALUE}).")
    double augmentSnr;

    @Option(names = "--augment-shift-ms", defaultValue = "100", paramLabel = "MS",
            description = "With --augment: longest silence put before a clip (default: ${DEFAULT-VALUE}).")
    double augmentShiftMs;

    @Option(names = "--augment-speed", defaultValue = "0.1", paramLabel = "F",
            description = "With --augment: largest relative speed change, 0.1 = 0.9-1.1 (default: ${DEFAULT-VALUE}).")
    double augmentSpeed;

    @Option(names = "--augment-copies", defaultValue = "1", paramLabel = "N",
            description = "With --augment: augmented copies per recording (default: ${DEFAULT-VALUE}).")
    int augmentCopies;

    /** The augmentation asked for, or null without --augment; a bad setting is a usage error. */
    private Augmentation augmentation() {
        if (!augment) {
            return null;
        }
        try {
            return new Augmentation(augmentSnr, augmentShiftMs, augmentSpeed, augmentCopies);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    @Override
    public Integer call() throws IOException {
        List<RecurrentKind> kinds = new ArrayList<>();
        TrainingOptions o;
        try {
            for (String m : models) {
                kinds.add(RecurrentKind.parse(m));
            }
            o = options.toTrainingOptions(RecurrentKind.GRU);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        if (leaveOneSpeakerOut) {
            return leaveOneSpeakerOut(o, kinds);
        }
        Augmentation how = augmentation();
        SpeechData data = SpeechData.load(SpeechData.folder(options.data), options.maxIndex, FeatureSettings.SPEECH_8K);
        FeatureSet train = how == null ? data.train()
                : data.train().plus(how.features(data.train().recordings(), FeatureSettings.SPEECH_8K, o.seed()));
        say(String.format(Locale.ROOT, "%d training and %d test utterances%s", train.size(), data.test().size(),
                how == null ? "" : " (augmented: " + how.describe() + ")"));
        List<SpeechBenchmark.Row> rows = SpeechBenchmark.run(train, data.test(), FeatureSettings.SPEECH_8K, o, kinds,
                line -> {
                    if (!line.contains(" epoch ") || line.contains(" epoch " + o.epochs() + "/")) {
                        say(line);
                    }
                });
        if (json) {
            List<Map<String, Object>> table = new ArrayList<>();
            for (SpeechBenchmark.Row r : rows) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("model", r.model());
                row.put("accuracy", r.accuracy());
                row.put("params", r.parameters());
                row.put("training_minutes", r.trainingMinutes());
                row.put("inference_ms_per_utterance", r.inferenceMs());
                table.add(row);
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("command", "speech compare");
            doc.put("augmentation", how == null ? null : how.describe());
            doc.put("train", train.size());
            doc.put("test", data.test().size());
            doc.put("rows", table);
            Json.print(io().out(), doc);
            return 0;
        }
        io().out().println("| model | test accuracy | parameters | training min | inference ms/utterance |");
        io().out().println("|---|---|---|---|---|");
        for (SpeechBenchmark.Row r : rows) {
            io().out().printf(Locale.ROOT, "| %s | %.2f %% | %,d | %.2f | %.3f |%n", r.model(), 100 * r.accuracy(), r.parameters(),
                    r.trainingMinutes(), r.inferenceMs());
        }
        return 0;
    }

    private int leaveOneSpeakerOut(TrainingOptions o, List<RecurrentKind> kinds) throws IOException {
        java.nio.file.Path dir = SpeechData.folder(options.data);
        List<dev.gated.audio.SpokenDigits.Recording> used = dev.gated.audio.SpokenDigits.list(dir).stream()
                .filter(r -> r.index() < options.maxIndex).toList();
        FeatureSet all = FeatureSet.compute(used, FeatureSettings.SPEECH_8K);
        Augmentation how = augmentation();
        FeatureSet augmented = how == null ? null : how.features(used, FeatureSettings.SPEECH_8K, o.seed());
        if (how != null) {
            say("augmented: " + how.describe());
        }
        List<LeaveOneSpeakerOut.Result> results = LeaveOneSpeakerOut.run(all, augmented, FeatureSettings.SPEECH_8K, o, kinds, line -> {
            if (!line.contains(" epoch ")) {
                say(line);
            }
        });
        if (json) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (LeaveOneSpeakerOut.Result r : results) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("model", r.model());
                row.put("by_speaker", r.bySpeaker());
                row.put("mean", r.mean());
                row.put("sd", r.sd());
                rows.add(row);
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("command", "speech compare --leave-one-speaker-out");
            doc.put("augmentation", how == null ? null : how.describe());
            doc.put("rows", rows);
            Json.print(io().out(), doc);
            return 0;
        }
        List<String> speakers = new ArrayList<>(results.get(0).bySpeaker().keySet());
        io().out().println("| model | " + String.join(" | ", speakers) + " | mean ± sd |");
        io().out().println("|---|" + "---|".repeat(speakers.size()) + "---|");
        for (LeaveOneSpeakerOut.Result r : results) {
            StringBuilder line = new StringBuilder("| " + r.model() + " |");
            for (String s : speakers) {
                line.append(String.format(Locale.ROOT, " %.1f %% |", 100 * r.bySpeaker().get(s)));
            }
            line.append(String.format(Locale.ROOT, " %.1f ± %.1f %% |", 100 * r.mean(), 100 * r.sd()));
            io().out().println(line);
        }
        return 0;
    }
}
