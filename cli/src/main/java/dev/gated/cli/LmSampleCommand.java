package dev.gated.cli;

import dev.gated.cli.output.Json;
import dev.gated.text.lm.LanguageModel;
import dev.gated.text.lm.LmSampler;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gated lm sample}: generates text from a saved language model, printing each character as soon as it is
 * drawn (the model is stepped one character at a time, its state carried; the window is never re-run).
 */
@Command(name = "sample", mixinStandardHelpOptions = true, sortOptions = false, description = {
        "Generate text from a language model, streamed to standard output character by character.",
        "Example: gated lm sample --model shakespeare.gated --prompt 'ROMEO:' --length 500 --temperature 0.8"})
final class LmSampleCommand extends BaseCommand {

    @Option(names = {"--model", "-m"}, required = true, paramLabel = "MODEL_FILE", description = "A model written by gated lm train.")
    Path model;

    @Option(names = "--prompt", description = "Text to start from, read once before sampling (default: a line feed).")
    String prompt;

    @Option(names = "--length", defaultValue = "500", description = "Characters to generate (default: ${DEFAULT-VALUE}).")
    int length;

    @Option(names = "--temperature", defaultValue = "1.0", description = "> 0; lower is more conservative (default: ${DEFAULT-VALUE}).")
    double temperature;

    @Option(names = "--top-k", defaultValue = "0", description = "Draw only among the K most likely characters; 0: all (default: ${DEFAULT-VALUE}).")
    int topK;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the draws (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws IOException {
        if (length < 0) {
            throw usage("--length must be >= 0 but is " + length);
        }
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw usage("--temperature must be a finite number > 0 but is " + temperature);
        }
        if (topK < 0) {
            throw usage("--top-k must be >= 0 (0 = all characters) but is " + topK);
        }
        if (prompt != null && prompt.isEmpty()) {
            throw usage("--prompt is empty; leave it out to start from a line feed");
        }
        LanguageModel lm = LmCommand.readModel(model);
        String start = prompt != null ? prompt : LmSampler.defaultPrompt(lm);
        lm.encode(start, "--prompt");
        StringBuilder generated = new StringBuilder(length);
        if (!json) {
            io().out().print(start);
            io().out().flush();
        }
        long t0 = System.nanoTime();
        LmSampler.stream(lm, start, length, temperature, topK, new Random(seed), c -> {
            generated.append(c);
            if (!json) {
                io().out().print(c);
                io().out().flush();
            }
        });
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("command", "lm sample");
            doc.put("model", model.toString());
            doc.put("prompt", start);
            doc.put("temperature", temperature);
            doc.put("top_k", topK);
            doc.put("seed", seed);
            doc.put("generated", generated.toString());
            doc.put("seconds", seconds);
            Json.print(io().out(), doc);
        } else {
            io().out().println();
        }
        return 0;
    }
}
