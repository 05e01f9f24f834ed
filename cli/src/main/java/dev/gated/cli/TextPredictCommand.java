package dev.gated.cli;

import dev.gated.cli.output.Json;
import dev.gated.text.classify.ClassificationMetrics;
import dev.gated.text.classify.TextClassifier;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gated text predict}: the class and class probabilities of each text (from --text, or stdin lines). */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false, description = {
        "Classify texts with a saved text classifier: one per --text, or one per line of standard input.",
        "Example: echo 'Great phone, works well' | gated text predict --model reviews.gated"})
final class TextPredictCommand extends BaseCommand {

    @Option(names = {"--model", "-m"}, required = true, paramLabel = "MODEL_FILE", description = "A model written by gated text train.")
    Path model;

    @Option(names = "--text", paramLabel = "TEXT", description = "A text to classify (repeatable); without it, read standard input.")
    List<String> texts;

    @Override
    public Integer call() throws Exception {
        FileGuard.input(model, "--model");
        TextClassifier classifier = TextClassifier.load(model);
        List<String> input = texts != null ? texts : readLines();
        if (input.isEmpty()) {
            throw usage("no text to classify: pass --text or lines on standard input");
        }
        double[][] p = classifier.predictProbabilities(input);
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < input.size(); i++) {
            int k = ClassificationMetrics.argmax(p[i]);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("text", input.get(i));
            row.put("label", classifier.labels().name(k));
            Map<String, Double> probs = new LinkedHashMap<>();
            for (int c = 0; c < p[i].length; c++) {
                probs.put(classifier.labels().name(c), p[i][c]);
            }
            row.put("probabilities", probs);
            out.add(row);
            say(String.format(Locale.ROOT, "%s\t%.3f\t%s", classifier.labels().name(k), p[i][k], input.get(i)));
        }
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("command", "text predict");
            doc.put("model_file", model.toString());
            doc.put("classes", classifier.labels().names());
            doc.put("predictions", out);
            Json.print(io().out(), doc);
        }
        return 0;
    }

    private List<String> readLines() throws java.io.IOException {
        List<String> lines = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = reader.readLine()) != null; ) {
            if (!line.isBlank()) {
                lines.add(line);
            }
        }
        return lines;
    }
}
