package dev.gated.studio.text;

import dev.gated.data.Dataset;
import dev.gated.model.Sequential;
import dev.gated.model.TrainingListener;
import dev.gated.studio.jobs.Evaluation;
import dev.gated.studio.jobs.Job;
import dev.gated.studio.jobs.Run;
import dev.gated.studio.spec.ModelSpec;
import dev.gated.text.Tokenizer;
import dev.gated.text.Vocabulary;
import dev.gated.text.classify.ClassLabels;
import dev.gated.text.classify.ClassificationMetrics;
import dev.gated.text.classify.LabelledTexts;
import dev.gated.text.classify.Split;
import dev.gated.text.classify.TextClassifier;
import dev.gated.text.classify.TextExperiment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Text tab's comparison: RNN, LSTM and/or GRU text classifiers on one labelled-text file, each a background job,
 * beside the majority class and a bag-of-words logistic regression, all on one seeded stratified split. The same
 * workflow as {@code gated text train} ({@link TextExperiment}): the same reader, split, vocabulary, network and
 * training, so the exported command reproduces a job's test accuracy.
 * <pre>
 *   rows ─ Split(seed, stratified, testFraction) ─► train / test
 *   baselines (made here, at once)       majority class; bag-of-words logistic regression
 *   each job   TextClassifier.create(train texts) ─► fit(train) ─► ClassificationMetrics on test
 * </pre>
 */
public final class TextRun extends Run {

    /** The settings shared by every network of the run (the per-network ones are in {@link ModelSpec}). */
    public record Settings(boolean bidirectional, int embedding, int maxLength, double testFraction, long seed) {
        public static final int MIN_COUNT = 2;
        public static final int MAX_WORDS = 10_000;
    }

    private final TextDataset dataset;
    private final LabelledTexts.Columns columns;
    private final String textColumn;
    private final String labelColumn;
    private final Settings settings;
    private final int rows;
    private final ClassLabels labels;
    private final List<String> trainTexts;
    private final int[] trainY;
    private final List<String> testTexts;
    private final int[] testY;
    private final List<TextExperiment.Result> baselines;
    private final long bagOfWordsParameters;
    private final String split;
    private final String majority;
    private final Map<Sequential, TextClassifier> classifiers = new ConcurrentHashMap<>();
    private final Map<Sequential, ClassificationMetrics> scores = new ConcurrentHashMap<>();

    /**
     * @param textColumn  the text column as the command line names it (header name or 1-based number)
     * @param labelColumn the label column, likewise
     */
    public TextRun(String id, TextDataset dataset, List<LabelledTexts.Row> rows, LabelledTexts.Columns columns,
                   String textColumn, String labelColumn, Settings settings) {
        super(id);
        this.dataset = dataset;
        this.columns = columns;
        this.textColumn = textColumn;
        this.labelColumn = labelColumn;
        this.settings = settings;
        this.rows = rows.size();
        List<String> names = rows.stream().map(LabelledTexts.Row::label).toList();
        this.labels = ClassLabels.of(names);
        int[] y = labels.encode(names);
        Split s = Split.of(y, labels.size(), settings.testFraction(), true, settings.seed());
        this.trainTexts = TextExperiment.pickTexts(rows, s.train());
        this.trainY = TextExperiment.pickLabels(y, s.train());
        this.testTexts = TextExperiment.pickTexts(rows, s.test());
        this.testY = TextExperiment.pickLabels(y, s.test());
        this.baselines = TextExperiment.baselines(trainTexts, trainY, testTexts, testY, labels);
        List<List<String>> tokens = trainTexts.stream().map(Tokenizer::tokenize).toList();
        this.bagOfWordsParameters = (long) labels.size() * (Vocabulary.build(tokens).size() - 1);
        this.split = TextExperiment.describe(settings.testFraction(), true, settings.seed(), rows);
        this.majority = labels.name(TextExperiment.majority(trainY, labels.size()));
    }

    /** The network's hyper-parameters for one job. */
    public TextClassifier.Config config(ModelSpec spec) {
        return new TextClassifier.Config(spec.kind(), settings.bidirectional(), settings.embedding(), spec.units(),
                spec.epochs(), spec.batch(), spec.lr(), settings.maxLength(), Settings.MAX_WORDS, Settings.MIN_COUNT,
                settings.seed());
    }

    @Override
    public String label(ModelSpec spec) {
        return config(spec).describe();
    }

    @Override
    public String type() {
        return "text";
    }

    @Override
    public String title() {
        return dataset.name() + ": text \"" + textColumn + "\", label \"" + labelColumn + "\", " + labels.size()
                + " classes, " + trainY.length + " train / " + testY.length + " test";
    }

