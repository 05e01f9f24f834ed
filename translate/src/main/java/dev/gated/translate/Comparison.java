package dev.gated.translate;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The comparison table: every model row trained under one budget on one split, beside the baselines.
 *
 * <pre>
 * file ─ ParallelCorpus ─ CorpusSplit(test 10 %, seed, length limits) ─ sample(train, budget.trainSentences)
 *   for each spec: Translator.train(epochs) ─ greedy translate(test) ─ Scores; minutes, parameters, sentences/s
 *   baselines: copy, most frequent, retrieval (on the same sampled training part)
 * </pre>
 */
public final class Comparison {

    /** One fixed budget for every row. */
    public record Budget(int trainSentences, int testSentences, int maxSourceChars, int maxTargetChars, int epochs,
                         int embedding, int units, long seed) {
    }

    /**
     * One row of the table; {@code parameters}, {@code trainMinutes} and the speeds are 0 for baselines.
     * {@code sentencesPerSecond}: greedy, the test sentences as one batch; {@code beamSentencesPerSecond}: beam
     * search of width {@link #BEAM}, one sentence at a time (k rows per step).
     */
    public record Row(String name, Scores scores, long parameters, double trainMinutes, double sentencesPerSecond,
                      double beamSentencesPerSecond, double finalLoss, List<String> samples, String epochs) {
    }

    /** The beam width whose speed the table gives. */
    public static final int BEAM = 5;

    public record Table(String corpus, int train, int test, Budget budget, TrainingOptions options, List<Row> rows, List<Example> examples) {

