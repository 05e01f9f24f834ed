package dev.gated.text.classify;

import dev.gated.text.Tokenizer;
import dev.gated.text.Vocabulary;
import java.util.ArrayList;
import java.util.List;

/**
 * The text-classification workflow on a user's labelled rows, every model beside two baselines on the same
 * seeded split:
 * <pre>
 *   rows ─ Split(seed, stratified?) ─► train / test
 *   majority class            (the most frequent training label; ties: the lowest index)
 *   bag-of-words logistic regression  (vocabulary from train, all words, C = 1)
 *   each recurrent model      (vocabulary from train: words seen ≥ minCount times)
 *   ─► accuracy, macro-F1, ROC AUC (2 classes), confusion matrix on the test part
 * </pre>
 */
public final class TextExperiment {

    /** One row of the results table. */
    public record Result(String name, ClassificationMetrics metrics, double seconds, TextClassifier classifier) {
    }

    /** The split and the results, baselines first. */
    public record Report(ClassLabels labels, Split split, List<Result> results) {
    }

    private TextExperiment() {
    }

    /** Reports each step (baseline or model, epoch) as it finishes; may be null. */
    public interface Progress {
        void message(String line);
    }

    public static Report run(List<LabelledTexts.Row> rows, double testFraction, boolean stratified,
                             List<TextClassifier.Config> models, Progress progress) {
        List<String> names = rows.stream().map(LabelledTexts.Row::label).toList();
        ClassLabels labels = ClassLabels.of(names);
        int[] y = labels.encode(names);
        long seed = models.isEmpty() ? 42 : models.get(0).seed();
        Split split = Split.of(y, labels.size(), testFraction, stratified, seed);
        List<String> trainTexts = pick(rows, split.train());
        List<String> testTexts = pick(rows, split.test());
        int[] trainY = pick(y, split.train());
        int[] testY = pick(y, split.test());
        List<Result> results = baselines(trainTexts, trainY, testTexts, testY, labels);
        say(progress, "baselines: majority class and bag-of-words logistic regression done");

        for (TextClassifier.Config config : models) {
            long start = System.nanoTime();
            TextClassifier classifier = TextClassifier.train(trainTexts, trainY, labels, config,
                    (epoch, loss, s) -> say(progress, String.format(java.util.Locale.ROOT,
                            "%s epoch %d/%d: loss %.4f (%.1f s)", config.describe(), epoch + 1, config.epochs(), loss, s)));
            classifier.model().metadata().put("text.split", describe(testFraction, stratified, seed, rows));
            classifier.model().metadata().put("text.majority", labels.name(majority(trainY, labels.size())));
            double[][] p = classifier.predictProbabilities(testTexts);
            results.add(new Result(config.describe(), ClassificationMetrics.of(testY, p, labels.size()), seconds(start),
                    classifier));
        }
        return new Report(labels, split, results);
    }

    /** How a split was made, as saved in a model's metadata ({@code text.split}) and read by {@link #splitOf}. */
    public static String describe(double testFraction, boolean stratified, long seed, List<LabelledTexts.Row> rows) {
        return "seed=" + seed + " test_fraction=" + testFraction + " stratified=" + stratified + " rows=" + rows.size()
                + " sha256=" + digest(rows);
    }

