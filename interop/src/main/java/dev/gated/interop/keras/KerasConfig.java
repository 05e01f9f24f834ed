package dev.gated.interop.keras;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gated.interop.ImportException;
import dev.gated.layer.Layer;
import dev.gated.layer.Node;
import dev.gated.layer.recurrent.CellActivation;
import dev.gated.model.Model;
import dev.gated.model.Sequential;
import dev.gated.tensor.Shape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Keras model config (the JSON of {@code model.to_json()}: Keras 2.0–2.3, tf.keras 2.x, Keras 3, TF.js) → an
 * unbuilt Gated model, plus which Keras layer each Gated layer came from (for the weights).
 *
 * <p>Sequential configs: {"class_name": "Sequential", "config": {"layers": […]}} (or, Keras ≤ 2.2, the list
 * itself); the input shape comes from an InputLayer ({@code batch_input_shape}, Keras 3 {@code batch_shape}),
 * the first layer's {@code batch_input_shape}, or Keras 3's {@code build_config}. Functional configs
 * ("Model", "Functional"): layers with {@code inbound_nodes} — Keras 2 / TF.js lists
 * {@code [[name, node, tensor, kwargs], …]} or Keras 3 {"args": […], "kwargs": {…}} with
 * {@code keras_history} — and {@code input_layers} / {@code output_layers}. A None dimension becomes a free
 * axis ({@link Shape#ANY}); the batch axis is dropped.
 */
final class KerasConfig {

    /** One Gated layer and the Keras layer it was made from. */
    record Binding(String name, Layer layer, JsonNode spec, String at) {
    }

    /** The model and its bindings, in model order. */
    record Result(Model model, List<Binding> bindings) {
    }

    private KerasConfig() {
    }

    /**
     * @param hardSigmoid what the writer means by {@code hard_sigmoid}: {@link CellActivation#HARD_SIGMOID_KERAS2}
     *                    (Keras 2, tf.keras, TF.js) or {@link CellActivation#HARD_SIGMOID_KERAS3}
     */
    static Result build(JsonNode topology, String source, CellActivation hardSigmoid) throws ImportException {
        JsonNode root = topology.has("model_config") ? topology.path("model_config") : topology;
        String kind = root.path("class_name").asText();
        return switch (kind) {
            case "Sequential" -> sequential(root, source, hardSigmoid);
            case "Model", "Functional" -> functional(root.path("config"), source, hardSigmoid);
            default -> throw new ImportException(source + ": the model's class_name is \"" + kind
                    + "\"; expected Sequential, Functional or Model");
        };
    }

    private static Result sequential(JsonNode root, String source, CellActivation hardSigmoid) throws ImportException {
        JsonNode config = root.path("config");
        JsonNode layers = config.isArray() ? config : config.path("layers");
        if (!layers.isArray() || layers.isEmpty()) {
            throw new ImportException(source + ": the Sequential config has no \"layers\" list");
        }
        int[] shape = sequentialInputShape(root, layers, source);
        Sequential model = Sequential.input(shape);
        List<Binding> bindings = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            JsonNode spec = layers.get(i);
            String at = source + ": layer " + (i + 1);
            Layer layer = KerasLayers.create(spec, at, hardSigmoid);
            if (layer != null) {
                model.add(layer);
                bindings.add(binding(spec, layer, at));
            }
        }
        return new Result(model, bindings);
    }

    private static Binding binding(JsonNode spec, Layer layer, String at) {
        String name = spec.path("config").path("name").asText(spec.path("name").asText());
        return new Binding(name, layer, spec, at + " \"" + name + "\" (" + spec.path("class_name").asText() + ")");
    }

    private static int[] sequentialInputShape(JsonNode root, JsonNode layers, String source) throws ImportException {
        JsonNode first = layers.get(0).path("config");
        for (String key : new String[] {"batch_input_shape", "batch_shape"}) {
            if (first.has(key)) {
                return withoutBatch(first.path(key));
            }
        }
        JsonNode built = root.path("build_config").path("input_shape");
        if (built.isArray()) {
            return withoutBatch(built);
        }
        throw new ImportException(source + ": the Sequential model declares no input shape (no InputLayer, no "
                + "batch_input_shape, no build_config) — build the model in Keras (model.build or an Input) before saving");
    }

    static int[] withoutBatch(JsonNode batchShape) {
        int[] shape = new int[batchShape.size() - 1];
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = batchShape.get(i + 1);
            shape[i] = d.isNull() ? Shape.ANY : d.asInt();
        }
        return shape;
    }

    private static Result functional(JsonNode config, String source, CellActivation hardSigmoid) throws ImportException {
        Map<String, Node[]> outputs = new HashMap<>();
        List<Binding> bindings = new ArrayList<>();
        JsonNode layers = config.path("layers");
        for (int i = 0; i < layers.size(); i++) {
            JsonNode spec = layers.get(i);
            String name = spec.path("name").asText(spec.path("config").path("name").asText());
            String at = source + ": layer " + (i + 1);
            if (spec.path("class_name").asText().equals("InputLayer")) {
                JsonNode c = spec.path("config");
                JsonNode shape = c.has("batch_shape") ? c.path("batch_shape") : c.path("batch_input_shape");
                outputs.put(name, new Node[] {Node.input(name, withoutBatch(shape))});
                continue;
            }
            Layer layer = KerasLayers.create(spec, at, hardSigmoid);
            JsonNode nodes = spec.path("inbound_nodes");
            if (nodes.size() != 1) {
                throw new ImportException(at + " \"" + name + "\": the layer is called " + nodes.size()
                        + " times in the graph; shared layers are not imported");
            }
            List<Node> inputs = new ArrayList<>();
            for (JsonNode ref : references(nodes.get(0), at + " \"" + name + "\"")) {
                inputs.add(resolve(outputs, ref, at));
            }
            outputs.put(name, layer.onAll(inputs.toArray(new Node[0])));
            bindings.add(binding(spec, layer, at));
        }
        List<Node> in = new ArrayList<>();
        for (JsonNode ref : refList(config.path("input_layers"))) {
            in.add(resolve(outputs, ref, source + ": input_layers"));
        }
        List<Node> out = new ArrayList<>();
        for (JsonNode ref : refList(config.path("output_layers"))) {
            out.add(resolve(outputs, ref, source + ": output_layers"));
        }
        return new Result(Model.of(in, out), bindings);
    }

    /** [[name, n, t], …] or, Keras 3 with one tensor, [name, n, t]. */
    private static List<JsonNode> refList(JsonNode node) {
        List<JsonNode> refs = new ArrayList<>();
        if (node.size() > 0 && node.get(0).isTextual()) {
            refs.add(node);
        } else {
            node.forEach(refs::add);
        }
        return refs;
    }

    /** The [name, node index, tensor index] references of one inbound node, in input order. */
    private static List<JsonNode> references(JsonNode node, String at) throws ImportException {
        List<JsonNode> refs = new ArrayList<>();
        if (node.isArray()) {                          // Keras 2, TF.js
            for (JsonNode entry : node) {
                JsonNode kwargs = entry.path(3);
                if (kwargs.isObject()) {
                    for (var it = kwargs.fieldNames(); it.hasNext(); ) {
                        String key = it.next();
                        if (!key.equals("training") && !key.equals("mask")) {
                            throw new ImportException(at + ": call argument \"" + key + "\" is not imported");
                        }
                    }
                }
                refs.add(entry);
            }
            return refs;
        }
        collectKerasTensors(node.path("args"), refs);  // Keras 3
        for (var it = node.path("kwargs").fields(); it.hasNext(); ) {
            var e = it.next();
            if (e.getKey().equals("initial_state")) {
                collectKerasTensors(e.getValue(), refs);
            } else if (!e.getKey().equals("training") && !e.getKey().equals("mask")) {
                throw new ImportException(at + ": call argument \"" + e.getKey() + "\" is not imported");
            }
        }
        return refs;
    }

    private static void collectKerasTensors(JsonNode node, List<JsonNode> refs) {
        if (node.isArray()) {
            node.forEach(n -> collectKerasTensors(n, refs));
        } else if (node.path("class_name").asText().equals("__keras_tensor__")) {
            refs.add(node.path("config").path("keras_history"));
        }
    }

    private static Node resolve(Map<String, Node[]> outputs, JsonNode ref, String at) throws ImportException {
        String name = ref.path(0).asText();
        Node[] nodes = outputs.get(name);
        int tensor = ref.path(2).asInt(0);
        if (nodes == null || tensor >= nodes.length) {
            throw new ImportException(at + ": refers to output " + tensor + " of layer \"" + name
                    + "\", which no earlier layer of the config gives");
        }
        return nodes[tensor];
    }
}
