package dev.gated.cli;

import dev.gated.cli.output.Json;
import dev.gated.translate.Baselines;
import dev.gated.translate.CorpusSplit;
import dev.gated.translate.DecodingSpeed;
import dev.gated.translate.Example;
import dev.gated.translate.ParallelCorpus;
import dev.gated.translate.Scores;
import dev.gated.translate.Translator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code gated translate evaluate}: BLEU, chrF and exact match of a model on the test part of a file (the same
 * split as {@code train} with the same data options), or on the whole file with {@code --whole-file}, beside the
 * copy, most-frequent and retrieval baselines (which read the training part).
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Score a model (BLEU, chrF, exact match) on the held-out part of a sentence-pair file, beside baselines.")
final class TranslateEvaluateCommand extends BaseCommand {

    @Mixin
    TranslateData data;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "A model written by 'gated translate train'.")
    Path model;

    @Option(names = "--whole-file", description = "Score every sentence of --data (a separate test file) instead of its held-out part.")
    boolean wholeFile;

    @Option(names = "--beam", defaultValue = "1", description = "Beam width; 1 = greedy (default: ${DEFAULT-VALUE}).")
    int beam;

    @Option(names = "--decoders", description = "Also time the decoders on the scored sentences: greedy with the step model (the transformer: key/value caches), "
            + "greedy re-running the prefix, beam search of width 5.")
    boolean decoders;

    @Override
    public Integer call() throws Exception {
        if (beam < 1) {
            throw usage("--beam must be >= 1, got " + beam);
        }
        FileGuard.input(model, "--model");
        FileGuard.input(data.file, "--data");
        Translator t = Translator.load(model);
        List<Example> all = steps().run("reading " + data.file, () -> ParallelCorpus.read(data.file, data.sourceColumn,
                data.targetColumn));
        List<Example> test;
        List<Example> train;
        if (wholeFile) {
            test = all;
            train = all;
        } else {
            CorpusSplit split = data.split(all);
            test = CorpusSplit.sample(split.test(), data.maxSentences, data.seed);
            train = split.train();
        }
        List<String> sources = test.stream().map(Example::source).toList();
        long start = System.nanoTime();
        List<String> out = beam == 1 ? t.translate(sources) : t.translateBeam(sources, beam, 1.0);
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Scores> rows = new LinkedHashMap<>();
        rows.put(t.model().spec().name() + (beam == 1 ? " greedy" : " beam " + beam), Scores.of(out, test));
        rows.put("copy source", Scores.of(Baselines.copy(test), test));
        rows.put("most frequent", Scores.of(Baselines.mostFrequent(train, test), test));
        if (!wholeFile) {
            rows.put("retrieval", Scores.of(Baselines.retrieval(train, test), test));
        }
        DecodingSpeed speed = decoders ? DecodingSpeed.measure(t, sources, 5) : null;
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("command", "translate evaluate");
            if (speed != null) {
                doc.put("decoders", Map.of("greedy_step", speed.greedyStep(), "greedy_prefix", speed.greedyPrefix(),
                        "beam_5", speed.beam(), "same_greedy_outputs", speed.sameGreedyOutputs()));
            }
            doc.put("sentences", test.size());
            doc.put("sentences_per_second", test.size() / seconds);
            Map<String, Object> scores = new LinkedHashMap<>();
            rows.forEach((k, v) -> scores.put(k, Map.of("bleu", v.bleu(), "chrf", v.chrF(), "exact", v.exactMatch())));
            doc.put("scores", scores);
            Json.print(io().out(), doc);
        } else {
            io().out().printf(Locale.ROOT, "%d test sentences, %.0f sentences/s%n", test.size(), test.size() / seconds);
            if (speed != null) {
                io().out().printf(Locale.ROOT, "decoders, sentences/s: greedy with the step model %.1f, greedy re-running the prefix %.1f "
                        + "(same outputs: %s), beam 5 %.1f%n", speed.greedyStep(), speed.greedyPrefix(), speed.sameGreedyOutputs(), speed.beam());
            }
            io().out().printf(Locale.ROOT, "%-22s %7s %7s %7s%n", "", "BLEU", "chrF", "exact");
            rows.forEach((k, v) -> io().out().printf(Locale.ROOT, "%-22s %7.2f %7.2f %7.3f%n", k, v.bleu(), v.chrF(), v.exactMatch()));
            for (int i = 0; i < Math.min(5, test.size()); i++) {
                io().out().printf("  %s → %s   (ref: %s)%n", test.get(i).source(), out.get(i), test.get(i).reference());
            }
        }
        return 0;
    }
}
