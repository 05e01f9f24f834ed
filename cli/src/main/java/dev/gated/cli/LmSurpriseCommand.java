package dev.gated.cli;

import dev.gated.cli.output.Json;
import dev.gated.cli.output.LmPlots;
import dev.gated.text.lm.LanguageModel;
import dev.gated.text.lm.StreamLoss;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gated lm surprise}: the loss of each character of a passage (−log p of that character given all before
 * it), as a PNG with the characters written above their points, and the most surprising characters listed.
 * The model first reads up to {@code --warmup} characters before the passage, so its state is that of a reader
 * in the middle of the text.
 */
@Command(name = "surprise", mixinStandardHelpOptions = true, sortOptions = false, description = {
        "Where is the model surprised? The per-character loss of a passage, as a PNG and a list.",
        "Example: gated lm surprise --model shakespeare.gated --data shared/data/tiny-shakespeare/input.txt --chars 120 --plot surprise.png"})
final class LmSurpriseCommand extends BaseCommand {

    @Option(names = {"--model", "-m"}, required = true, paramLabel = "MODEL_FILE", description = "A model written by gated lm train.")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "A UTF-8 text file.")
    Path data;

    @Option(names = "--part", defaultValue = "validation", paramLabel = "all|train|validation",
            description = "Which part of the text the passage is taken from, split as gated lm train splits it (default: ${DEFAULT-VALUE}).")
    String part;

    @Option(names = "--validation", defaultValue = "0.1", description = "The last fraction that --part validation means (default: ${DEFAULT-VALUE}).")
    double validation;

    @Option(names = "--from", defaultValue = "0", description = "The passage starts this many characters into the part (default: ${DEFAULT-VALUE}).")
    int from;

    @Option(names = "--chars", defaultValue = "120", description = "Characters in the passage (default: ${DEFAULT-VALUE}).")
    int chars;

    @Option(names = "--warmup", defaultValue = "256", description = "Characters before the passage the model reads first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--top", defaultValue = "10", description = "List this many most surprising characters (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--plot", paramLabel = "PNG", description = "Draw the per-character loss here.")
    Path plot;

    @Override
    public Integer call() throws IOException {
        LmCommand.Part which = LmCommand.Part.parse(part, this);
        if (chars < 2 || from < 0 || warmup < 0 || top < 0) {
            throw usage("--chars must be >= 2 and --from, --warmup, --top >= 0, but are " + chars + ", " + from + ", "
                    + warmup + ", " + top);
        }
        FileGuard.input(data, "--data");
        FileGuard.output(plot, "--plot", data, model);
        LanguageModel lm = LmCommand.readModel(model);
        lm.characters(); // the plot and list are per character: refused for a subword model, in one line
        String text = which.of(LmCommand.readText(data, "--data"), validation, "--data " + data);
        if (from + chars > text.length()) {
            throw new IllegalArgumentException("--data " + data + ": the " + which.id() + " part has " + text.length()
                    + " characters; a passage of --chars " + chars + " from --from " + from + " does not fit");
        }
        int start = Math.max(0, from - warmup);
        String read = text.substring(start, from + chars);
        double[] all = StreamLoss.perCharacter(lm.model(), lm.encode(read, "--data " + data),
                lm.architecture().isRecurrent() ? 0 : lm.context());
        int first = Math.max(1, from - start);              // read index of the first character with a loss
        double[] loss = Arrays.copyOfRange(all, first - 1, all.length); // loss[k]: −log p(read[first + k] | read[..first + k))
        String predicted = read.substring(first);                    // predicted.charAt(k) ↔ loss[k]
        double mean = Arrays.stream(loss).average().orElse(Double.NaN);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < loss.length; i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble((Integer i) -> -loss[i]));
        List<Map<String, Object>> surprises = new ArrayList<>();
        for (int i : order.subList(0, Math.min(top, order.size()))) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("position", start + first + i);
            s.put("character", String.valueOf(predicted.charAt(i)));
            s.put("loss_nats", loss[i]);
            s.put("after", read.substring(Math.max(0, first + i - 20), first + i));
            surprises.add(s);
        }
        if (plot != null) {
            try (Outputs outputs = new Outputs()) {
                outputs.write("--plot", plot, png -> LmPlots.surprise(png, String.format(Locale.ROOT,
                        "%s on %s (%s part, characters %d–%d): mean %.3f nats/char", model.getFileName(), data.getFileName(),
                        which.id(), start + first, from + chars - 1, mean), start + first, predicted, loss));
                outputs.publish();
            }
        }
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("command", "lm surprise");
            doc.put("model", model.toString());
            doc.put("data", data.toString());
            doc.put("part", which.id());
            doc.put("from", from);
            doc.put("passage", text.substring(from, from + chars));
            doc.put("first_scored_position", start + first);
            doc.put("loss_nats", loss);
            doc.put("mean_loss_nats", mean);
            doc.put("most_surprising", surprises);
            if (plot != null) {
                doc.put("plot", plot.toString());
            }
            Json.print(io().out(), doc);
        } else {
            io().out().printf(Locale.ROOT, "passage of %d characters (%s part, from %d), %d scored, mean loss %.4f nats/char "
                    + "(%.3f bits/char) after %d characters of warm-up%n", chars, which.id(), from, loss.length, mean, mean / Math.log(2), from - start);
            io().out().println("most surprising (loss in nats, after the text before it):");
            for (Map<String, Object> s : surprises) {
                io().out().printf(Locale.ROOT, "  %6.2f  %-8s after \"%s\"%n", (double) s.get("loss_nats"),
                        LmPlots.visible((String) s.get("character")), ((String) s.get("after")).replace("\n", "\\n"));
            }
            if (plot != null) {
                io().out().println("wrote " + plot);
            }
        }
        return 0;
    }
}
