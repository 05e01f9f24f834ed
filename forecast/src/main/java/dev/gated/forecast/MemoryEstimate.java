package dev.gated.forecast;

import dev.gated.layer.recurrent.RecurrentKind;
import java.util.Locale;

/**
 * What training a forecaster will need of the Java heap, estimated before anything is allocated, so that an
 * impossible request (100,000 units, a window of a million steps) fails at once with the figures instead of
 * with an {@link OutOfMemoryError} half-way through. The estimate errs on the high side:
 * <pre>
 *   P        = Σ_layers g·H·(I_l + H + 2) + H·horizon + horizon     g = 4 (LSTM), 3 (GRU), 1 (RNN)
 *   model    = 4 copies of P (weights, gradients, two Adam moments), 4 bytes each
 *   batch    = B·T·layers·H·(g + 4) floats kept for backpropagation, twice (forward and backward)
 *   windows  = rows·(T·F + horizon) floats, twice (the windows and a batch-ordered copy)
 * </pre>
 */
public record MemoryEstimate(long modelBytes, long batchBytes, long windowBytes) {

    /** The estimate for a network of {@code kind} with {@code hp} on {@code rows} rows of {@code features}. */
    public static MemoryEstimate of(RecurrentKind kind, HyperParameters hp, int features, long rows) {
        long g = switch (kind) {
            case LSTM -> 4;
            case GRU -> 3;
            case RNN -> 1;
        };
        long h = hp.units();
        long params = 0;
        long in = features;
        for (int l = 0; l < hp.layers(); l++) {
            params += g * h * (in + h + 2);
            in = h;
        }
        params += h * hp.horizon() + hp.horizon();
        long model = params * 4 * Float.BYTES;
        long batch = 2L * Math.min(hp.batch(), Math.max(rows, 1)) * hp.window() * hp.layers() * h * (g + 4) * Float.BYTES;
        long windows = 2L * rows * ((long) hp.window() * features + hp.horizon()) * Float.BYTES;
        return new MemoryEstimate(model, batch, windows);
    }

    public long total() {
        return modelBytes + batchBytes + windowBytes;
    }

    /**
     * Fails when the estimate exceeds what this JVM may still allocate, naming the largest part and the options
     * that drive it.
     */
    public void requireFits(long heapBytes) {
        if (total() <= heapBytes) {
            return;
        }
        String largest = modelBytes >= batchBytes && modelBytes >= windowBytes
                ? "the weights, gradients and optimizer state (" + gb(modelBytes) + "; use fewer --units or --layers)"
                : batchBytes >= windowBytes
                ? "the activations of one batch (" + gb(batchBytes) + "; use a smaller --batch, --window or --units)"
                : "the training windows (" + gb(windowBytes) + "; use a shorter --window, a larger --stride or "
                + "fewer rows)";
        throw new IllegalArgumentException("training this model needs about " + gb(total())
                + " of memory but Java may use " + gb(heapBytes) + "; the largest part is " + largest
                + ", or give Java more memory (GATED_JAVA_OPTS=-Xmx16g)");
    }

    /**
     * Fails when the estimate exceeds the heap this JVM may still use. Garbage counts as in use until collected,
     * so before refusing, garbage is collected (what reading the file left) and the check repeated.
     */
    public void requireFitsInHeap() {
        if (total() <= availableHeap()) {
            return;
        }
        System.gc();
        requireFits(availableHeap());
    }

    /** The heap this JVM may still use: its maximum less what is in use now, garbage included. */
    public static long availableHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }

    private static String gb(long bytes) {
        return bytes >= 1L << 30 ? String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30))
                : String.format(Locale.ROOT, "%.0f MB", Math.ceil(bytes / (double) (1L << 20)));
    }
}
