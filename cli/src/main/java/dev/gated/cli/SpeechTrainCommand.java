package dev.gated.cli;

import dev.gated.audio.DigitClassifier;
import dev.gated.audio.FeatureSettings;
import dev.gated.audio.LabelTable;
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

/**
 * {@code gated speech train}: a digit classifier on FSDD's training part, scored on its test part, saved; or, with
 * {@code --labels FILE.csv}, a classifier over the CSV's classes (speakers, words, …) on its training rows.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a spoken-digit classifier on FSDD (index 5-49), report test accuracy (index 0-4), save it; "
                + "or any classes named by --labels FILE.csv.")
final class SpeechTrainCommand extends BaseCommand {

    @Mixin
    SpeechOptions options;

    @Option(names = "--model", defaultValue = "gru", paramLabel = "gru|lstm|rnn", description = "Recurrent layer (default: ${DEFAULT-VALUE}).")
    String kind;

    @Option(names = "--labels", paramLabel = "from-filename|FILE.csv", description = "Where the classes come from: the "
            + "digit in FSDD's file names (default), or a CSV of file,label[,split] rows (file relative to --data; split "
            + "train|test, without it 1 in " + LabelTable.TEST_EVERY + " of each class is test; .wav files not listed are "
            + "left out, and said so).")
    String labels;

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
        Path csv = SpeechData.labelTable(labels);
        SpeechData data;
        int leftOut = 0;
        if (csv == null) {
            data = steps().run("computing the features of the recordings in " + dir, () ->
                    SpeechData.load(dir, options.maxIndex, FeatureSettings.SPEECH_8K));
        } else {
            LabelTable table = LabelTable.read(dir, csv);
            leftOut = table.unlisted().size();
            if (leftOut > 0) {
                say(table.unlisted().size() + " .wav file(s) in " + dir + " are not in " + csv + " and are left out (e.g. "
                        + table.unlisted().get(0).getFileName() + ")");
            }
            data = steps().run("computing the features of the recordings in " + dir, () ->
                    SpeechData.load(table, csv, FeatureSettings.SPEECH_8K));
        }
        say(String.format(Locale.ROOT, "%d training and %d test utterances from %s, %d classes; %s", data.train().size(),
                data.test().size(), dir, data.classes().size(), o.describe()));
        List<Double> losses = new ArrayList<>();
        long start = System.nanoTime();
        DigitClassifier classifier = DigitClassifier.train(data.train(), data.classes(), FeatureSettings.SPEECH_8K, o, e -> {
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
            doc.put("classes", data.classes());
            if (csv != null) {
                doc.put("left_out", leftOut);
            }
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
