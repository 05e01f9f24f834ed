package dev.gated.cli;

import dev.gated.cli.output.Json;
import dev.gated.translate.CorpusSplit;
import dev.gated.translate.Example;
import dev.gated.translate.ModelSpec;
import dev.gated.translate.ParallelCorpus;
import dev.gated.translate.TrainingOptions;
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

/** {@code gated translate train}: learns tokenizers and an encoder–decoder on the training part of a TSV and saves it. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train an encoder-decoder on a tab-separated sentence-pair file (the test part, split by source sentence, is left out).")
final class TranslateTrainCommand extends BaseCommand {

    @Mixin
    TranslateData data;

    @Mixin
    TransformerOptions transformer;

    @Mixin
    TranslateValidation validation;

    @Option(names = "--model", defaultValue = "gru-dot", description = "lstm, gru, lstm-dot, gru-additive (= gru-attention), bilstm-dot, …, transformer (default: ${DEFAULT-VALUE}).")
    String modelName;

    @Option(names = "--embedding", defaultValue = "64", description = "Embedding width E; the transformer's width D (default: ${DEFAULT-VALUE}).")
    int embedding;

    @Option(names = "--units", defaultValue = "128", description = "Hidden units H of the recurrent models (default: ${DEFAULT-VALUE}).")
    int units;

    @Option(names = "--epochs", defaultValue = "10", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "64", description = "Pairs per step (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--learning-rate", defaultValue = "0.003", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--tokens", defaultValue = "char", description = "char or bpe (default: ${DEFAULT-VALUE}).")
    String tokens;

    @Option(names = "--bpe-merges", defaultValue = "1000", description = "BPE merges learned on the training part (default: ${DEFAULT-VALUE}).")
    int merges;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to save the model.")
    Path out;

    @Override
    public Integer call() throws Exception {
        ModelSpec spec = transformer.spec(modelName, embedding, units);
        TrainingOptions options = validation.apply(new TrainingOptions(tokens, merges, epochs, batchSize, learningRate, 1.0, data.seed));
        FileGuard.input(data.file, "--data");
        FileGuard.output(out, "--out", data.file);
        OutputLock.acquire(out, "--out");
        List<Example> all = steps().run("reading " + data.file, () -> ParallelCorpus.read(data.file, data.sourceColumn,
                data.targetColumn));
        CorpusSplit split = data.split(all);
        List<Example> train = CorpusSplit.sample(split.train(), data.maxSentences, data.seed);
        say(String.format(Locale.ROOT, "%d sentences → %d train (using %d), %d test; model %s", all.size(), split.train().size(),
                train.size(), split.test().size(), spec.name()));
        long start = System.nanoTime();
        Translator t = Translator.train(train, spec, options, progress());
        double seconds = (System.nanoTime() - start) / 1e9;
        LossExplosion.check(t.history().finalLoss(), t.targetTokens().size(), "the final training loss",
                "--learning-rate", learningRate, "nothing was saved");
        steps().run("saving " + out, () -> {
            try (Outputs outputs = new Outputs()) {
                outputs.write("--out", out, t::save);
                outputs.publish();
            }
        });
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("command", "translate train");
            doc.put("model", spec.name());
            doc.put("train", train.size());
            doc.put("params", t.parameterCount());
            doc.put("loss", t.history().loss());
            doc.put("seconds", seconds);
            doc.put("out", out.toString());
            Json.print(io().out(), doc);
        } else {
            say(String.format(Locale.ROOT, "%,d parameters; loss %.4f → %.4f in %.1f s; saved %s", t.parameterCount(),
                    t.history().loss()[0], t.history().finalLoss(), seconds, out));
        }
        return 0;
    }
}
