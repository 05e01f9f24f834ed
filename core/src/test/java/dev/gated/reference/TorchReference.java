package dev.gated.reference;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.LibUtils;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Shared helpers of the PyTorch reference tests: loading PyTorch through DJL without touching the network,
 * and comparing Gated's numbers with PyTorch's, tensor by tensor, with the differences printed and labelled.
 *
 * <p><b>Offline.</b> Before the engine first loads, {@link #manager()} sets the system property
 * {@code ai.djl.offline=true}, so any attempt by DJL to download (a native library, a JNI binding, a model)
 * fails with "Offline mode is enabled" instead of reaching the network. Nothing needs downloading: the
 * test classpath carries {@code pytorch-native-cpu-2.7.1-linux-x86_64.jar} (libtorch) and
 * {@code pytorch-jni-2.7.1-0.36.0.jar} (libdjl_torch); DJL's {@code LibUtils} finds the bundled
 * {@code native/lib/pytorch.properties}, logs "Found bundled PyTorch package", and extracts both libraries
 * into its cache ({@code ~/.djl.ai/pytorch/2.7.1-…-cpu-linux-x86_64/}, or {@code $DJL_CACHE_DIR}) on first
 * use. {@code PYTORCH_VERSION} is deliberately left unset: set to anything but the bundled version it makes
 * DJL download that version. PyTorch runs single-threaded ({@code ai.djl.pytorch.num_threads=1},
 * {@code num_interop_threads=1}) so its reductions are deterministic and the shared build machine is spared.
 *
 * <p><b>Comparison.</b> An element agrees when {@code |gated − torch| ≤ 1e-5 · max(1, |torch|)}: relative
 * for values above 1, absolute below (float32 carries about 7 digits; sums over a few dozen terms lose one).
 * The printed {@code rel} is that scaled error, {@code |Δ| / max(1, |torch|)}.
 */
final class TorchReference {

    /** The limit on {@code |Δ| / max(1, |reference|)}. */
    static final double TOLERANCE = 1e-5;

    private static NDManager base;

    private TorchReference() {
    }

    /** A fresh sub-manager of the PyTorch engine's base manager (close it after each case). */
    static synchronized NDManager manager() {
        if (base == null) {
            setIfAbsent("ai.djl.offline", "true");
            setIfAbsent("ai.djl.pytorch.num_threads", "1");
            setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
            Engine engine = Engine.getEngine("PyTorch");
            System.out.println("[reference] DJL engine " + engine.getEngineName() + " " + engine.getVersion()
                    + ", libtorch from " + LibUtils.getLibtorchPath()
                    + ", ai.djl.offline=" + System.getProperty("ai.djl.offline"));
            if (!engine.getVersion().startsWith("2.7.1")) {
                throw new IllegalStateException("the reference is PyTorch 2.7.1 but DJL loaded " + engine.getVersion()
                        + " — check the pytorch-native-cpu version in the parent pom and unset PYTORCH_VERSION");
            }
            base = engine.newBaseManager(Device.cpu());
        }
        return base.newSubManager();
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /** What a compared tensor is, for the per-case summary line. */
    enum Family {
        OUTPUT("outputs"),
        STATE("final states"),
        INPUT_GRAD("input grad"),
        INITIAL_STATE_GRAD("initial-state grads"),
        WEIGHT_GRAD("weight grads");

        final String label;

        Family(String label) {
            this.label = label;
        }
    }

    /** The comparisons of one case: prints each tensor's line, keeps the worst per family and the failures. */
    static final class Report {

        private final String title;
        private final Map<Family, double[]> worst = new EnumMap<>(Family.class);  // {max|Δ|, max rel, count}
        private final List<String> failures = new ArrayList<>();

        Report(String title) {
            this.title = title;
            System.out.println("[reference] " + title);
        }

        /** Compares Gated's {@code gated} with PyTorch's {@code torch}, element by element, and prints the line. */
        void compare(Family family, String label, float[] gated, float[] torch) {
            if (gated.length != torch.length) {
                String line = label + ": Gated has " + gated.length + " elements, PyTorch " + torch.length;
                failures.add(line);
                System.out.println("  " + line + "  FAIL");
                return;
            }
            double maxAbs = 0;
            double maxRel = 0;
            int worstAt = 0;
            for (int i = 0; i < gated.length; i++) {
                double abs = Math.abs((double) gated[i] - torch[i]);
                double rel = abs / Math.max(1.0, Math.abs(torch[i]));
                if (!(rel <= maxRel)) {  // NaN counts as worst
                    maxRel = Double.isNaN(rel) ? Double.POSITIVE_INFINITY : rel;
                    worstAt = i;
                }
                maxAbs = Math.max(maxAbs, Double.isNaN(abs) ? Double.POSITIVE_INFINITY : abs);
            }
            boolean ok = maxRel <= TOLERANCE;
            String line = String.format(Locale.ROOT, "%s: max|Δ|=%.1e rel=%.1e", label, maxAbs, maxRel);
            if (!ok) {
                line += String.format(Locale.ROOT, "  FAIL at [%d]: Gated %.7g, PyTorch %.7g (limit rel %.0e)",
                        worstAt, gated[worstAt], torch[worstAt], TOLERANCE);
                failures.add(line);
            }
            System.out.println("  " + line);
            double[] w = worst.computeIfAbsent(family, f -> new double[3]);
            w[0] = Math.max(w[0], maxAbs);
            w[1] = Math.max(w[1], maxRel);
            w[2]++;
        }

        boolean passed() {
            return failures.isEmpty();
        }

        List<String> failures() {
            return failures;
        }

        /** One line with the worst difference of each family, to quote; then the failures, if any. */
        String summary() {
            StringBuilder sb = new StringBuilder("[reference] SUMMARY ").append(title).append(": ")
                    .append(passed() ? "PASS" : "FAIL (" + failures.size() + " tensors)");
            for (Map.Entry<Family, double[]> e : worst.entrySet()) {
                double[] w = e.getValue();
                sb.append(String.format(Locale.ROOT, " | %s (%d) max|Δ|=%.1e rel=%.1e",
                        e.getKey().label, (int) w[2], w[0], w[1]));
            }
            for (String f : failures) {
                sb.append("\n    ").append(f);
            }
            return sb.toString();
        }
    }
}
