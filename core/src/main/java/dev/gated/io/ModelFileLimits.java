package dev.gated.io;

import java.io.EOFException;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Checks a model file's declarations against each other and against the heap before the model is built, and
 * words what still goes wrong while reading it: every problem becomes a {@link ModelFileException} naming the
 * file, never a bare {@code EOFException}, {@code NumberFormatException} or {@code OutOfMemoryError}.
 */
public final class ModelFileLimits {

    /** A model's weights may use at most this share of the heap (gradients, optimizer state and data need the rest). */
    private static final int HEAP_SHARE_OF_WEIGHTS = 4;

    private ModelFileLimits() {
    }

    /**
     * The parameter shapes declared in {@code model.properties} must need exactly the bytes that
     * {@code weights.bin} declares, and fit the heap, before anything is allocated for them. Declarations that
     * cannot be read are left to the loader's own checks, which name them.
     */
    public static void checkDeclaredWeights(Path file, Properties props, long weightsSize) throws ModelFileException {
        long declared = declaredWeightBytes(props);
        if (declared < 0) {
            return;
        }
        long heap = Runtime.getRuntime().maxMemory();
        if (declared > heap / HEAP_SHARE_OF_WEIGHTS) {
            throw new ModelFileException(file, "declares " + declared + " bytes of weights, more than this Java heap ("
                    + heap + " bytes) can train or run; if the file is genuine, give Java more memory (-Xmx)");
        }
        if (weightsSize >= 0 && weightsSize != declared) {
            throw new ModelFileException(file, "is inconsistent: its parameter shapes need " + declared
                    + " bytes of weights but " + ModelArchive.WEIGHTS + " holds " + weightsSize);
        }
        checkLayerSizes(file, props, declared / ("FLOAT64".equals(props.getProperty("precision")) ? 8 : 4));
    }

    /**
     * A layer with {@code units}, {@code vocabulary_size} or {@code dimension} = n has at least n parameters, so
     * no such value may exceed the parameters the file declares: an edited {@code units=15000} beside the
     * shapes of a 3-unit layer is refused here, before building would allocate gigabytes for it.
     */
    private static void checkLayerSizes(Path file, Properties props, long declaredParameters)
            throws ModelFileException {
        for (String key : props.stringPropertyNames()) {
            if (!SIZE_KEY.matcher(key).matches()) {
                continue;
            }
            long value;
            try {
                value = Long.parseLong(props.getProperty(key).trim());
            } catch (NumberFormatException e) {
                continue; // named by the architecture's own check
            }
            if (value > Math.max(1, declaredParameters)) {
                throw new ModelFileException(file, "is inconsistent: " + key + "=" + value + " needs at least "
                        + value + " parameters but the file declares " + declaredParameters + " in all");
            }
        }
    }

    private static final java.util.regex.Pattern SIZE_KEY =
            java.util.regex.Pattern.compile("layer\\.\\d+\\.(units|vocabulary_size|dimension)");

    /** Σ parameter sizes × bytes per value, or -1 when the declarations are missing or malformed. */
    static long declaredWeightBytes(Properties props) {
        try {
            int bytes = switch (props.getProperty("precision", "")) {
                case "FLOAT32" -> 4;
                case "FLOAT64" -> 8;
                default -> throw new NumberFormatException("precision");
            };
            int count = Integer.parseInt(props.getProperty("parameters", ""));
            long total = 0;
            for (int i = 0; i < count; i++) {
                long size = 1;
                for (String d : props.getProperty("parameter." + i + ".shape", "").split(",")) {
                    int dim = Integer.parseInt(d.trim());
                    if (dim < 0) {
                        return -1;
                    }
                    size = Math.multiplyExact(size, dim);
                }
                total = Math.addExact(total, Math.multiplyExact(size, bytes));
            }
            return total;
        } catch (NumberFormatException e) {
            return -1;
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE; // overflows: far too large, refused by the caller
        }
    }

    /** The message for a failure while interpreting a file that passed the archive checks. */
    public static ModelFileException unreadable(Path file, Throwable e) {
        String problem;
        if (e instanceof OutOfMemoryError) {
            problem = "declares a model larger than this Java heap (" + Runtime.getRuntime().maxMemory()
                    + " bytes) can hold; if the file is genuine, give Java more memory (-Xmx)";
        } else if (e instanceof EOFException) {
            problem = "is truncated: it ends in the middle of an entry";
        } else if (e instanceof NumberFormatException) {
            problem = "is corrupted or was edited: a number in " + ModelArchive.PROPERTIES + " is malformed ("
                    + e.getMessage() + ")";
        } else if (e instanceof NullPointerException) {
            problem = "is corrupted or was edited: a setting is missing from " + ModelArchive.PROPERTIES;
        } else if (e instanceof IndexOutOfBoundsException) {
            problem = "is corrupted or was edited: a setting in " + ModelArchive.PROPERTIES + " has too few fields";
        } else {
            problem = "is corrupted or was edited: " + (e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage());
        }
        return new ModelFileException(file, problem, e);
    }
}