    /** SHA-256 of the rows' texts and labels in order: whether evaluation data is the training data. */
    static String digest(List<LabelledTexts.Row> rows) {
        try {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            for (LabelledTexts.Row r : rows) {
                md.update((r.text() + "\u0000" + r.label() + "\u0000").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            return java.util.HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The split a model was trained with, re-made on {@code rows} when they are the rows it was split on (same
     * texts and labels in the same order, by SHA-256); null when the model has no split or the rows differ.
     */
    public static Split splitOf(TextClassifier classifier, List<LabelledTexts.Row> rows) {
        String saved = classifier.model().metadata().get("text.split");
        if (saved == null) {
            return null;
        }
        java.util.Map<String, String> kv = new java.util.HashMap<>();
        for (String part : saved.split(" ")) {
            int eq = part.indexOf('=');
            kv.put(part.substring(0, eq), part.substring(eq + 1));
        }
        if (Integer.parseInt(kv.get("rows")) != rows.size() || !digest(rows).equals(kv.get("sha256"))) {
            return null;
        }
        int[] y = classifier.labels().encode(rows.stream().map(LabelledTexts.Row::label).toList());
        return Split.of(y, classifier.labels().size(), Double.parseDouble(kv.get("test_fraction")),
                Boolean.parseBoolean(kv.get("stratified")), Long.parseLong(kv.get("seed")));
    }

    /**
     * The majority-class baseline for rows outside the training data: the class the model's training part held
     * most ({@code text.majority} in its metadata), or null for a model saved without it.
     */
    public static Result savedMajority(TextClassifier classifier, int[] testY) {
        String name = classifier.model().metadata().get("text.majority");
        if (name == null || !classifier.labels().contains(name)) {
            return null;
        }
        double[][] p = new double[testY.length][classifier.labels().size()];
        for (double[] row : p) {
            row[classifier.labels().indexOf(name)] = 1;
        }
        return new Result("majority class of the training part ('" + name + "')",
                ClassificationMetrics.of(testY, p, classifier.labels().size()), 0, null);
    }

    /** The majority class and bag-of-words logistic regression, trained on the training part, scored on the test part. */
    public static List<Result> baselines(List<String> trainTexts, int[] trainY, List<String> testTexts, int[] testY,
                                         ClassLabels labels) {
        List<Result> results = new ArrayList<>();
        long start = System.nanoTime();
        int majority = majority(trainY, labels.size());
        double[][] constant = new double[testY.length][labels.size()];
        double[] trainShare = new double[labels.size()];
        for (int c : trainY) {
            trainShare[c] += 1.0 / trainY.length;
        }
        for (double[] row : constant) {
            System.arraycopy(trainShare, 0, row, 0, row.length); // argmax = majority; AUC 0.5 (all tied)
        }
        results.add(new Result("majority class ('" + labels.name(majority) + "')",
                ClassificationMetrics.of(testY, constant, labels.size()), seconds(start), null));

        start = System.nanoTime();
        List<List<String>> trainTokens = trainTexts.stream().map(Tokenizer::tokenize).toList();
        BagOfWordsLogisticRegression bow = BagOfWordsLogisticRegression.fit(trainTokens, trainY, labels.size(),
                Vocabulary.build(trainTokens));
        double[][] bowP = bow.predictProbabilities(testTexts.stream().map(Tokenizer::tokenize).toList());
        results.add(new Result("bag-of-words logistic regression",
                ClassificationMetrics.of(testY, bowP, labels.size()), seconds(start), null));
        return results;
    }

    public static List<String> pickTexts(List<LabelledTexts.Row> rows, int[] indices) {
        return pick(rows, indices);
    }

    public static int[] pickLabels(int[] y, int[] indices) {
        return pick(y, indices);
    }

    /** The most frequent class index of {@code y} (ties: the lowest index). */
    public static int majority(int[] y, int classes) {
        int[] counts = new int[classes];
        for (int c : y) {
            counts[c]++;
        }
        int best = 0;
        for (int k = 1; k < classes; k++) {
            if (counts[k] > counts[best]) {
                best = k;
            }
        }
        return best;
    }

    private static void say(Progress progress, String line) {
        if (progress != null) {
            progress.message(line);
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static List<String> pick(List<LabelledTexts.Row> rows, int[] indices) {
        List<String> out = new ArrayList<>(indices.length);
        for (int i : indices) {
            out.add(rows.get(i).text());
        }
        return out;
    }

    private static int[] pick(int[] y, int[] indices) {
        int[] out = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            out[i] = y[indices[i]];
        }
        return out;
    }
}
