package dev.gated.cli;

import dev.gated.cli.output.AttentionPlot;
import dev.gated.cli.output.Json;
import dev.gated.translate.Translator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gated translate --model m.gated [--text S …]}: translates sentences given with {@code --text}, or read
 * from standard input one a line; {@code train}, {@code evaluate} and {@code compare} are its subcommands.
 */
@Command(name = "translate", mixinStandardHelpOptions = true,
        description = "Translate sentences with a trained model (from --text, or stdin one a line); see the subcommands to train, evaluate and compare.",
        subcommands = {TranslateTrainCommand.class, TranslateEvaluateCommand.class, TranslateCompareCommand.class, TranslateAdditionCommand.class})
final class TranslateCommand extends BaseCommand {

    @Option(names = "--model", paramLabel = "FILE", description = "A model written by 'gated translate train'.")
    Path model;

    @Option(names = "--text", paramLabel = "SENTENCE", description = "A sentence to translate (repeatable); without it, stdin is read.")
    List<String> text;

    @Option(names = "--beam", defaultValue = "1", description = "Beam width; 1 = greedy (default: ${DEFAULT-VALUE}).")
    int beam;

    @Option(names = "--length-penalty", defaultValue = "1.0", description = "Beam search length normalisation α: score / length^α (default: ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--plot", paramLabel = "PNG", description = "Draw the attention weights of the (first) sentence's greedy translation as a heatmap PNG (attention models and the transformer).")
    Path plot;

    @Override
    public Integer call() throws IOException {
        if (model == null) {
            throw usage("give --model FILE (a model from 'gated translate train'), or a subcommand: train, evaluate, compare");
        }
        if (beam < 1) {
            throw usage("--beam must be >= 1, got " + beam);
        }
        FileGuard.input(model, "--model");
        FileGuard.output(plot, "--plot", model);
        Translator translator = Translator.load(model);
        List<String> sentences = text != null ? text : readStdin();
        List<String> out = beam == 1 ? translator.translate(sentences) : translator.translateBeam(sentences, beam, alpha);
        Translator.AttentionWeights a = null;
        if (plot != null) {
            a = translator.attention(sentences.get(0));
            String kind = translator.model().spec().isTransformer() ? "last decoder block's cross-attention, mean of heads" : "attention";
            Translator.AttentionWeights weights = a;
            String title = translator.model().spec().name() + " " + kind + ": \"" + sentences.get(0).strip() + "\"";
            try (Outputs outputs = new Outputs()) {
                outputs.write("--plot", plot, png -> AttentionPlot.write(png, title, weights.sourceTokens(),
                        weights.outputTokens(), weights.weights()));
                outputs.publish();
            }
            if (!json) {
                io().err().println("attention heatmap written to " + plot);
            }
        }
        if (json) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int i = 0; i < sentences.size(); i++) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("source", sentences.get(i));
                row.put("translation", out.get(i));
                row.put("unknown_symbols", translator.sourceTokens().unknownCount(sentences.get(i)));
                rows.add(row);
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("command", "translate");
            doc.put("model", translator.model().spec().name());
            doc.put("beam", beam);
            doc.put("translations", rows);
            if (a != null) {
                Map<String, Object> attention = new LinkedHashMap<>();
                attention.put("plot", plot.toString());
                attention.put("source_tokens", a.sourceTokens());
                attention.put("output_tokens", a.outputTokens());
                attention.put("weights", a.weights());
                doc.put("attention", attention);
            }
            Json.print(io().out(), doc);
        } else {
            for (int i = 0; i < sentences.size(); i++) {
                int unknown = translator.sourceTokens().unknownCount(sentences.get(i));
                if (unknown > 0) {
                    warn("sentence " + (i + 1) + " has " + unknown + " symbol(s) never seen in training; they are read as 'unknown'");
                }
                io().out().println(out.get(i));
            }
        }
        return 0;
    }

    private static List<String> readStdin() throws IOException {
        List<String> lines = new ArrayList<>();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (!line.isBlank()) {
                lines.add(line);
            }
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("no sentences: give --text, or pipe sentences one a line into standard input");
        }
        return lines;
    }
}
