package dev.gated.cli;

import dev.gated.audio.ConnectedDigits;
import dev.gated.audio.DigitTranscriber;
import dev.gated.audio.FeatureSettings;
import dev.gated.audio.TrainingOptions;
import dev.gated.audio.TranscriptionScore;
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
 * {@code gated speech train-ctc}: a connected-digit transcriber (recurrent layer + CTC) on strings joined from FSDD's
 * training clips, scored on strings joined from its test clips (DER and string accuracy, greedy and beam), saved.
 */
@Command(name = "train-ctc", mixinStandardHelpOptions = true,
        description = "Train a connected-digit transcriber with CTC on strings of 2-7 FSDD training clips; score it on "
                + "strings of test clips (index 0-4); save it.")
final class SpeechTrainCtcCommand extends BaseCommand {

    @Mixin
    SpeechOptions options;

    @Option(names = "--model", defaultValue = "gru", paramLabel = "gru|lstm|rnn", description = "Recurrent layer (default: ${DEFAULT-VALUE}).")
    String kind;

    @Option(names = "--strings", defaultValue = "2000", paramLabel = "N",
            description = "Training strings, each 2-7 training clips (default: ${DEFAULT-VALUE}).")
    int strings;

    @Option(names = "--test-strings", defaultValue = "500", paramLabel = "N",
            description = "Test strings, each 2-7 test clips, always the same ones (default: ${DEFAULT-VALUE}).")
    int testStrings;

    @Option(names = "--snr", defaultValue = "30", paramLabel = "DB", description = "Signal-to-noise ratio of the white noise "
            + "added to every string, in dB (default: ${DEFAULT-VALUE}).")
    double snr;

    @Option(names = "--beam", defaultValue = "8", paramLabel = "N", description = "Prefix beam width for the test score (default: ${DEFAULT-VALUE}).")
    int beam;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to save the model (e.g. strings.gated).")
    Path out;

    @Override
    public Integer call() throws Exception {
        TrainingOptions o;
        try {
            o = options.toTrainingOptions(RecurrentKind.parse(kind), DigitTranscriber.DEFAULTS);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        if (beam < 1) {
            throw usage("--beam: expected a width of at least 1 but found " + beam);
        }
        if (strings < 1 || testStrings < 1) {
            throw usage((strings < 1 ? "--strings" : "--test-strings") + ": expected at least 1 but found " + Math.min(strings, testStrings));
        }
        FeatureSettings features = FeatureSettings.SPEECH_8K;
        Path dir = SpeechData.folder(options.data);
        SpeechData.out(out, dir);
        int rate = features.sampleRate();
        List<ConnectedDigits.Utterance> train = SpeechData.strings(dir, options.maxIndex, false, strings, snr, options.seed, rate);
        List<ConnectedDigits.Utterance> test = SpeechData.strings(dir, options.maxIndex, true, testStrings, snr,
                SpeechData.TEST_STRINGS_SEED, rate);
        say(String.format(Locale.ROOT, "%d training strings (%d digits) and %d test strings (%d digits) from %s; %s",
                train.size(), digits(train), test.size(), digits(test), dir, o.describe()));
        List<Double> losses = new ArrayList<>();
        long start = System.nanoTime();
        DigitTranscriber transcriber = DigitTranscriber.train(ConnectedDigits.features(train, features),
                ConnectedDigits.digits(train), features, o, e -> {
                    losses.add(e.loss());
                    say(String.format(Locale.ROOT, "epoch %d/%d: CTC loss %.4f per string (%.0f s)", e.epoch(), o.epochs(), e.loss(), e.seconds()));
                });
        double seconds = (System.nanoTime() - start) / 1e9;
        transcriber.model().metadata().put("audio.ctc.strings", Integer.toString(strings));
        transcriber.model().metadata().put("audio.ctc.snr_db", Double.toString(snr));
        try (Outputs outputs = new Outputs()) {
            outputs.write("--out", out, transcriber::save);
            outputs.publish();
        }
        SpeechEvaluateCommand.Scores scores = steps().run("scoring the test strings", () ->
                SpeechEvaluateCommand.Scores.of(transcriber, test, beam));
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("command", "speech train-ctc");
            doc.put("model", o.describe());
            doc.put("train_strings", train.size());
            doc.put("test_strings", test.size());
            doc.put("params", transcriber.model().parameterCount());
            doc.put("loss", losses);
            doc.putAll(scores.toJson());
            doc.put("seconds", seconds);
            doc.put("out", out.toString());
            Json.print(io().out(), doc);
        } else {
            scores.print(io().out());
            io().out().printf(Locale.ROOT, "%,d parameters; trained in %.1f min; saved to %s%n",
                    transcriber.model().parameterCount(), seconds / 60, out);
        }
        return 0;
    }

    static long digits(List<ConnectedDigits.Utterance> strings) {
        return strings.stream().mapToLong(u -> u.digits().length).sum();
    }
}
