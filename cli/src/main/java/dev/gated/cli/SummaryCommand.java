package dev.gated.cli;

import dev.gated.cli.output.Json;
import dev.gated.layer.Layer;
import dev.gated.layer.Parameter;
import dev.gated.model.Sequential;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gated summary}: the Keras-style layer table of a saved model and the settings saved with it. */
@Command(name = "summary", mixinStandardHelpOptions = true, sortOptions = false, description = {
        "Show a saved model: layers, output shapes, parameters, and the settings it was trained with.",
        "Example: gated summary --model airline.gated"})
final class SummaryCommand extends BaseCommand {

    @Option(names = {"--model", "-m"}, required = true, paramLabel = "MODEL_FILE", description = "A Gated model file.")
    Path model;

    @Override
    public Integer call() throws Exception {
        FileGuard.input(model, "--model");
        Sequential network = Sequential.load(model);
        Map<String, String> metadata = new TreeMap<>(network.metadata());
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("command", "summary");
            doc.put("model_file", model.toString());
            doc.put("input_shape", network.inputShape());
            doc.put("params", network.parameterCount());
            doc.put("layers", layers(network));
            doc.put("epochs_completed", network.epochsCompleted());
            doc.put("seed", network.seed());
            doc.put("metadata", metadata);
            Json.print(io().out(), doc);
            return 0;
        }
        io().out().print(network.summary());
        io().out().println("input shape (T, F): " + Arrays.toString(network.inputShape()) + ", epochs completed: "
                + network.epochsCompleted() + ", seed: " + network.seed());
        if (!metadata.isEmpty()) {
            io().out().println("saved settings:");
            metadata.forEach((k, v) -> io().out().println("  " + k + " = " + v));
        }
        return 0;
    }

    private static List<Map<String, Object>> layers(Sequential network) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < network.layers().size(); i++) {
            Layer layer = network.layers().get(i);
            long params = 0;
            for (Parameter p : layer.parameters()) {
                params += p.value().size();
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", layer.type());
            m.put("output_shape", network.outputShapes().get(i));
            m.put("params", params);
            m.put("config", layer.config());
            out.add(m);
        }
        return out;
    }
}
