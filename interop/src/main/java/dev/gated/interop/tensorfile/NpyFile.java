package dev.gated.interop.tensorfile;

import dev.gated.interop.ImportException;
import dev.gated.tensor.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy's .npy format (numpy.lib.format), read into a float32 tensor:
 * <pre>
 * \x93NUMPY, major, minor             magic and version (1.0: header length u16; 2.0 and 3.0: u32, little-endian)
 * header                              a Python dict literal: {'descr': '&lt;f4', 'fortran_order': False, 'shape': (3, 4), }
 * data                                the values, C order, in descr's type and byte order
 * </pre>
 * Types read: f4, f8, i1, i2, i4, i8, u1, u2, u4, b1 (little- or big-endian). Fortran order is refused.
 */
public final class NpyFile {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([a-z])(\\d+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private NpyFile() {
    }

    public static Tensor read(byte[] bytes, String source) throws ImportException {
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes.length <= i || bytes[i] != MAGIC[i]) {
                throw new ImportException(source + ": not a .npy file (it does not start with \\x93NUMPY)");
            }
        }
        if (bytes.length < 10) {
            throw new ImportException(source + ": the .npy file ends inside its preamble");
        }
        int major = bytes[6];
        ByteBuffer le = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength = major == 1 ? Short.toUnsignedInt(le.getShort(8)) : le.getInt(8);
        int headerStart = major == 1 ? 10 : 12;
        if (major < 1 || major > 3 || headerLength < 0 || headerStart + headerLength > bytes.length) {
            throw new ImportException(source + ": .npy version " + major + "." + bytes[7] + " with header length "
                    + headerLength + " does not fit the file's " + bytes.length + " bytes");
        }
        String header = new String(bytes, headerStart, headerLength, StandardCharsets.ISO_8859_1);
        Matcher descr = DESCR.matcher(header);
        Matcher fortran = FORTRAN.matcher(header);
        Matcher shapeText = SHAPE.matcher(header);
        if (!descr.find() || !fortran.find() || !shapeText.find()) {
            throw new ImportException(source + ": the .npy header must give 'descr', 'fortran_order' and 'shape' but is " + header.strip());
        }
        if (fortran.group(1).equals("True")) {
            throw new ImportException(source + ": the array is stored in Fortran order; save it with np.save(f, np.ascontiguousarray(x))");
        }
        int[] shape = shape(shapeText.group(1), source);
        String dtype = descr.group(1) + descr.group(2) + descr.group(3);
        char kind = descr.group(2).charAt(0);
        int width = Integer.parseInt(descr.group(3));
        ByteOrder order = descr.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        long count = 1;
        for (int d : shape) {
            count *= d;
        }
        int dataStart = headerStart + headerLength;
        if ((long) dataStart + count * width != bytes.length) {
            throw new ImportException(source + ": shape " + java.util.Arrays.toString(shape) + " of " + dtype
                    + " needs " + count * width + " data bytes but the file has " + (bytes.length - dataStart));
        }
        ByteBuffer data = ByteBuffer.wrap(bytes, dataStart, bytes.length - dataStart).slice().order(order);
        float[] values = new float[(int) count];
        for (int i = 0; i < values.length; i++) {
            values[i] = value(data, i * width, kind, width, dtype, source);
        }
        return Tensor.of(values, shape);
    }

    private static int[] shape(String text, String source) throws ImportException {
        String[] parts = text.split(",");
        java.util.List<Integer> dims = new java.util.ArrayList<>();
        for (String p : parts) {
            if (!p.isBlank()) {
                try {
                    dims.add(Integer.parseInt(p.strip().replace("L", "")));
                } catch (NumberFormatException e) {
                    throw new ImportException(source + ": the .npy shape (" + text + ") is not a tuple of integers");
                }
            }
        }
        return dims.stream().mapToInt(Integer::intValue).toArray();
    }

    private static float value(ByteBuffer b, int at, char kind, int width, String descr, String source) throws ImportException {
        return switch (kind + "" + width) {
            case "f4" -> b.getFloat(at);
            case "f8" -> (float) b.getDouble(at);
            case "i1" -> b.get(at);
            case "u1", "b1" -> b.get(at) & 0xff;
            case "i2" -> b.getShort(at);
            case "u2" -> b.getShort(at) & 0xffff;
            case "i4" -> b.getInt(at);
            case "u4" -> b.getInt(at) & 0xffffffffL;
            case "i8" -> b.getLong(at);
            default -> throw new ImportException(source + ": .npy dtype " + descr
                    + " is not read; expected float32/64 or an integer type");
        };
    }
}
