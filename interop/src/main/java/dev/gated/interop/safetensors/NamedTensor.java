package dev.gated.interop.safetensors;

import java.util.Arrays;

/** One tensor of a weights file: its name, shape and values (row-major, converted to float32). */
public record NamedTensor(String name, int[] shape, float[] data) {

    public NamedTensor {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException(name + ": shape " + Arrays.toString(shape) + " holds " + n
                    + " values but " + data.length + " were given");
        }
    }

    /** The shape as PyTorch prints it, e.g. {@code (80, 10)}. */
    public String shapeText() {
        return describe(shape);
    }

    public static String describe(int[] shape) {
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            s.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return s.append(shape.length == 1 ? ",)" : ")").toString();
    }
}
