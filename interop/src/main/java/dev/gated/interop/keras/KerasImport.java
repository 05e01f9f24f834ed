package dev.gated.interop.keras;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gated.interop.ImportException;
import dev.gated.interop.layer.InteropLayers;
import dev.gated.interop.safetensors.NamedTensor;
import dev.gated.layer.recurrent.CellActivation;
import dev.gated.model.Model;
import io.jhdf.HdfFile;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Brings a Keras or TensorFlow.js model into Gated, weights and all:
 * <pre>{@code
 * Model model = KerasImport.load(Path.of("model.keras"));   // Keras 3: zip of config.json + model.weights.h5
 * Model model = KerasImport.load(Path.of("model.h5"));      // Keras 2, tf.keras 2.x, Keras 3 legacy HDF5
 * Model model = KerasImport.load(Path.of("model.json"));    // TF.js layers model, shards beside it
 * }</pre>
 * The config becomes Gated layers ({@link KerasLayers}, {@link KerasConfig}), the weights are put in Keras's
 * order ({@link KerasWeights}, {@link KerasWeightFiles}). Anything Gated cannot compute the same way is refused
 * with the layer's name and class, never skipped.
 */
public final class KerasImport {

    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        InteropLayers.register();
        // jHDF logs every group and dataset it reads at INFO, and inside a shaded jar (the CLI's) warns at every
        // file that it cannot find its own version; with slf4j-simple on the classpath that would reach stderr,
        // so its loggers start at ERROR unless the user chose a level
        if (System.getProperty("org.slf4j.simpleLogger.log.io.jhdf") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.io.jhdf", "error");
        }
    }

    private KerasImport() {
    }

    /** Loads by extension: .keras, .h5 / .hdf5, .json (TF.js). */
    public static Model load(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!Files.isRegularFile(file)) {
            throw new ImportException(file + ": no such file");
        }
        if (name.endsWith(".keras")) {
            return loadKeras3(file);
        }
        if (name.endsWith(".h5") || name.endsWith(".hdf5")) {
            return loadH5(file);
        }
        if (name.endsWith(".json")) {
            return loadTfjs(file);
        }
        throw new ImportException(file + ": expected a .keras, .h5 / .hdf5 or TF.js model.json file");
    }

    /** A TF.js layers model: model.json with modelTopology and weightsManifest, shards in the same folder. */
    public static Model loadTfjs(Path modelJson) throws IOException {
        String source = modelJson.toString();
        JsonNode root = json(Files.readString(modelJson), source);
        if (root.path("format").asText().equals("graph-model")) {
            throw new ImportException(source + ": a TF.js graph model (converted from a SavedModel) has no Keras layers; "
                    + "convert the Keras model with --output_format=tfjs_layers_model");
        }
        if (!root.has("modelTopology") || !root.has("weightsManifest")) {
            throw new ImportException(source + ": expected a TF.js layers model with \"modelTopology\" and \"weightsManifest\"");
        }
        Path folder = modelJson.toAbsolutePath().getParent();
        return assemble(KerasConfig.build(root.path("modelTopology"), source, CellActivation.HARD_SIGMOID_KERAS2),
                KerasWeightFiles.tfjs(root.path("weightsManifest"), folder, source), source);
    }

    /** A Keras 3 .keras archive. */
    public static Model loadKeras3(Path file) throws IOException {
        String source = file.toString();
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (e.getName().equals("config.json") || e.getName().equals("model.weights.h5")) {
                    entries.put(e.getName(), readLimited(zip, e.getName(), source));
                }
            }
        } catch (java.util.zip.ZipException e) {
            throw new ImportException(source + ": not a .keras archive (a zip file): " + e.getMessage());
        }
        for (String needed : List.of("config.json", "model.weights.h5")) {
            if (!entries.containsKey(needed)) {
                throw new ImportException(source + ": the .keras archive has no " + needed);
            }
        }
        JsonNode config = json(new String(entries.get("config.json"), java.nio.charset.StandardCharsets.UTF_8), source + "!config.json");
        try (HdfFile h5 = HdfFile.fromBytes(entries.get("model.weights.h5"))) {
            return assemble(KerasConfig.build(config, source, CellActivation.HARD_SIGMOID_KERAS3), KerasWeightFiles.keras3(h5, source + "!model.weights.h5"), source);
        }
    }

    /** A Keras 2 / tf.keras / Keras 3 legacy HDF5 model (model.save("m.h5")), with its model_config. */
    public static Model loadH5(Path file) throws IOException {
        String source = file.toString();
        try (HdfFile h5 = new HdfFile(file)) {
            List<String> version = KerasWeightFiles.strings(h5.getAttribute("keras_version"));
            if (!version.isEmpty() && version.get(0).startsWith("1.")) {
                throw new ImportException(source + ": written by Keras " + version.get(0) + "; Keras 1 files (output_dim, "
                        + "inner_activation, …) are not imported — load the model in Keras 2 or 3 and save it again");
            }
            List<String> config = KerasWeightFiles.strings(h5.getAttribute("model_config"));
            if (config.isEmpty()) {
                throw new ImportException(source + ": the HDF5 file has no model_config attribute — a weights-only file "
                        + "(save_weights) has no architecture; save the whole model with model.save(\"m.h5\")");
            }
            Node weights = h5.getChild("model_weights");
            Group group = weights instanceof Group g ? g : h5;
            // Keras 3 writes keras_version 3.x in its legacy .h5 too, and means its own hard_sigmoid there
            CellActivation hardSigmoid = !version.isEmpty() && version.get(0).startsWith("3.")
                    ? CellActivation.HARD_SIGMOID_KERAS3 : CellActivation.HARD_SIGMOID_KERAS2;
            return assemble(KerasConfig.build(json(config.get(0), source + " model_config"), source, hardSigmoid),
                    KerasWeightFiles.legacyH5(group, source), source);
        } catch (io.jhdf.exceptions.HdfException e) {
            throw new ImportException(source + ": not a readable HDF5 file: " + e.getMessage(), e);
        }
    }

    private static Model assemble(KerasConfig.Result built, Map<String, List<NamedTensor>> weights, String source) throws ImportException {
        Model model = built.model();
        try {
            model.build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ImportException(source + ": the Keras layers do not form a Gated model: " + e.getMessage(), e);
        }
        Map<String, List<NamedTensor>> left = new HashMap<>(weights);
        for (KerasConfig.Binding b : built.bindings()) {
            List<NamedTensor> arrays = left.remove(b.name());
            KerasWeights.assign(b.layer(), b.spec().path("config"), arrays == null ? List.of() : arrays, b.at());
        }
        left.values().removeIf(List::isEmpty);
        if (!left.isEmpty()) {
            throw new ImportException(source + ": the weights of " + new TreeSet<>(left.keySet())
                    + " belong to no layer of the config");
        }
        return model;
    }

    private static JsonNode json(String text, String source) throws ImportException {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ImportException(source + ": not valid JSON: " + e.getOriginalMessage() + " (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        }
    }

    private static byte[] readLimited(InputStream in, String entry, String source) throws IOException {
        byte[] bytes = in.readNBytes(1 << 30);
        if (in.read() != -1) {
            throw new ImportException(source + ": " + entry + " is larger than 1 GiB");
        }
        return bytes;
    }
}
