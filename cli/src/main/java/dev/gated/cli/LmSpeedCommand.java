package dev.gated.cli;

import dev.gated.cli.output.Json;
import dev.gated.text.lm.LanguageModel;
import dev.gated.text.lm.LmSampler;
import dev.gated.text.lm.SamplingSpeed;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gated lm speed}: characters per second sampling from a saved model by stepping its state against
 * re-running the window for every character (the former demo's sampler), batch 1.
 */
@Command(name = "speed", mixinStandardHelpOptions = true, sortOptions = false, description = {
        "Time sampling by stepping the streaming state against re-running the window per character (batch 1).",
        "Example: gated lm speed --model shakespeare.gated --length 300 --repetitions 5"})
final class LmSpeedCommand extends BaseCommand {

    @Option(names = {"--model", "-m"}, required = true, paramLabel = "MODEL_FILE", description = "A model written by gated lm train.")
    Path model;

    @Option(names = "--prompt", description = "Text to start from (default: a line feed).")
    String prompt;

    @Option(names = "--length", defaultValue = "300", description = "Characters per timed run (default: ${DEFAULT-VALUE}).")
    int length;

    @Option(names = "--repetitions", defaultValue = "5", description = "Timed runs of each sampler; the median is reported (default: ${DEFAULT-VALUE}).")
    int repetitions;

    @Option(names = "--warmup-seconds", defaultValue = "1.5", description = "Least warm-up per sampler, for the JIT (default: ${DEFAULT-VALUE}).")
    double warmupSeconds;

    @Override
    public Integer call() throws IOException {
        if (length < 1 || repetitions < 1) {
            throw usage("--length and --repetitions must be >= 1 but are " + length + " and " + repetitions);
        }
        if (!(warmupSeconds >= 0)) {
            throw usage("--warmup-seconds must be >= 0 but is " + warmupSeconds);
        }
        LanguageModel lm = LmCommand.readModel(model);
        String start = prompt != null && !prompt.isEmpty() ? prompt : LmSampler.defaultPrompt(lm);
        SamplingSpeed speed = SamplingSpeed.measure(lm, start, length, repetitions, warmupSeconds, 42);
        String load = LmCurveFile.loadAverage();
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("command", "lm speed");
            doc.put("model", model.toString());
            doc.put("architecture", lm.architecture().describe());
            doc.put("characters", length);
            doc.put("repetitions", repetitions);
            doc.put("speed", speed);
            doc.put("speedup", speed.speedup());
            doc.put("load_average", load);
            Json.print(io().out(), doc);
        } else {
            io().out().printf(Locale.ROOT, "%s (%s), batch 1, median of %d runs of %d characters after warm-up:%n",
                    model.getFileName(), lm.architecture().describe(), repetitions, length);
            io().out().printf(Locale.ROOT, "  stepping the state:            %,10.0f characters/s%n", speed.stepped());
            io().out().printf(Locale.ROOT, "  re-running a %d-character window: %,10.0f characters/s%n", speed.window(), speed.windowed());
            io().out().printf(Locale.ROOT, "  stepping is %.1fx faster; load average %s%n", speed.speedup(), load);
        }
        return 0;
    }
}
