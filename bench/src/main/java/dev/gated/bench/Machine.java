package dev.gated.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the numbers were measured on. */
final class Machine {

    private Machine() {
    }

    static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        return System.getProperty("os.arch");
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    /**
     * A warning when the 1-minute load average at either end of the run exceeded half the CPUs (1.0 on this 2-core
     * host): other work then shared the cores and the figures are not comparable with a quiet run. Null when quiet.
     */
    static String loadWarning(String loadStart, String loadEnd) {
        double limit = Runtime.getRuntime().availableProcessors() / 2.0;
        double worst = Math.max(firstNumber(loadStart), firstNumber(loadEnd));
        if (worst <= limit) {
            return null;
        }
        return String.format(java.util.Locale.ROOT, "NOT QUIET: 1-minute load average reached %.2f (limit %.1f on %d CPUs); "
                + "other work shared the cores, so these figures are not comparable with a quiet run — rerun on an idle machine",
                worst, limit, Runtime.getRuntime().availableProcessors());
    }

    private static double firstNumber(String load) {
        try {
            return Double.parseDouble(load.trim().split("\\s+")[0]);
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    static String describe() {
        return "Machine: " + cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " CPUs | JVM: "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + " | Gated " + dev.gated.Version.class.getPackage().getImplementationVersion();
    }
}
