package dev.gated.interop.safetensors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gated.interop.ImportException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads and writes the safetensors format (Hugging Face; what {@code safetensors.torch.save_file(
 * model.state_dict(), path)} writes):
 * <pre>
 * bytes 0..7     N, unsigned 64-bit little-endian: the header's length
 * bytes 8..8+N   JSON: {"name": {"dtype": "F32", "shape": [80, 10], "data_offsets": [begin, end]}, …,
 *                       "__metadata__": {"key": "value", …}}   (optional metadata, strings only)
 * bytes 8+N..    the data: each tensor's bytes, row-major, little-endian, at [begin, end) of this part
 * </pre>
 * Read dtypes: F32, F64, F16, BF16 (all converted to float32). Written: F32.
 */
public final class SafeTensors {

    /** The largest header read: far above any real state_dict's, small enough to refuse garbage early. */
    static final long MAX_HEADER = 100L << 20;

    private static final ObjectMapper JSON = new ObjectMapper();

    private SafeTensors() {
    }

    /** All tensors of the file, in the order of its header. */
    public static Map<String, NamedTensor> read(Path file) throws IOException {
        return read(Files.readAllBytes(file), file.toString());
    }

    /** All tensors of {@code bytes} ({@code source} names them in messages). */
    public static Map<String, NamedTensor> read(byte[] bytes, String source) throws ImportException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 8) {
            throw new ImportException(source + ": not a safetensors file — it has " + bytes.length
                    + " bytes but the format starts with an 8-byte header length");
        }
        long headerLength = buffer.getLong(0);
        if (headerLength < 2 || headerLength > MAX_HEADER || headerLength > bytes.length - 8) {
            throw new ImportException(source + ": not a safetensors file — its first 8 bytes give a header length of "
                    + Long.toUnsignedString(headerLength) + " but the file has " + bytes.length + " bytes");
        }
        String headerText = new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8);
        JsonNode header;
        try {
            header = JSON.readTree(headerText);
        } catch (JsonProcessingException e) {
            throw new ImportException(source + ": the safetensors header is not valid JSON: " + e.getOriginalMessage()
                    + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        }
        if (header == null || !header.isObject()) {
            throw new ImportException(source + ": the safetensors header must be a JSON object of tensors");
        }
        int dataStart = 8 + (int) headerLength;
        Map<String, NamedTensor> tensors = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equals("__metadata__")) {
                tensors.put(e.getKey(), tensor(source, e.getKey(), e.getValue(), buffer, dataStart));
            }
        }
        return tensors;
    }

    private static NamedTensor tensor(String source, String name, JsonNode entry, ByteBuffer buffer, int dataStart)
            throws ImportException {
        String where = source + ": tensor \"" + name + "\"";
        JsonNode dtype = entry.get("dtype");
        JsonNode shapeNode = entry.get("shape");
        JsonNode offsets = entry.get("data_offsets");
        if (dtype == null || shapeNode == null || offsets == null || !shapeNode.isArray() || offsets.size() != 2) {
            throw new ImportException(where + ": expected {\"dtype\", \"shape\", \"data_offsets\": [begin, end]} but found " + entry);
        }
        int width = switch (dtype.asText()) {
            case "F32" -> 4;
            case "F64" -> 8;
            case "F16", "BF16" -> 2;
            default -> throw new ImportException(where + ": dtype " + dtype.asText()
                    + " is not a floating-point weight type; expected F32, F64, F16 or BF16");
        };
        int[] shape = new int[shapeNode.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            long d = shapeNode.get(i).asLong(-1);
            if (d < 0 || d > Integer.MAX_VALUE) {
                throw new ImportException(where + ": shape " + shapeNode + " has an invalid dimension");
            }
            shape[i] = (int) d;
            count *= d;
        }
        long begin = offsets.get(0).asLong(-1);
        long end = offsets.get(1).asLong(-1);
        long available = buffer.capacity() - (long) dataStart;
        if (begin < 0 || end < begin || end > available || end - begin != count * width) {
            throw new ImportException(where + ": data_offsets [" + begin + ", " + end + "] must span " + count * width
                    + " bytes (" + count + " values of " + dtype.asText() + ") inside the " + available + " data bytes");
        }
        float[] data = new float[(int) count];
        int at = dataStart + (int) begin;
        for (int i = 0; i < data.length; i++, at += width) {
            data[i] = switch (width) {
                case 4 -> buffer.getFloat(at);
                case 8 -> (float) buffer.getDouble(at);
                default -> dtype.asText().equals("F16") ? halfToFloat(buffer.getShort(at))
                        : Float.intBitsToFloat((buffer.getShort(at) & 0xffff) << 16);
            };
        }
        return new NamedTensor(name, shape, data);
    }

    /** IEEE 754 binary16 → float32 (what Float.float16ToFloat does from Java 20 on). */
    static float halfToFloat(short bits) {
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >> 10) & 0x1f;
        int mantissa = bits & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));  // ±∞ or NaN
        }
        if (exponent == 0) {
            float subnormal = mantissa * 0x1p-24f;
            return sign == 0 ? subnormal : -subnormal;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }

    /** The file's bytes for {@code tensors} as F32, in the given order, with optional string metadata. */
    public static byte[] toBytes(Iterable<NamedTensor> tensors, Map<String, String> metadata) {
        ObjectNode header = JSON.createObjectNode();
        if (metadata != null && !metadata.isEmpty()) {
            ObjectNode meta = header.putObject("__metadata__");
            metadata.forEach(meta::put);
        }
        long offset = 0;
        for (NamedTensor t : tensors) {
            ObjectNode entry = header.putObject(t.name());
            entry.put("dtype", "F32");
            var shape = entry.putArray("shape");
            for (int d : t.shape()) {
                shape.add(d);
            }
            entry.putArray("data_offsets").add(offset).add(offset + 4L * t.data().length);
            offset += 4L * t.data().length;
        }
        byte[] headerBytes = header.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (headerBytes.length + 7) / 8 * 8;   // the data starts 8-byte aligned, as the reference writer does
        ByteBuffer out = ByteBuffer.allocate(8 + padded + (int) offset).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded).put(headerBytes);
        for (int i = headerBytes.length; i < padded; i++) {
            out.put((byte) ' ');
        }
        for (NamedTensor t : tensors) {
            for (float v : t.data()) {
                out.putFloat(v);
            }
        }
        return out.array();
    }
}
