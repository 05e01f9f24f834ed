package dev.gated.cli;

import dev.gated.cli.output.Json;
import dev.gated.translate.Comparison;
import dev.gated.translate.ModelSpec;
import dev.gated.translate.TrainingOptions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gated translate compare}: the comparison table (docs/translation.md) in one command. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Train each model under one budget on one split and print BLEU/chrF beside the baselines.")
final class TranslateCompareCommand extends BaseCommand {

    @Mixin
    TranslateData data;

    @Mixin
    TransformerOptions transformer;

    @Mixin
    TranslateValidation validation;

    @Option(names = "--models", split = ",", defaultValue = "lstm,gru,lstm-dot,gru-dot,lstm-additive,gru-additive",
            description = "Models to compare; 'none' for the baselines alone (default: ${DEFAULT-VALUE}).")
    List<String> models;

    @Option(names = "--test-sentences", defaultValue = "500", description = "Test sentences scored (default: ${DEFAULT-VALUE}).")
    int testSentences;

    @Option(names = "--embedding", defaultValue = "64", description = "Embedding width E; the transformer's width D (default: ${DEFAULT-VALUE}).")
    int embedding;

    @Option(names = "--units", defaultValue = "128", description = "Hidden units H of the recurrent models (default: ${DEFAULT-VALUE}).")
    int units;

    @Option(names = "--epochs", defaultValue = "10", description = "Epochs for every model (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--learning-rate", defaultValue = "0.003", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--batch-size", defaultValue = "32", description = "Pairs per step (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--bpe-merges", defaultValue = "1000", description = "BPE merges learned on the training part (default: ${DEFAULT-VALUE}).")
    int merges;

    @Option(names = "--tokens", defaultValue = "char", description = "char or bpe (default: ${DEFAULT-VALUE}).")
    String tokens;

    @Option(names = "--outputs", paramLabel = "DIR", description = "Also write the test sources, references and every row's outputs there, one sentence a line (for sacrebleu), and each trained model as ROW.gated.")
    java.nio.file.Path outputs;

    @Override
    public Integer call() throws IOException {
        FileGuard.input(data.file, "--data");
        FileGuard.outputFolder(outputs, "--outputs");
        List<ModelSpec> specs = new ArrayList<>();
        for (String m : models.equals(List.of("none")) ? List.<String>of() : models) {
            specs.add(transformer.spec(m, embedding, units));
        }
        Comparison.Budget budget = new Comparison.Budget(data.maxSentences, testSentences, data.maxSource, data.maxTarget, epochs,
                embedding, units, data.seed);
        TrainingOptions options = validation.apply(new TrainingOptions(tokens, merges, epochs, batchSize, learningRate, 1.0, data.seed));
        Comparison.Table table = Comparison.run(data.file, data.sourceColumn, data.targetColumn, specs, budget, options,
                line -> {
                    if (!json) {
                        io().err().println(line);
                    }
                }, outputs);
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("command", "translate compare");
            doc.put("corpus", table.corpus());
            doc.put("train", table.train());
            doc.put("test", table.test());
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Comparison.Row r : table.rows()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("name", r.name());
                row.put("bleu", r.scores().bleu());
                row.put("chrf", r.scores().chrF());
                row.put("exact", r.scores().exactMatch());
                row.put("params", r.parameters());
                row.put("train_minutes", r.trainMinutes());
                row.put("epochs", r.epochs());
                row.put("sentences_per_second", r.sentencesPerSecond());
                row.put("beam_sentences_per_second", r.beamSentencesPerSecond());
                row.put("samples", r.samples());
                rows.add(row);
            }
            doc.put("rows", rows);
            Json.print(io().out(), doc);
        } else {
            io().out().print(table.markdown());
            io().out().println();
            for (int i = 0; i < table.examples().size(); i++) {
                io().out().println("- " + table.examples().get(i).source() + " → (ref) " + table.examples().get(i).reference());
                for (Comparison.Row r : table.rows()) {
                    io().out().println("    " + r.name() + ": " + r.samples().get(i));
                }
            }
        }
        return 0;
    }
}
