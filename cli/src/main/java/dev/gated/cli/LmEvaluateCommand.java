package dev.gated.cli;

import dev.gated.cli.output.Json;
import dev.gated.text.lm.LanguageModel;
import dev.gated.text.lm.StreamLoss;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gated lm evaluate}: the loss of a saved language model on a text, in nats and bits per character,
 * read two ways: as streams with the state carried (every character predicted from all before it; recurrent
 * models only) and in windows of the model's context from a zero state (nanoGPT's way of estimating its
 * validation loss; the only reading for a Transformer).
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false, description = {
        "Score a language model on a text: cross-entropy in nats and bits per character.",
        "Example: gated lm evaluate --model shakespeare.gated --data shared/data/tiny-shakespeare/input.txt --part validation"})
final class LmEvaluateCommand extends BaseCommand {

    @Option(names = {"--model", "-m"}, required = true, paramLabel = "MODEL_FILE", description = "A model written by gated lm train.")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "A UTF-8 text file.")
    Path data;

    @Option(names = "--part", defaultValue = "all", paramLabel = "all|train|validation", description = "Score all of the text, "
            + "or only its first or last part as gated lm train splits it (default: ${DEFAULT-VALUE}).")
    String part;

    @Option(names = "--validation", defaultValue = "0.1", description = "The last fraction that --part validation means (default: ${DEFAULT-VALUE}).")
    double validation;

    @Option(names = "--streams", defaultValue = "32", description = "Parallel streams the text is read as; "
            + "only splits the work (each stream starts once from a zero state) (default: ${DEFAULT-VALUE}).")
    int streams;

    @Override
    public Integer call() throws IOException {
        LmCommand.Part which = LmCommand.Part.parse(part, this);
        if (streams < 1) {
            throw usage("--streams must be >= 1 but is " + streams);
        }
        FileGuard.input(data, "--data");
        LanguageModel lm = LmCommand.readModel(model);
        String text = which.of(LmCommand.readText(data, "--data"), validation, "--data " + data);
        int[] encoded = lm.encode(text, "--data " + data);
        if (encoded.length < 2) {
            throw new IllegalArgumentException("--data " + data + ": " + encoded.length + " character(s) to score; "
                    + "at least 2 are needed (one to read, one to predict)");
        }
        long t0 = System.nanoTime();
        int[] lengths = lm.vocabulary().lengths();
        StreamLoss.Total streamTotal = lm.architecture().isRecurrent()
                ? StreamLoss.streams(lm.model(), encoded, Math.min(streams, encoded.length - 1), 256, lengths) : null;
        StreamLoss.Total windowTotal = encoded.length > lm.context() ? StreamLoss.windows(lm.model(), encoded, lm.context(), lengths) : null;
        double seconds = (System.nanoTime() - t0) / 1e9;
        double stream = streamTotal == null ? Double.NaN : streamTotal.perCharacter();
        double windows = windowTotal == null ? Double.NaN : windowTotal.perCharacter();
        boolean subwords = !lm.vocabulary().kind().equals("char");
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("command", "lm evaluate");
            doc.put("model", model.toString());
            doc.put("architecture", lm.architecture().describe());
            doc.put("data", data.toString());
            doc.put("part", which.id());
            doc.put("characters", text.length());
            doc.put("vocabulary_kind", lm.vocabulary().kind());
            doc.put("tokens", encoded.length);
            doc.put("loss_nats", Double.isNaN(stream) ? null : stream);
            doc.put("loss_bits", Double.isNaN(stream) ? null : stream / Math.log(2));
            doc.put("loss_nats_per_token", streamTotal == null ? null : streamTotal.perToken());
            doc.put("window", lm.context());
            doc.put("window_loss_nats", Double.isNaN(windows) ? null : windows);
            doc.put("window_loss_bits", Double.isNaN(windows) ? null : windows / Math.log(2));
            doc.put("window_loss_nats_per_token", windowTotal == null ? null : windowTotal.perToken());
            doc.put("seconds", seconds);
            Json.print(io().out(), doc);
        } else {
            io().out().printf(Locale.ROOT, "%s (%s), %,d characters of %s (%s)%s%n", model.getFileName(),
                    lm.architecture().describe(), text.length(), data.getFileName(), which.id(), subwords
                            ? String.format(Locale.ROOT, " = %,d tokens (%s)", encoded.length, lm.vocabulary().describe()) : "");
            if (streamTotal != null) {
                io().out().printf(Locale.ROOT, "loss %.4f nats/char (%.4f bits/char)%s, each %s predicted from all before it%n",
                        stream, stream / Math.log(2), perToken(subwords, streamTotal), subwords ? "token" : "character");
            }
            if (windowTotal != null) {
                io().out().printf(Locale.ROOT, "loss %.4f nats/char (%.4f bits/char)%s in windows of %d %s from a zero state "
                        + "(as nanoGPT estimates it)%n", windows, windows / Math.log(2), perToken(subwords, windowTotal),
                        lm.context(), subwords ? "tokens" : "characters");
            }
        }
        return 0;
    }

    /** ", 2.9 nats/token" for a subword model, where per token differs from per character. */
    private static String perToken(boolean subwords, StreamLoss.Total total) {
        return subwords ? String.format(Locale.ROOT, "; %.4f nats/token", total.perToken()) : "";
    }
}
