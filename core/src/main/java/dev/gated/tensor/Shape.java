package dev.gated.tensor;

/**
 * Shapes of one example, without the batch axis, as {@code int[]}: {@code (time steps, features)} for a
 * sequence, {@code (features)} for a vector, {@code (time steps)} for token indices. A dimension may be
 * {@link #ANY}: a time axis left free, so that each call may bring its own length T ≥ 1.
 *
 * <pre>{@code
 * Sequential.input(Shape.anyLength(1))     // sequences of any length, 1 feature per step
 * Sequential.input(Shape.anyLength())      // token indices of any length (for an Embedding)
 * Sequential.input(10, 1)                  // exactly 10 steps
 * }</pre>
 */
public final class Shape {

    /** A free dimension (Keras's {@code None}): any size ≥ 1 per call. */
    public static final int ANY = -1;

    private Shape() {
    }

    /** (ANY, perStep…): a sequence of any length, each step of shape {@code perStep} (empty for token indices). */
    public static int[] anyLength(int... perStep) {
        int[] shape = new int[perStep.length + 1];
        shape[0] = ANY;
        System.arraycopy(perStep, 0, shape, 1, perStep.length);
        return shape;
    }

    /** True when {@code actual} (no batch axis) fits {@code declared}, whose {@link #ANY} dimensions match any size. */
    public static boolean fits(int[] declared, int[] actual) {
        if (declared.length != actual.length) {
            return false;
        }
        for (int i = 0; i < declared.length; i++) {
            if (declared[i] != ANY && declared[i] != actual[i]) {
                return false;
            }
        }
        return true;
    }

    /** True when any dimension is {@link #ANY}. */
    public static boolean hasFreeAxis(int[] shape) {
        for (int d : shape) {
            if (d == ANY) {
                return true;
            }
        }
        return false;
    }

    /** "10, 1" or "None, 1": the dimensions joined as Keras prints them (free ones as None). */
    public static String describe(int[] shape) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(shape[i] == ANY ? "None" : Integer.toString(shape[i]));
        }
        return sb.toString();
    }

    /** "(None, 10, 1)": with the batch axis in front, as Keras's summary prints output shapes. */
    public static String withBatch(int[] shape) {
        return shape.length == 0 ? "(None)" : "(None, " + describe(shape) + ")";
    }

    /** "10,1" or "-1,1": the compact form model files store. */
    public static String encode(int[] shape) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ",").append(shape[i]);
        }
        return sb.toString();
    }

    /** Reads {@link #encode}'s form; an empty text is the shape of a scalar. */
    public static int[] decode(String text) {
        if (text == null) {
            throw new IllegalArgumentException("a shape is missing");
        }
        if (text.isBlank()) {
            return new int[0];
        }
        String[] parts = text.split(",");
        int[] shape = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].trim();
            try {
                shape[i] = Integer.parseInt(p);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("shape \"" + text + "\": \"" + p + "\" is not an integer");
            }
            if (shape[i] < 1 && shape[i] != ANY) {
                throw new IllegalArgumentException("shape \"" + text + "\": dimension " + shape[i] + " must be ≥ 1 or -1 (any)");
            }
        }
        return shape;
    }
}
