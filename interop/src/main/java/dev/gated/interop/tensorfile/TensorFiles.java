package dev.gated.interop.tensorfile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gated.interop.ImportException;
import dev.gated.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Tensors in files, for predicting from the command line: JSON {@code {"shape": [2, 5, 3], "data": [… 30
 * numbers, row-major …]}} and NumPy's .npy ({@link NpyFile}).
 */
public final class TensorFiles {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TensorFiles() {
    }

    /** Reads a .json or .npy tensor (by extension). */
    public static Tensor read(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".npy")) {
            return NpyFile.read(Files.readAllBytes(file), file.toString());
        }
        if (name.endsWith(".json")) {
            return fromJson(Files.readString(file), file.toString());
        }
        throw new ImportException(file + ": expected a .json tensor {\"shape\": [...], \"data\": [...]} or a NumPy .npy file");
    }

    static Tensor fromJson(String text, String source) throws ImportException {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ImportException(source + ": not valid JSON: " + e.getOriginalMessage() + " (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        }
        JsonNode shape = root == null ? null : root.get("shape");
        JsonNode data = root == null ? null : root.get("data");
        if (shape == null || data == null || !shape.isArray() || !data.isArray()) {
            throw new ImportException(source + ": expected {\"shape\": [dims…], \"data\": [numbers…]} (row-major)");
        }
        int[] dims = new int[shape.size()];
        long count = 1;
        for (int i = 0; i < dims.length; i++) {
            if (!shape.get(i).canConvertToInt() || shape.get(i).asInt() < 1) {
                throw new ImportException(source + ": shape[" + i + "] must be a positive integer but is " + shape.get(i));
            }
            dims[i] = shape.get(i).asInt();
            count *= dims[i];
        }
        if (count != data.size()) {
            throw new ImportException(source + ": shape " + shape + " holds " + count + " values but \"data\" has " + data.size());
        }
        float[] values = new float[data.size()];
        for (int i = 0; i < values.length; i++) {
            if (!data.get(i).isNumber()) {
                throw new ImportException(source + ": data[" + i + "] must be a number but is " + data.get(i));
            }
            values[i] = (float) data.get(i).asDouble();
        }
        return Tensor.of(values, dims);
    }

    /** {"shape": …, "data": …} of one tensor. */
    public static ObjectNode toJson(Tensor t) {
        ObjectNode node = JSON.createObjectNode();
        ArrayNode shape = node.putArray("shape");
        for (int d : t.shape()) {
            shape.add(d);
        }
        ArrayNode data = node.putArray("data");
        for (int i = 0; i < t.size(); i++) {
            data.add((float) t.get(i));
        }
        return node;
    }

    /** One tensor as its JSON object; several as {"outputs": [ … ]}. */
    public static String toJsonText(List<Tensor> outputs) {
        if (outputs.size() == 1) {
            return toJson(outputs.get(0)).toString();
        }
        ObjectNode root = JSON.createObjectNode();
        ArrayNode all = root.putArray("outputs");
        outputs.forEach(t -> all.add(toJson(t)));
        return root.toString();
    }
}
