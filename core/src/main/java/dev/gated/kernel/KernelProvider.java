package dev.gated.kernel;

import java.util.Objects;
import java.util.logging.Logger;

/**
 * Chooses the kernels once, at start-up: the Vector API implementation when the JVM was started with
 * {@code --add-modules jdk.incubator.vector}, the plain one otherwise (with one log line saying how to
 * enable the fast path). {@code -Dgated.kernels=plain} forces the plain kernels.
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
