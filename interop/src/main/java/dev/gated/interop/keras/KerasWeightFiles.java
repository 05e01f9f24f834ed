package dev.gated.interop.keras;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gated.interop.ImportException;
import dev.gated.interop.safetensors.NamedTensor;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Each format's weights, as one ordered list of arrays per Keras layer name (Keras's own weight order).
 *
 * <pre>
 * TF.js      weightsManifest: [{"paths": [shard files], "weights": [{"name": "lstm_1/kernel", "shape", "dtype"}]}]
 *            each group's shards concatenated, arrays back to back, little-endian float32; the layer is the
 *            name's first path segment
 * Keras 2    HDF5 /model_weights (or the root of a weights file): attribute layer_names; per layer group the
 *            attribute weight_names, each the path of a dataset in that group ("lstm_1/kernel:0",
 *            "lstm/lstm_cell/kernel:0", …)
 * Keras 3    model.weights.h5: /layers/&lt;name&gt;/…/vars/0, 1, …: a layer's own vars, then its sub-objects'
 *            (Bidirectional: forward_layer before backward_layer; LSTM: cell; TimeDistributed: layer)
 * </pre>
 */
final class KerasWeightFiles {

    private KerasWeightFiles() {
    }

    static Map<String, List<NamedTensor>> tfjs(JsonNode manifest, Path folder, String source) throws IOException {
        Map<String, List<NamedTensor>> out = new LinkedHashMap<>();
        if (!manifest.isArray()) {
            throw new ImportException(source + ": \"weightsManifest\" must be a list of weight groups");
        }
        for (JsonNode group : manifest) {
            byte[] bytes = concatenate(group.path("paths"), folder, source);
            ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            int offset = 0;
            for (JsonNode w : group.path("weights")) {
                String name = w.path("name").asText();
                if (w.has("quantization")) {
                    throw new ImportException(source + ": weight \"" + name + "\" is quantized ("
                            + w.path("quantization") + "); re-convert the model without quantization");
                }
                String dtype = w.path("dtype").asText("float32");
                if (!dtype.equals("float32")) {
                    throw new ImportException(source + ": weight \"" + name + "\" has dtype " + dtype + "; expected float32");
                }
                int[] shape = new int[w.path("shape").size()];
                int count = 1;
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = w.path("shape").get(i).asInt();
                    count *= shape[i];
                }
                if (offset + 4L * count > bytes.length) {
                    throw new ImportException(source + ": weight \"" + name + "\" " + NamedTensor.describe(shape)
                            + " needs bytes " + offset + ".." + (offset + 4L * count) + " of its group's shards, which hold "
                            + bytes.length + " bytes — a shard file is truncated or missing");
                }
                float[] data = new float[count];
                for (int i = 0; i < count; i++) {
                    data[i] = buffer.getFloat(offset + 4 * i);
                }
                offset += 4 * count;
                out.computeIfAbsent(layerOf(name), k -> new ArrayList<>()).add(new NamedTensor(name, shape, data));
            }
        }
        return out;
    }

    private static byte[] concatenate(JsonNode paths, Path folder, String source) throws IOException {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        for (JsonNode p : paths) {
            Path shard = folder.resolve(p.asText()).normalize();
            if (!shard.startsWith(folder.normalize()) || !Files.isRegularFile(shard)) {
                throw new ImportException(source + ": weight shard \"" + p.asText() + "\" listed in weightsManifest is not a file in "
                        + folder + " — keep the .bin files beside model.json");
            }
            all.write(Files.readAllBytes(shard));
        }
        return all.toByteArray();
    }

    private static String layerOf(String weightName) {
        int slash = weightName.indexOf('/');
        return slash < 0 ? weightName : weightName.substring(0, slash);
    }

    /** Keras 2 / tf.keras / Keras 3 legacy .h5: the group holding layer_names (model_weights, or the root). */
    static Map<String, List<NamedTensor>> legacyH5(Group weights, String source) throws ImportException {
        Map<String, List<NamedTensor>> out = new LinkedHashMap<>();
        for (String layer : strings(weights.getAttribute("layer_names"))) {
            Node node = weights.getChild(layer);
            if (!(node instanceof Group group)) {
                throw new ImportException(source + ": layer_names lists \"" + layer + "\" but the file has no such group");
            }
            List<NamedTensor> arrays = new ArrayList<>();
            for (String w : strings(group.getAttribute("weight_names"))) {
                Node d = group.getByPath(w);
                if (!(d instanceof Dataset dataset)) {
                    throw new ImportException(source + ": layer \"" + layer + "\" lists weight \"" + w + "\" but the file has no such dataset");
                }
                arrays.add(array(w, dataset));
            }
            out.put(layer, arrays);
        }
        return out;
    }

    /** Keras 3 model.weights.h5: /layers/&lt;name&gt;. */
    static Map<String, List<NamedTensor>> keras3(Group root, String source) throws ImportException {
        Map<String, List<NamedTensor>> out = new LinkedHashMap<>();
        Node layers = root.getChild("layers");
        if (!(layers instanceof Group group)) {
            throw new ImportException(source + ": model.weights.h5 has no /layers group; is this a Keras 3 .keras file?");
        }
        for (Node layer : group.getChildren().values()) {
            if (layer instanceof Group g) {
                List<NamedTensor> arrays = new ArrayList<>();
                collectVars(g, arrays);
                out.put(layer.getName(), arrays);
            }
        }
        return out;
    }

    private static void collectVars(Group group, List<NamedTensor> out) {
        Node vars = group.getChild("vars");
        if (vars instanceof Group v) {
            List<Node> own = new ArrayList<>(v.getChildren().values());
            own.sort(Comparator.comparingInt(n -> Integer.parseInt(n.getName())));
            for (Node n : own) {
                if (n instanceof Dataset d) {
                    out.add(array(n.getPath(), d));
                }
            }
        }
        List<Node> children = new ArrayList<>(group.getChildren().values());
        children.removeIf(n -> n.getName().equals("vars") || !(n instanceof Group));
        children.sort(Comparator.comparingInt((Node n) -> n.getName().equals("forward_layer") ? 0 : n.getName().equals("backward_layer") ? 1 : 2)
                .thenComparing(Node::getName));
        for (Node child : children) {
            collectVars((Group) child, out);
        }
    }

    private static NamedTensor array(String name, Dataset d) {
        int[] shape = d.getDimensions();
        Object flat = d.getDataFlat();
        float[] data;
        if (flat instanceof float[] f) {
            data = f;
        } else if (flat instanceof double[] doubles) {
            data = new float[doubles.length];
            for (int i = 0; i < data.length; i++) {
                data[i] = (float) doubles[i];
            }
        } else {
            throw new IllegalArgumentException("weight \"" + name + "\" holds " + flat.getClass().getSimpleName()
                    + " values; expected float32 or float64");
        }
        return new NamedTensor(name, shape, data);
    }

    /** A string attribute as a list (HDF5 keeps Keras's names as fixed-length byte strings). */
    static List<String> strings(Attribute attribute) {
        List<String> out = new ArrayList<>();
        if (attribute == null) {
            return out;
        }
        Object data = attribute.getData();
        if (data instanceof String s) {
            out.add(s);
        } else if (data instanceof String[] a) {
            out.addAll(List.of(a));
        } else if (data instanceof Object[] a) {
            for (Object o : a) {
                out.add(o instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8) : String.valueOf(o));
            }
        }
        return out;
    }
}
