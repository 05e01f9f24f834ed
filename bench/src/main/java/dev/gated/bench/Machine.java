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

    static String describe() {
        return "Machine: " + cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " CPUs | JVM: "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + " | Gated " + dev.gated.Version.class.getPackage().getImplementationVersion();
    }
}
