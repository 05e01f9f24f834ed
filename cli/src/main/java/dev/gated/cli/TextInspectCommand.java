package dev.gated.cli;

import dev.gated.cli.output.Json;
import dev.gated.inspect.LayerTrace;
import dev.gated.inspect.StepState;
import dev.gated.text.Vocabulary;
import dev.gated.text.classify.TextClassifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gated text inspect}: one sentence word by word — each gate's mean activation over the units, ‖h_t‖ and
 * ‖∂L/∂h_t‖ (the loss against the predicted class or --label); {@code --json} gives every unit's values.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true, sortOptions = false, description = {
        "Look into a saved text classifier on one sentence: per-word gates, hidden states and gradient norms.",
        "Example: gated text inspect --model reviews.gated --text 'not bad at all'"})
final class TextInspectCommand extends BaseCommand {

    @Option(names = {"--model", "-m"}, required = true, paramLabel = "MODEL_FILE", description = "A model written by gated text train.")
    Path model;

    @Option(names = "--text", required = true, paramLabel = "TEXT", description = "The sentence to inspect.")
    String text;

    @Option(names = "--label", paramLabel = "CLASS", description = "The class the gradient is taken against (default: the predicted one).")
    String label;

    @Override
    public Integer call() throws Exception {
        FileGuard.input(model, "--model");
        TextClassifier classifier = TextClassifier.load(model);
        if (label != null && !classifier.labels().contains(label)) {
            throw usage("--label '" + label + "' is not one of the model's classes " + classifier.labels().names());
        }
        TextClassifier.WordTrace trace = classifier.inspect(text, label);
        LayerTrace layer = trace.inspection().trace();
        double[] p = classifier.predictProbabilities(List.of(text))[0];
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("command", "text inspect");
            doc.put("model_file", model.toString());
            doc.put("cell", layer.cell());
            doc.put("gates", layer.gateNames());
            doc.put("target", trace.target());
            Map<String, Double> probs = new LinkedHashMap<>();
            for (int k = 0; k < p.length; k++) {
                probs.put(classifier.labels().name(k), p[k]);
            }
            doc.put("probabilities", probs);
            doc.put("loss", trace.inspection().loss());
            List<Map<String, Object>> steps = new ArrayList<>();
            for (int t = 0; t < layer.steps().size(); t++) {
                StepState s = layer.steps().get(t);
                Map<String, Object> step = new LinkedHashMap<>();
                step.put("word", trace.words().get(t));
                step.put("known", trace.indices()[t] != Vocabulary.UNKNOWN);
                step.put("gates", s.gates());
                step.put("hidden", s.hidden());
                if (s.cell() != null) {
                    step.put("cell", s.cell());
                }
                step.put("gradient_norm", s.gradientNorm());
                steps.add(step);
            }
            doc.put("steps", steps);
            Json.print(io().out(), doc);
            return 0;
        }
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "  %-16s", "word"));
        for (String g : layer.gateNames()) {
            head.append(String.format(Locale.ROOT, " %8s", "mean " + g));
        }
        head.append(String.format(Locale.ROOT, " %8s %10s", "|h_t|", "|dL/dh_t|"));
        say(String.format(Locale.ROOT, "%s, %d units; p(%s) = %.3f; gradient of the loss against '%s'",
                layer.cell(), layer.units(), trace.target(), p[classifier.labels().indexOf(trace.target())], trace.target()));
        say(head.toString());
        for (int t = 0; t < layer.steps().size(); t++) {
            StepState s = layer.steps().get(t);
            String word = trace.words().get(t) + (trace.indices()[t] == Vocabulary.UNKNOWN ? " (unk)" : "");
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-16s", word.length() > 16 ? word.substring(0, 15) + "…" : word));
            for (String g : layer.gateNames()) {
                line.append(String.format(Locale.ROOT, " %8.3f", mean(s.gates().get(g))));
            }
            line.append(String.format(Locale.ROOT, " %8.3f %10.2e", norm(s.hidden()), s.gradientNorm()));
            say(line.toString());
        }
        return 0;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }
}