    public TextDataset dataset() {
        return dataset;
    }

    public LabelledTexts.Columns columns() {
        return columns;
    }

    public String textColumn() {
        return textColumn;
    }

    public String labelColumn() {
        return labelColumn;
    }

    public Settings settings() {
        return settings;
    }

    public ClassLabels labels() {
        return labels;
    }

    public int rows() {
        return rows;
    }

    public int trainSize() {
        return trainY.length;
    }

    public int testSize() {
        return testY.length;
    }

    /** The baselines, scored on the test part: majority class, bag-of-words logistic regression. */
    public List<TextExperiment.Result> baselines() {
        return baselines;
    }

    public long bagOfWordsParameters() {
        return bagOfWordsParameters;
    }

    @Override
    public int[] inputShape() {
        return new int[] {settings.maxLength(), 1};
    }

    @Override
    public int outputs() {
        return labels.size() == 2 ? 1 : labels.size();
    }

    @Override
    public Sequential network(ModelSpec spec) {
        return (Sequential) TextClassifier.create(trainTexts, labels, config(spec)).model();
    }

    /** Trains a {@link TextClassifier} as {@code gated text train} does; the listener hears every batch and epoch. */
    @Override
    public Sequential train(ModelSpec spec, TrainingListener listener) {
        TextClassifier.Config config = config(spec);
        TextClassifier classifier = TextClassifier.create(trainTexts, labels, config);
        Sequential model = (Sequential) classifier.model();
        Map<String, String> meta = model.metadata();
        meta.put("text.split", split);
        meta.put("text.majority", majority);
        meta.put("text.columns", "text=" + textColumn + "\nlabel=" + labelColumn + "\nheader=" + columns.header());
        meta.put("text.data", dataset.file().toString());
        classifiers.put(model, classifier);
        classifier.fit(trainTexts, trainY, config, listener);
        return model;
    }

    /** The classifier a job trained (null until its training began). */
    public TextClassifier classifier(Job job) {
        return job.model() == null ? null : classifiers.get(job.model());
    }

    /** The test metrics of a job (null until it has a model). */
    public ClassificationMetrics metrics(Job job) {
        return job.model() == null ? null : scores.get(job.model());
    }

    @Override
    public Evaluation evaluate(Sequential model) {
        TextClassifier classifier = classifiers.get(model);
        ClassificationMetrics m;
        synchronized (model) {
            m = ClassificationMetrics.of(testY, classifier.predictProbabilities(testTexts), labels.size());
        }
        scores.put(model, m);
        Map<String, Map<String, Double>> metrics = new LinkedHashMap<>();
        metrics.put("test", measures(m));
        return new Evaluation(metrics, Map.of());
    }

    /** accuracy, macro_f1 and (two classes) roc_auc. */
    static Map<String, Double> measures(ClassificationMetrics m) {
        Map<String, Double> t = new LinkedHashMap<>();
        t.put("accuracy", m.accuracy());
        t.put("macro_f1", m.macroF1());
        if (Double.isFinite(m.rocAuc())) {
            t.put("roc_auc", m.rocAuc());
        }
        return t;
    }

    @Override
    public String bestKey() {
        return "accuracy";
    }

    @Override
    public boolean higherIsBetter() {
        return true;
    }

    @Override
    public Dataset trainData() {
        throw noWindows();
    }

    @Override
    public Dataset validationData() {
        return null;
    }

    @Override
    public Dataset part(String name) {
        throw noWindows();
    }

    @Override
    public Dataset probeBatch() {
        throw noWindows();
    }

    private static IllegalArgumentException noWindows() {
        return new IllegalArgumentException("a text classifier reads sentences, not windows: look inside it with the "
                + "Text tab's Inspect (type a sentence)");
    }

    @Override
    public List<Map<String, Object>> baselineRows() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (TextExperiment.Result r : baselines) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("model", r.name().startsWith("majority") ? "majority" : "bag-of-words");
            row.put("label", r.name());
            row.put("type", "baseline");
            row.put("params", r.name().startsWith("majority") ? 0 : bagOfWordsParameters);
            row.put("train_seconds", r.seconds());
            row.put("test", measures(r.metrics()));
            out.add(row);
        }
        return out;
    }

    @Override
    public List<String> notes() {
        return List.of(String.format(Locale.ROOT, "%,d rows, classes %s; stratified split by seed %d: %,d train, %,d test",
                rows, labels.names(), settings.seed(), trainY.length, testY.length),
                "every network: Embedding(" + settings.embedding() + ", words seen ≥ " + Settings.MIN_COUNT
                        + " times in the training part) → recurrent layer → Dense, Adam; the last " + settings.maxLength()
                        + " words of a longer text are kept");
    }
}
