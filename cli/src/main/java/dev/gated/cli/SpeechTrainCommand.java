package dev.gated.cli;

import dev.gated.audio.DigitClassifier;
import dev.gated.audio.FeatureSettings;
import dev.gated.audio.TrainingOptions;
import dev.gated.cli.options.SpeechOptions;
import dev.gated.cli.output.Json;
import dev.gated.layer.recurrent.RecurrentKind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gated speech train}: a digit classifier on FSDD's training part, scored on its test part, saved. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a spoken-digit classifier on FSDD (index 5-49), report test accuracy (index 0-4), save it.")
final class SpeechTrainCommand extends BaseCommand {

    @Mixin
    SpeechOptions options;

    @Option(names = "--model", defaultValue = "gru", paramLabel = "gru|lstm|rnn", description = "Recurrent layer (default: ${DEFAULT-VALUE}).")
    String kind;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to save the model (e.g. digits.gated).")
    Path out;

    @Override
    public Integer call() throws Exception {
        TrainingOptions o;
        try {
            o = options.toTrainingOptions(RecurrentKind.parse(kind));
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        Path dir = SpeechData.folder(options.data);
        SpeechData.out(out, dir);
        SpeechData data = steps().run("computing the features of the recordings in " + dir, () ->
                SpeechData.load(dir, options.maxIndex, FeatureSettings.SPEECH_8K));
        say(String.format(Locale.ROOT, "%d training and %d test utterances from %s; %s", data.train().size(), data.test().size(),
                dir, o.describe()));
        List<Double> losses = new ArrayList<>();
        long start = System.nanoTime();
        DigitClassifier classifier = DigitClassifier.train(data.train(), FeatureSettings.SPEECH_8K, o, e -> {
            losses.add(e.loss());
            say(String.format(Locale.ROOT, "epoch %d/%d: loss %.4f (%.0f s)", e.epoch(), o.epochs(), e.loss(), e.seconds()));
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        double accuracy = steps().run("scoring the test recordings", () -> classifier.accuracy(data.test()));
        steps().run("saving " + out, () -> {
            try (Outputs outputs = new Outputs()) {
                outputs.write("--out", out, classifier::save);
                outputs.publish();
            }
        });
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("command", "speech train");
            doc.put("model", o.describe());
            doc.put("train", data.train().size());
            doc.put("test", data.test().size());
            doc.put("params", classifier.model().parameterCount());
            doc.put("loss", losses);
            doc.put("accuracy", accuracy);
            doc.put("seconds", seconds);
            doc.put("out", out.toString());
            Json.print(io().out(), doc);
        } else {
            io().out().printf(Locale.ROOT, "test accuracy: %.4f (%d utterances); %,d parameters; %.1f s; saved to %s%n",
                    accuracy, data.test().size(), classifier.model().parameterCount(), seconds, out);
        }
        return 0;
    }
}
