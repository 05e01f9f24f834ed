package dev.gated.interop.tensorfile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gated.interop.ImportException;
import dev.gated.tensor.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** .npy and JSON tensors as NumPy writes them (headers padded to 64 bytes, version 1.0 and 2.0). */
class TensorFilesTest {

    /** The bytes np.save would write for {@code values} of {@code descr} and {@code shape} (C order). */
    static byte[] npy(int major, String descr, String shape, boolean fortran, ByteOrder order, int width, double... values) {
        String header = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': " + shape + ", }";
        int preamble = major == 1 ? 10 : 12;
        int total = (preamble + header.length() + 1 + 63) / 64 * 64;
        header = header + " ".repeat(total - preamble - header.length() - 1) + "\n";
        ByteBuffer b = ByteBuffer.allocate(total + width * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        if (major == 1) {
            b.putShort((short) (total - preamble));
        } else {
            b.putInt(total - preamble);
        }
        b.put(header.getBytes(StandardCharsets.ISO_8859_1));
        b.order(order);
        for (double v : values) {
            switch (width) {
                case 8 -> b.putDouble(v);
                case 4 -> {
                    if (descr.endsWith("f4")) {
                        b.putFloat((float) v);
                    } else {
                        b.putInt((int) v);
                    }
                }
                default -> b.put((byte) v);
            }
        }
        return b.array();
    }

    @Test
    void readsFloatAndIntegerArraysInEitherByteOrder() throws Exception {
        Tensor f8 = NpyFile.read(npy(1, ">f8", "(2, 3)", false, ByteOrder.BIG_ENDIAN, 8, 1, 2, 3, 4, 5, 6.5), "a.npy");
        assertArrayEquals(new int[] {2, 3}, f8.shape());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6.5f}, f8.toFloatArray());
        Tensor i4 = NpyFile.read(npy(2, "<i4", "(1, 2, 2)", false, ByteOrder.LITTLE_ENDIAN, 4, 7, -1, 0, 3), "b.npy");
        assertArrayEquals(new int[] {1, 2, 2}, i4.shape());
        assertArrayEquals(new float[] {7, -1, 0, 3}, i4.toFloatArray());
        Tensor u1 = NpyFile.read(npy(1, "|u1", "(3,)", false, ByteOrder.LITTLE_ENDIAN, 1, 200, 1, 0), "c.npy");
        assertArrayEquals(new float[] {200, 1, 0}, u1.toFloatArray());
    }

    @Test
    void refusesWhatItCannotReadWithTheReason() {
        byte[] fortran = npy(1, "<f4", "(2, 2)", true, ByteOrder.LITTLE_ENDIAN, 4, 1, 2, 3, 4);
        assertTrue(assertThrows(ImportException.class, () -> NpyFile.read(fortran, "f.npy")).getMessage().contains("Fortran order"));
        byte[] complex = npy(1, "<c8", "(1,)", false, ByteOrder.LITTLE_ENDIAN, 8, 0);
        assertTrue(assertThrows(ImportException.class, () -> NpyFile.read(complex, "c.npy")).getMessage().contains("dtype <c8"));
        byte[] good = npy(1, "<f4", "(2, 2)", false, ByteOrder.LITTLE_ENDIAN, 4, 1, 2, 3, 4);
        byte[] cut = java.util.Arrays.copyOf(good, good.length - 4);
        ImportException e = assertThrows(ImportException.class, () -> NpyFile.read(cut, "cut.npy"));
        assertTrue(e.getMessage().contains("needs 16 data bytes but the file has 12"), e.getMessage());
        assertTrue(assertThrows(ImportException.class, () -> NpyFile.read("{}".getBytes(StandardCharsets.UTF_8), "j.npy"))
                .getMessage().contains("not a .npy file"));
    }

    @Test
    void jsonTensorsAreCheckedAgainstTheirShape() throws Exception {
        Tensor t = TensorFiles.fromJson("{\"shape\": [2, 1], \"data\": [0.5, -1]}", "x.json");
        assertArrayEquals(new float[] {0.5f, -1f}, t.toFloatArray());
        assertTrue(assertThrows(ImportException.class, () -> TensorFiles.fromJson("{\"shape\": [2, 0], \"data\": []}", "z.json"))
                .getMessage().contains("shape[1] must be a positive integer"));
        assertTrue(assertThrows(ImportException.class, () -> TensorFiles.fromJson("{\"shape\": [2], \"data\": [1, \"a\"]}", "s.json"))
                .getMessage().contains("data[1] must be a number"));
        ImportException bad = assertThrows(ImportException.class, () -> TensorFiles.fromJson("{\"shape\": [2", "b.json"));
        assertTrue(bad.getMessage().contains("b.json: not valid JSON") && bad.getMessage().contains("line 1"), bad.getMessage());
        assertTrue(TensorFiles.toJsonText(java.util.List.of(t)).startsWith("{\"shape\":[2,1],\"data\":[0.5,-1.0]"));
    }
}
