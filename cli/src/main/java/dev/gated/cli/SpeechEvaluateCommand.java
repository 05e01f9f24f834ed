package dev.gated.cli;

import dev.gated.audio.DigitClassifier;
import dev.gated.audio.FeatureSet;
import dev.gated.cli.output.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gated speech evaluate}: a saved classifier on FSDD's test part: accuracy, per speaker, confusion matrix. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Score a saved spoken-digit model on FSDD's test part (index 0-4).")
final class SpeechEvaluateCommand extends BaseCommand {

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "A model saved by 'gated speech train'.")
    Path model;

    @Option(names = "--data", paramLabel = "DIR", description = "FSDD's recordings/ folder (default: shared/data/fsdd/recordings).")
    Path data;

    @Override
    public Integer call() throws IOException {
        DigitClassifier classifier = DigitClassifier.load(model);
        Path dir = SpeechData.folder(data);
        FeatureSet test = SpeechData.testOnly(dir, classifier.features());
        double[][] p = classifier.probabilities(test.frames());
        int[][] confusion = new int[DigitClassifier.CLASSES][DigitClassifier.CLASSES];
        Map<String, int[]> perSpeaker = new TreeMap<>();
        int correct = 0;
        for (int i = 0; i < p.length; i++) {
            int predicted = DigitClassifier.argmax(p[i]);
            int actual = test.labels()[i];
            confusion[actual][predicted]++;
            int[] tally = perSpeaker.computeIfAbsent(test.recordings().get(i).speaker(), s -> new int[2]);
            tally[0] += predicted == actual ? 1 : 0;
            tally[1]++;
            correct += predicted == actual ? 1 : 0;
        }
        double accuracy = correct / (double) p.length;
        Map<String, Double> speakers = new LinkedHashMap<>();
        perSpeaker.forEach((s, t) -> speakers.put(s, t[0] / (double) t[1]));
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("command", "speech evaluate");
            doc.put("model", model.toString());
            doc.put("test", p.length);
            doc.put("accuracy", accuracy);
            doc.put("per_speaker", speakers);
            doc.put("confusion", confusion);
            Json.print(io().out(), doc);
            return 0;
        }
        io().out().printf(Locale.ROOT, "test accuracy: %.4f (%d of %d utterances)%n", accuracy, correct, p.length);
        speakers.forEach((s, a) -> io().out().printf(Locale.ROOT, "  %-10s %.4f%n", s, a));
        io().out().println("confusion (rows: spoken digit, columns: predicted):");
        io().out().println("      0   1   2   3   4   5   6   7   8   9");
        for (int d = 0; d < confusion.length; d++) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %d ", d));
            for (int v : confusion[d]) {
                line.append(String.format(Locale.ROOT, "%4d", v));
            }
            io().out().println(line);
        }
        return 0;
    }
}
