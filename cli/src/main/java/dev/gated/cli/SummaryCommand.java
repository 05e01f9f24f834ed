package dev.gated.cli;

import dev.gated.cli.output.Json;
import dev.gated.interop.layer.InteropLayers;
import dev.gated.layer.Layer;
import dev.gated.layer.Node;
import dev.gated.layer.Parameter;
import dev.gated.model.GraphModel;
import dev.gated.model.Model;
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

/** {@code gated summary}: the Keras-style layer table of a saved model (Sequential or graph) and its saved settings. */
@Command(name = "summary", mixinStandardHelpOptions = true, sortOptions = false, description = {
        "Show a saved model: layers, output shapes, parameters, and the settings it was trained with.",
        "Example: gated summary --model airline.gated"})
final class SummaryCommand extends BaseCommand {

    @Option(names = {"--model", "-m"}, required = true, paramLabel = "MODEL_FILE", description = "A Gated model file.")
    Path model;

    @Override
    public Integer call() throws Exception {
        FileGuard.input(model, "--model");
        InteropLayers.register();   // imported models may hold the interop module's layers (Masking, Activation)
        Model network = Model.load(model);
        Map<String, String> metadata = new TreeMap<>(network.metadata());
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("command", "summary");
            doc.put("model_file", model.toString());
            doc.put("kind", network instanceof Sequential ? "sequential" : "graph");
            if (network instanceof Sequential s) {
                doc.put("input_shape", s.inputShape());
            } else {
                doc.put("input_shapes", network.inputShapes());
                doc.put("output_shapes", network.modelOutputShapes());
            }
            doc.put("params", network.parameterCount());
            doc.put("layers", network instanceof Sequential s ? layers(s) : layers((GraphModel) network));
            doc.put("epochs_completed", network.epochsCompleted());
            doc.put("seed", network.seed());
            doc.put("metadata", metadata);
            Json.print(io().out(), doc);
            return 0;
        }
        io().out().print(network.summary());
        String inputs = network instanceof Sequential s ? "input shape (T, F): " + Arrays.toString(s.inputShape())
                : "input shapes: " + network.inputShapes().stream().map(SummaryCommand::shape).toList();
        io().out().println(inputs + ", epochs completed: " + network.epochsCompleted() + ", seed: " + network.seed());
        if (!metadata.isEmpty()) {
            io().out().println("saved settings:");
            metadata.forEach((k, v) -> io().out().println("  " + k + " = " + v));
        }
        return 0;
    }

    /** (None, 3) for a free time axis of 3 features, as Keras prints shapes. */
    private static String shape(int[] dims) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < dims.length; i++) {
            b.append(i > 0 ? ", " : "").append(dims[i] == dev.gated.tensor.Shape.ANY ? "None" : Integer.toString(dims[i]));
        }
        return b.append(")").toString();
    }

    /** Graph models: each layer call with the names of its inputs and its output shapes. */
    private static List<Map<String, Object>> layers(GraphModel network) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Node.Call call : network.calls()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", call.layer().type());
            m.put("inputs", call.inputs().stream().map(Node::name).toList());
            m.put("output_shapes", call.outputs().stream().map(Node::shape).toList());
            m.put("params", params(call.layer()));
            m.put("config", call.layer().config());
            out.add(m);
        }
        return out;
    }

    private static long params(Layer layer) {
        long params = 0;
        for (Parameter p : layer.parameters()) {
            params += p.value().size();
        }
        return params;
    }

    private static List<Map<String, Object>> layers(Sequential network) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < network.layers().size(); i++) {
            Layer layer = network.layers().get(i);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", layer.type());
            m.put("output_shape", network.outputShapes().get(i));
            m.put("params", params(layer));
            m.put("config", layer.config());
            out.add(m);
        }
        return out;
    }
}
