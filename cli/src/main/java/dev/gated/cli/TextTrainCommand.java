package dev.gated.cli;

import dev.gated.cli.output.Json;
import dev.gated.text.classify.LabelledTexts;
import dev.gated.text.classify.TextClassifier;
import dev.gated.text.classify.TextExperiment;
import dev.gated.text.classify.TextExperiment.Report;
import dev.gated.text.classify.TextExperiment.Result;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gated text train}: reads a text column and a label column, splits by seed, trains the chosen recurrent
 * model(s) beside the majority class and a bag-of-words logistic regression, prints the test table, saves the model.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false, description = {
        "Train a text classifier (Embedding → RNN/LSTM/GRU → Dense) on a CSV/TSV file, beside two baselines.",
        "Example: gated text train --data reviews.csv --text review --label stars --model lstm --out reviews.gated",
        "Headerless TSV: gated text train --data shared/data/sentiment-labelled-sentences/imdb_labelled.txt "
                + "--no-header --text 1 --label 2 --model gru"})
final class TextTrainCommand extends BaseCommand {

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "CSV (.csv) or TSV (.tsv, .tab, .txt) "
            + "file; repeat to read several files with the same columns.")
    List<Path> data;

    @Option(names = "--text", required = true, paramLabel = "COLUMN", description = "The text column: header name or 1-based number.")
    String text;

    @Option(names = "--label", required = true, paramLabel = "COLUMN", description = "The label column (any number of classes).")
    String label;

    @Option(names = "--no-header", description = "The file has no header line: name columns by number.")
    boolean noHeader;

    @Option(names = "--model", defaultValue = "lstm", split = ",", paramLabel = "lstm|gru|rnn",
            description = "Recurrent layer; a comma list (lstm,gru,rnn) compares them (default: ${DEFAULT-VALUE}).")
    List<String> models;

    @Option(names = "--bidirectional", description = "Wrap the recurrent layer in Bidirectional (concatenated).")
    boolean bidirectional;

    @Option(names = "--epochs", defaultValue = "8", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--units", defaultValue = "32", description = "Recurrent units (default: ${DEFAULT-VALUE}).")
    int units;

    @Option(names = "--embedding", defaultValue = "32", description = "Embedding size (default: ${DEFAULT-VALUE}).")
    int embedding;

    @Option(names = "--batch", defaultValue = "32", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--learning-rate", defaultValue = "0.005", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--max-length", defaultValue = "100", description = "Keep the last N words of a longer text (default: ${DEFAULT-VALUE}).")
    int maxLength;

    @Option(names = "--min-count", defaultValue = "2", description = "Words seen fewer times in the training part "
            + "become unknown (default: ${DEFAULT-VALUE}).")
    int minCount;

    @Option(names = "--max-words", defaultValue = "10000", description = "Vocabulary size cap (default: ${DEFAULT-VALUE}).")
    int maxWords;

    @Option(names = "--test-fraction", defaultValue = "0.2", description = "Share of rows held out (default: ${DEFAULT-VALUE}).")
    double testFraction;

    @Option(names = "--no-stratify", description = "Plain shuffled split instead of one stratified by label.")
    boolean noStratify;

    @Option(names = "--seed", defaultValue = "42", description = "Seed for the split, the weights and the batches (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "MODEL_FILE", description = "Save the model (one --model only).")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (out != null && models.size() != 1) {
            throw usage("--out saves one model but --model names " + models.size() + " (" + String.join(",", models)
                    + ") — train one to save it, or drop --out to compare");
        }
        List<TextClassifier.Config> configs = new ArrayList<>();
        for (String m : models) {
            try {
                configs.add(new TextClassifier.Config(m.trim().toLowerCase(Locale.ROOT), bidirectional, embedding, units,
                        epochs, batch, learningRate, maxLength, maxWords, minCount, seed));
            } catch (IllegalArgumentException e) {
                throw usage("--" + e.getMessage());
            }
        }
        for (Path f : data) {
            FileGuard.input(f, "--data");
        }
        if (out != null) {
            FileGuard.output(out, "--out", data.toArray(Path[]::new));
            OutputLock.acquire(out, "--out");
        }
        LabelledTexts.Columns columns = new LabelledTexts.Columns(text, label, !noHeader);
        List<LabelledTexts.Row> rows = steps().run("reading " + data, () -> LabelledTexts.read(data, columns));
        Report report = TextExperiment.run(rows, testFraction, !noStratify, configs,
                line -> { if (!json) io().err().println(line); });
        say(String.format(Locale.ROOT, "%,d rows, %d classes %s; split %s by seed %d: %,d train, %,d test",
                rows.size(), report.labels().size(), report.labels().names(), noStratify ? "shuffled" : "stratified",
                seed, report.split().train().length, report.split().test().length));
        say("test part (* = best accuracy):");
        say(TextCommand.table(report.results()).stripTrailing());
        Result last = report.results().get(report.results().size() - 1);
        for (Result r : report.results().subList(1, report.results().size())) {
            say(TextCommand.confusion(r.name(), r.metrics().confusion(), report.labels()).stripTrailing());
        }
        if (out != null) {
            Map<String, String> meta = last.classifier().model().metadata();
            meta.put("text.columns", "text=" + text + "\nlabel=" + label + "\nheader=" + !noHeader);
            meta.put("text.data", String.join("\n", data.stream().map(Path::toString).toList()));
            try (Outputs outputs = new Outputs()) {
                outputs.write("--out", out, last.classifier()::save);
                outputs.publish();
            }
            say("saved " + out + " (vocabulary " + last.classifier().vocabulary().size() + " entries, classes "
                    + report.labels().names() + ")");
        }
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("command", "text train");
            doc.put("data", data.stream().map(Path::toString).toList());
            doc.put("rows", rows.size());
            doc.put("classes", report.labels().names());
            doc.put("split", noStratify ? "shuffled" : "stratified");
            doc.put("seed", seed);
            doc.put("train", report.split().train().length);
            doc.put("test", report.split().test().length);
            doc.put("epochs", epochs);
            doc.put("results", TextCommand.rows(report.results()));
            if (out != null) {
                doc.put("out", out.toString());
            }
            Json.print(io().out(), doc);
        }
        return 0;
    }
}
