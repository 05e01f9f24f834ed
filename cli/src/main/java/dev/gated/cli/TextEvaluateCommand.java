package dev.gated.cli;

import dev.gated.cli.output.Json;
import dev.gated.text.classify.ClassificationMetrics;
import dev.gated.text.classify.LabelledTexts;
import dev.gated.text.classify.Split;
import dev.gated.text.classify.TextClassifier;
import dev.gated.text.classify.TextExperiment;
import dev.gated.text.classify.TextExperiment.Result;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gated text evaluate}: scores a saved text classifier. On the data it was trained on (same rows) it re-makes
 * the split and scores the test part beside both baselines trained on the training part; on other data it scores
 * every row beside the majority class of the training part (saved in the model); the bag-of-words baseline
 * cannot be trained there, as the model file holds no training rows.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false, description = {
        "Score a saved text classifier on a CSV/TSV file: accuracy, macro-F1, ROC AUC (2 classes), confusion matrix.",
        "Example: gated text evaluate --model reviews.gated --data reviews.csv"})
final class TextEvaluateCommand extends BaseCommand {

    @Option(names = {"--model", "-m"}, required = true, paramLabel = "MODEL_FILE", description = "A model written by gated text train.")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "CSV/TSV file(s) with the text and label columns.")
    List<Path> data;

    @Option(names = "--text", paramLabel = "COLUMN", description = "The text column (default: the one the model was trained on).")
    String text;

    @Option(names = "--label", paramLabel = "COLUMN", description = "The label column (default: the one the model was trained on).")
    String label;

    @Option(names = "--no-header", description = "The file has no header line (default: as in training).")
    Boolean noHeader;

    @Override
    public Integer call() throws Exception {
        FileGuard.input(model, "--model");
        for (Path f : data) {
            FileGuard.input(f, "--data");
        }
        TextClassifier classifier = TextClassifier.load(model);
        Map<String, String> saved = new HashMap<>();
        for (String kv : classifier.model().metadata().getOrDefault("text.columns", "").split("\n")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                saved.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        String textColumn = text != null ? text : saved.get("text");
        String labelColumn = label != null ? label : saved.get("label");
        boolean header = noHeader != null ? !noHeader : Boolean.parseBoolean(saved.getOrDefault("header", "true"));
        if (textColumn == null || labelColumn == null) {
            throw usage("name the columns with --text and --label (the model file does not record them)");
        }
        List<LabelledTexts.Row> rows = steps().run("reading " + data, () -> LabelledTexts.read(data,
                new LabelledTexts.Columns(textColumn, labelColumn, header)));
        for (LabelledTexts.Row r : rows) {
            if (!classifier.labels().contains(r.label())) {
                throw new IllegalArgumentException(r.line() + ": label '" + r.label() + "' is not one of the model's classes "
                        + classifier.labels().names());
            }
        }
        int[] y = classifier.labels().encode(rows.stream().map(LabelledTexts.Row::label).toList());
        Split split = TextExperiment.splitOf(classifier, rows);
        List<Result> results = new ArrayList<>();
        int[] testRows;
        String scope;
        if (split != null) {
            testRows = split.test();
            scope = "the test part of the training split (" + testRows.length + " of " + rows.size() + " rows)";
            results.addAll(TextExperiment.baselines(TextExperiment.pickTexts(rows, split.train()),
                    TextExperiment.pickLabels(y, split.train()), TextExperiment.pickTexts(rows, testRows),
                    TextExperiment.pickLabels(y, testRows), classifier.labels()));
        } else {
            testRows = java.util.stream.IntStream.range(0, rows.size()).toArray();
            scope = "all " + rows.size() + " rows (not the rows the model was split on, so rows it trained on may be among them; "
                    + "the bag-of-words baseline needs a training part: evaluate on the training data to see it)";
        }
        long start = System.nanoTime();
        int[] testY = TextExperiment.pickLabels(y, testRows);
        if (split == null) {
            Result majority = TextExperiment.savedMajority(classifier, testY);
            if (majority != null) {
                results.add(majority);
            }
        }
        double[][] p = classifier.predictProbabilities(TextExperiment.pickTexts(rows, testRows));
        String name = classifier.model().metadata().getOrDefault("text.model", "model");
        results.add(new Result(name, ClassificationMetrics.of(testY, p, classifier.labels().size()),
                (System.nanoTime() - start) / 1e9, classifier));
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("command", "text evaluate");
            doc.put("model_file", model.toString());
            doc.put("classes", classifier.labels().names());
            doc.put("scope", split != null ? "test_part" : "all_rows");
            doc.put("rows", testRows.length);
            doc.put("results", TextCommand.rows(results));
            Json.print(io().out(), doc);
        } else {
            say("model " + model + ": " + name + ", classes " + classifier.labels().names() + "; scored on " + scope);
            say(TextCommand.table(results).stripTrailing());
            say(TextCommand.confusion(name, results.get(results.size() - 1).metrics().confusion(), classifier.labels())
                    .stripTrailing());
        }
        return 0;
    }
}
