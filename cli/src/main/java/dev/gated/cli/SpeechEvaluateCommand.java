package dev.gated.cli;

import dev.gated.audio.ConnectedDigits;
import dev.gated.audio.DigitClassifier;
import dev.gated.audio.DigitTranscriber;
import dev.gated.audio.FeatureSet;
import dev.gated.audio.FeatureSettings;
import dev.gated.audio.LabelTable;
import dev.gated.audio.SpokenDigits;
import dev.gated.audio.TranscriptionScore;
import dev.gated.cli.output.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gated speech evaluate}: a saved model on FSDD's test part — a one-digit classifier's accuracy, per speaker and
 * confusion matrix, or a CTC transcriber's digit error rate and string accuracy on strings of test clips, greedy and beam.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Score a saved spoken-digit model (train) or transcriber (train-ctc) on FSDD's test part (index 0-4).")
final class SpeechEvaluateCommand extends BaseCommand {

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "A model saved by 'gated speech train'.")
    Path model;

    @Option(names = "--data", paramLabel = "DIR", description = "FSDD's recordings/ folder (default: shared/data/fsdd/recordings).")
    Path data;

    @Option(names = "--labels", paramLabel = "from-filename|FILE.csv", description = "Classifier only: score the test rows "
            + "of this CSV of file,label[,split] (as for train) instead of FSDD's test part by file name.")
    String labels;

    @Option(names = "--test-strings", defaultValue = "500", paramLabel = "N",
            description = "Transcriber only: test strings of 2-7 test clips, the same ones train-ctc scores (default: ${DEFAULT-VALUE}).")
    int testStrings;

    @Option(names = "--snr", defaultValue = "30", paramLabel = "DB",
            description = "Transcriber only: noise in the test strings, in dB (default: ${DEFAULT-VALUE}).")
    double snr;

    @Option(names = "--beam", defaultValue = "8", paramLabel = "N",
            description = "Transcriber only: prefix beam width, scored beside greedy decoding (default: ${DEFAULT-VALUE}).")
    int beam;

    @Override
    public Integer call() throws Exception {
        FileGuard.input(model, "--model");
        if (DigitTranscriber.isTranscriber(model)) {
            return transcriber();
        }
        DigitClassifier classifier = DigitClassifier.load(model);
        Path dir = SpeechData.folder(data);
        Path csv = SpeechData.labelTable(labels);
        FeatureSet test = csv == null ? SpeechData.testOnly(dir, classifier.features())
                : testRows(LabelTable.read(dir, csv), csv, classifier.classes(), classifier.features());
        double[][] p = classifier.probabilities(test.frames());
        List<String> names = classifier.classes();
        int[][] confusion = new int[names.size()][names.size()];
        Map<String, int[]> perSpeaker = new TreeMap<>();
        int correct = 0;
        for (int i = 0; i < p.length; i++) {
            int predicted = DigitClassifier.argmax(p[i]);
            int actual = test.labels()[i];
            confusion[actual][predicted]++;
            String group = csv == null ? test.recordings().get(i).speaker() : names.get(actual);
            int[] tally = perSpeaker.computeIfAbsent(group, s -> new int[2]);
            tally[0] += predicted == actual ? 1 : 0;
            tally[1]++;
            correct += predicted == actual ? 1 : 0;
        }
        double accuracy = correct / (double) p.length;
        Map<String, Double> speakers = new LinkedHashMap<>();
        perSpeaker.forEach((s, t) -> speakers.put(s, t[0] / (double) t[1]));
        String groups = csv == null ? "per_speaker" : "per_class";
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("command", "speech evaluate");
            doc.put("model", model.toString());
            doc.put("test", p.length);
            doc.put("accuracy", accuracy);
            doc.put(groups, speakers);
            doc.put("classes", names);
            doc.put("confusion", confusion);
            Json.print(io().out(), doc);
            return 0;
        }
        io().out().printf(Locale.ROOT, "test accuracy: %.4f (%d of %d utterances)%n", accuracy, correct, p.length);
        speakers.forEach((s, a) -> io().out().printf(Locale.ROOT, "  %-10s %.4f%n", s, a));
        int width = Math.max(3, names.stream().mapToInt(String::length).max().orElse(1));
        io().out().println("confusion (rows: actual class, columns: predicted):");
        StringBuilder header = new StringBuilder(" ".repeat(width + 3));
        names.forEach(n -> header.append(String.format(Locale.ROOT, " %" + width + "s", n)));
        io().out().println(header);
        for (int d = 0; d < confusion.length; d++) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-" + width + "s ", names.get(d)));
            for (int v : confusion[d]) {
                line.append(String.format(Locale.ROOT, " %" + width + "d", v));
            }
            io().out().println(line);
        }
        return 0;
    }

    /** The table's test rows with labels as the model's class indices; a class the model does not know is refused. */
    private static FeatureSet testRows(LabelTable table, Path csv, List<String> modelClasses, FeatureSettings settings) throws IOException {
        List<SpokenDigits.Recording> test = new ArrayList<>();
        for (LabelTable.Row row : table.rows()) {
            if (!row.test()) {
                continue;
            }
            String name = table.classes().get(row.label());
            int k = modelClasses.indexOf(name);
            if (k < 0) {
                throw new IllegalArgumentException(csv + ":" + row.line() + ":2: the label '" + name + "' is not one of the model's "
                        + "classes " + modelClasses);
            }
            test.add(SpokenDigits.Recording.labelled(row.file(), k));
        }
        if (test.isEmpty()) {
            throw new IllegalArgumentException(csv + ": no test rows — mark some with a third column 'test'");
        }
        return FeatureSet.compute(test, settings);
    }

    private int transcriber() throws Exception {
        if (beam < 1) {
            throw usage("--beam: expected a width of at least 1 but found " + beam);
        }
        DigitTranscriber transcriber = DigitTranscriber.load(model);
        List<ConnectedDigits.Utterance> test = SpeechData.strings(SpeechData.folder(data), Integer.MAX_VALUE, true, testStrings,
                snr, SpeechData.TEST_STRINGS_SEED, transcriber.features().sampleRate());
        Scores scores = steps().run("scoring the test strings", () -> Scores.of(transcriber, test, beam));
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("command", "speech evaluate");
            doc.put("model", model.toString());
            doc.put("test_strings", test.size());
            doc.putAll(scores.toJson());
            Json.print(io().out(), doc);
        } else {
            scores.print(io().out());
        }
        return 0;
    }

    /** A transcriber's test scores, greedy and beam, and a few of its mistakes. */
    record Scores(TranscriptionScore greedy, TranscriptionScore beam, int width, double msPerString, List<String> mistakes) {

        static Scores of(DigitTranscriber transcriber, List<ConnectedDigits.Utterance> test, int width) {
            long start = System.nanoTime();
            List<DigitTranscriber.Transcript> t = transcriber.transcribe(ConnectedDigits.features(test, transcriber.features()), width);
            double ms = (System.nanoTime() - start) / 1e6 / test.size();
            List<int[]> refs = ConnectedDigits.digits(test);
            List<String> mistakes = new ArrayList<>();
            for (int i = 0; i < test.size() && mistakes.size() < 5; i++) {
                if (!java.util.Arrays.equals(refs.get(i), t.get(i).beam())) {
                    mistakes.add(test.get(i).text() + " heard as " + ConnectedDigits.text(t.get(i).beam()));
                }
            }
            return new Scores(TranscriptionScore.of(refs, t.stream().map(DigitTranscriber.Transcript::greedy).toList()),
                    TranscriptionScore.of(refs, t.stream().map(DigitTranscriber.Transcript::beam).toList()), width, ms, mistakes);
        }

        Map<String, Object> toJson() {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("test_digits", greedy.reference());
            doc.put("der_greedy", greedy.digitErrorRate());
            doc.put("string_accuracy_greedy", greedy.stringAccuracy());
            doc.put("beam", width);
            doc.put("der_beam", beam.digitErrorRate());
            doc.put("string_accuracy_beam", beam.stringAccuracy());
            doc.put("ms_per_string", msPerString);
            doc.put("mistakes", mistakes);
            return doc;
        }

        void print(PrintStream out) {
            out.printf(Locale.ROOT, "%d test strings, %d digits (predicting nothing: DER 1.0000)%n", greedy.strings(), greedy.reference());
            out.printf(Locale.ROOT, "  greedy:    DER %.4f (%d errors), string accuracy %.4f%n", greedy.digitErrorRate(),
                    greedy.errors(), greedy.stringAccuracy());
            out.printf(Locale.ROOT, "  beam %-4d  DER %.4f (%d errors), string accuracy %.4f%n", width, beam.digitErrorRate(),
                    beam.errors(), beam.stringAccuracy());
            out.printf(Locale.ROOT, "  %.2f ms per string (features, model, both decodings)%n", msPerString);
            for (String m : mistakes) {
                out.println("  e.g. " + m);
            }
        }
    }
}