        public String markdown() {
            StringBuilder out = new StringBuilder();
            out.append(String.format(Locale.ROOT, "%s: %d training sentences, %d test sentences (sources ≤ %d chars, targets ≤ %d), "
                    + "%s tokens%s, %s epochs, batch %d, Adam %s, E = %d, H = %d, seed %d%s%n%n", corpus, train, test, budget.maxSourceChars(),
                    budget.maxTargetChars(), options.tokens(), options.tokens().equals("bpe") ? " (" + options.bpeMerges() + " merges)" : "",
                    (options.validates() ? "at most " : "") + budget.epochs(), options.batchSize(), options.learningRate(), budget.embedding(),
                    budget.units(), budget.seed(), !options.validates() ? "" : String.format(Locale.ROOT, "; validation: %.3g of the training "
                            + "sentences, best weights kept, patience %d, rate × %s on a plateau", options.validationFraction(),
                            options.patience(), options.plateauFactor())));
            out.append("| model | BLEU | chrF | exact | parameters | train min | epochs | sent/s greedy | sent/s beam " + BEAM + " | final loss |\n");
            out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (Row r : rows) {
                out.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.3f | %s | %s | %s | %s | %s | %s |%n", r.name(), r.scores().bleu(),
                        r.scores().chrF(), r.scores().exactMatch(), r.parameters() == 0 ? "–" : String.format(Locale.ROOT, "%,d", r.parameters()),
                        r.parameters() == 0 ? "–" : String.format(Locale.ROOT, "%.2f", r.trainMinutes()),
                        r.parameters() == 0 ? "–" : r.epochs(),
                        r.parameters() == 0 ? "–" : String.format(Locale.ROOT, "%.0f", r.sentencesPerSecond()),
                        r.parameters() == 0 ? "–" : String.format(Locale.ROOT, "%.1f", r.beamSentencesPerSecond()),
                        r.parameters() == 0 ? "–" : String.format(Locale.ROOT, "%.3f", r.finalLoss())));
            }
            return out.toString();
        }
    }

    private Comparison() {
    }

    public static Table run(Path file, int sourceColumn, int targetColumn, List<ModelSpec> specs, Budget budget,
                            TrainingOptions options, Consumer<String> progress) throws IOException {
        return run(file, sourceColumn, targetColumn, specs, budget, options, progress, null);
    }

    /**
     * As above; with {@code outputs} non-null, also writes there {@code sources.txt}, {@code refs.<k>.txt} (the k-th
     * reference of each sentence, or the first when it has fewer: sacreBLEU's layout) and {@code <row>.txt} (each
     * row's outputs), one sentence a line, so the scores can be checked with {@code sacrebleu refs.*.txt -i row.txt -m bleu chrf},
     * and each trained model as {@code <row>.gated} (for {@code gated translate --plot} or {@code evaluate --decoders}).
     */
    public static Table run(Path file, int sourceColumn, int targetColumn, List<ModelSpec> specs, Budget budget,
                            TrainingOptions options, Consumer<String> progress, Path outputs) throws IOException {
        List<Example> all = ParallelCorpus.read(file, sourceColumn, targetColumn);
        CorpusSplit split = CorpusSplit.of(all, 0.1, budget.seed(), budget.maxSourceChars(), budget.maxTargetChars());
        List<Example> train = CorpusSplit.sample(split.train(), budget.trainSentences(), budget.seed());
        List<Example> test = CorpusSplit.sample(split.test(), budget.testSentences(), budget.seed());
        progress.accept(String.format(Locale.ROOT, "%s: %d sentences → %d train / %d test after the length filter; using %d / %d",
                file.getFileName(), all.size(), split.train().size(), split.test().size(), train.size(), test.size()));
        if (outputs != null) {
            java.nio.file.Files.createDirectories(outputs);
            write(outputs, "sources", test.stream().map(Example::source).toList());
            int most = test.stream().mapToInt(e -> e.references().size()).max().orElse(1);
            for (int k = 0; k < most; k++) {
                final int r = k;
                write(outputs, "refs." + k, test.stream().map(e -> e.references().get(r < e.references().size() ? r : 0)).toList());
            }
        }
        List<Row> rows = new ArrayList<>();
        TrainingOptions o = options.withEpochs(budget.epochs()).withSeed(budget.seed());
        for (ModelSpec spec : specs) {
            long start = System.nanoTime();
            Translator t = Translator.train(train, spec, o, List.of(epochLine(spec.name(), progress)));
            double minutes = (System.nanoTime() - start) / 6e10;
            List<String> sources = test.stream().map(Example::source).toList();
            long decodeStart = System.nanoTime();
            List<String> out = t.translate(sources);
            double seconds = (System.nanoTime() - decodeStart) / 1e9;
            long beamStart = System.nanoTime();
            t.translateBeam(sources, BEAM, 1.0);
            double beamSeconds = (System.nanoTime() - beamStart) / 1e9;
            Row row = new Row(spec.name(), Scores.of(out, test), t.parameterCount(), minutes, test.size() / seconds,
                    test.size() / beamSeconds, t.history().finalLoss(), out.subList(0, Math.min(5, out.size())), epochsRun(t.history()));
            rows.add(row);
            write(outputs, spec.name(), out);
            if (outputs != null) {
                t.save(outputs.resolve(spec.name() + ".gated"));
            }
            progress.accept(String.format(Locale.ROOT, "  %-12s BLEU %.2f chrF %.2f exact %.3f (%.1f min, loss %.3f; %.1f sentences/s greedy, "
                    + "%.1f beam %d; load average %.1f)", spec.name(), row.scores().bleu(), row.scores().chrF(), row.scores().exactMatch(), minutes,
                    row.finalLoss(), row.sentencesPerSecond(), row.beamSentencesPerSecond(), BEAM,
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        }
        rows.add(baseline("copy source", Baselines.copy(test), test, outputs));
        rows.add(baseline("most frequent", Baselines.mostFrequent(train, test), test, outputs));
        rows.add(baseline("retrieval", Baselines.retrieval(train, test), test, outputs));
        return new Table(file.getFileName().toString(), train.size(), test.size(), budget, o, rows, test.subList(0, Math.min(5, test.size())));
    }

    /** A progress line after every epoch: the row, the epoch, its loss and seconds, the load average. */
    private static dev.gated.model.TrainingListener epochLine(String name, Consumer<String> progress) {
        return new dev.gated.model.TrainingListener() {
            @Override
            public void onEpochEnd(dev.gated.model.Model model, dev.gated.model.EpochRecord record) {
                progress.accept(String.format(Locale.ROOT, "    %s epoch %d: loss %.4f%s, rate %.2g (%.1f s, load average %.1f)", name,
                        record.epoch() + 1, record.loss(), record.hasValidation() ? String.format(Locale.ROOT, ", validation loss %.4f",
                                record.validationLoss()) : "", record.learningRate(), record.seconds(),
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
            }
        };
    }

    private static void write(Path dir, String name, List<String> lines) throws IOException {
        if (dir != null) {
            java.nio.file.Files.write(dir.resolve(name.replace(' ', '-') + ".txt"), lines, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static Row baseline(String name, List<String> out, List<Example> test, Path outputs) throws IOException {
        write(outputs, name, out);
        return new Row(name, Scores.of(out, test), 0, 0, 0, 0, 0, out.subList(0, Math.min(5, out.size())), "");
    }

    /** "n" epochs run, or "n (best b)" when a validation loss picked the weights of epoch b (1-based). */
    private static String epochsRun(dev.gated.model.History history) {
        double[] v = history.validationLoss();
        int n = history.size();
        if (v.length == 0 || Double.isNaN(v[0])) {
            return Integer.toString(n);
        }
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] < v[best]) {
                best = i;
            }
        }
        return n + " (best " + (best + 1) + ")";
    }
}
