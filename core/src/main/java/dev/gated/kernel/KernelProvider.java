package dev.gated.kernel;

import java.util.Objects;
import java.util.logging.Logger;

/**
 * Chooses the kernels once, at start-up: the Vector API implementation when the JVM was started with
 * {@code --add-modules jdk.incubator.vector}, the plain one otherwise (with one log line saying how to
 * enable the fast path). {@code -Dgated.kernels=plain} forces the plain kernels.
 *
 * <p>Threads: the Vector API kernels split large matrix multiplies over {@code -Dgated.threads=N} threads
 * (default 1), or the count given to {@link #useThreads}. Results are bit-identical for every thread count.
 * The default is one thread because a split product waits for its slowest part: on a machine whose other
 * cores are busy (shared build machines, several models training at once) two threads ran slower than one.
 * The plain kernels always run on the calling thread.
 */
public final class KernelProvider {

    private static final Logger LOG = Logger.getLogger(KernelProvider.class.getName());
    private static volatile Kernels active = choose();

    private KernelProvider() {
    }

    /** The kernels in use. */
    public static Kernels get() {
        return active;
    }

    /** Replaces the kernels in use (tests compare implementations this way); returns the previous ones. */
    public static Kernels use(Kernels kernels) {
        Kernels previous = active;
        active = Objects.requireNonNull(kernels, "kernels");
        return previous;
    }

    /**
     * Replaces the kernels in use by the same kind (vector or plain) with {@code threads} threads; returns the
     * previous ones.
     */
    public static Kernels useThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1 but is " + threads);
        }
        if (active instanceof PlainKernels) {
            return active;
        }
        try {
            Class<?> vector = Class.forName("dev.gated.kernel.VectorKernels");
            return use((Kernels) vector.getDeclaredConstructor(int.class).newInstance(threads));
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("Vector API kernels unavailable: " + e, e);
        }
    }

    /** {@code -Dgated.threads}, else 1. */
    public static int defaultThreads() {
        String value = System.getProperty("gated.threads");
        if (value == null || value.isBlank()) {
            return 1;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("-Dgated.threads must be a whole number of at least 1 but is \"" + value + "\"");
    }

    private static Kernels choose() {
        String forced = System.getProperty("gated.kernels", "auto");
        if ("plain".equals(forced)) {
            return new PlainKernels();
        }
        boolean vectorModule = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        if (!vectorModule) {
            LOG.info("Gated uses its plain kernels; start the JVM with --add-modules jdk.incubator.vector "
                    + "for the faster Vector API kernels (the gated launcher does this)");
            return new PlainKernels();
        }
        try {
            Class<?> vector = Class.forName("dev.gated.kernel.VectorKernels");
            return (Kernels) vector.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            LOG.warning("Vector API kernels unavailable (" + e + "); using the plain kernels");
            return new PlainKernels();
        }
    }
}
