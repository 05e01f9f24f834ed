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

    /** Busy CPU time of the whole machine and of this process, in clock ticks, at one moment (Linux). */
    record CpuUse(long machineBusy, long self, long nanos) {
        static CpuUse now() {
            long machine = -1;
            long self = -1;
            try {
                String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                // cpu user nice system idle iowait irq softirq steal ...: busy = all but idle and iowait
                machine = 0;
                for (int i = 1; i < cpu.length && i <= 8; i++) {
                    if (i != 4 && i != 5) {
                        machine += Long.parseLong(cpu[i]);
                    }
                }
                String stat = Files.readString(Path.of("/proc/self/stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split("\\s+");
                self = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);   // utime, stime (fields 14, 15)
            } catch (IOException | RuntimeException e) {
                // not Linux: unknown
            }
            return new CpuUse(machine, self, System.nanoTime());
        }

        /**
         * Cores kept busy by other processes between {@code start} and this moment, on average (machine busy time
         * minus this process's, over the wall time; clock ticks of 1/100 s); NaN where /proc cannot be read.
         */
        double outsideCoresSince(CpuUse start) {
            if (machineBusy < 0 || start.machineBusy < 0) {
                return Double.NaN;
            }
            double seconds = (nanos - start.nanos) / 1e9;
            double outside = ((machineBusy - start.machineBusy) - (self - start.self)) / 100.0;
            return seconds > 0 ? Math.max(0, outside / seconds) : Double.NaN;
        }
    }

    /** Other processes may keep this many cores busy on average during a run that is still called quiet. */
    static final double QUIET_OUTSIDE_CORES = 0.25;

    /**
     * A warning when other work shared the cores: other processes kept more than {@link #QUIET_OUTSIDE_CORES} of a
     * core busy on average during the run (measured from /proc/stat minus this process's own CPU time, so neither
     * the bench's own threads nor the build that bench/run makes just before it count — the 1-minute load average,
     * which counts both, called every run "not quiet"). Where /proc cannot be read, the load average at the start
     * (over half the CPUs) decides. Null when quiet.
     */
    static String loadWarning(String loadStart, double outsideCores) {
        double limit = Runtime.getRuntime().availableProcessors() / 2.0;
        if (Double.isNaN(outsideCores)) {
            double before = firstNumber(loadStart);
            return before <= limit ? null : String.format(java.util.Locale.ROOT, "NOT QUIET: load average %.2f at the "
                    + "start (limit %.1f on %d CPUs); these figures are not comparable with a quiet run", before, limit,
                    Runtime.getRuntime().availableProcessors());
        }
        if (outsideCores <= QUIET_OUTSIDE_CORES) {
            return null;
        }
        return String.format(java.util.Locale.ROOT, "NOT QUIET: other processes kept %.2f cores busy on average during "
                + "the run (limit %.2f); these figures are not comparable with a quiet run — rerun on an idle machine",
                outsideCores, QUIET_OUTSIDE_CORES);
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
