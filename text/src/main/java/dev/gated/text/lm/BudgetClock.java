package dev.gated.text.lm;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * What a training budget counts: wall-clock time, or the CPU time of this process (all its threads, the JIT
 * and the garbage collector included). On a machine others share, wall-clock time measures the neighbours as
 * much as the model; CPU time is what the run itself used, and equals wall-clock time on an idle core with the
 * engine's default of one kernel thread.
 */
public enum BudgetClock {
    WALL, CPU;

    /** Seconds on this clock since an arbitrary origin: differences only. */
    public double now() {
        return this == WALL ? System.nanoTime() / 1e9 : processCpuSeconds();
    }

    /** wall or cpu, as the command line and the curve files name it. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses wall or cpu, any case. */
    public static BudgetClock parse(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "wall" -> WALL;
            case "cpu" -> CPU;
            default -> throw new IllegalArgumentException("clock must be wall or cpu but is '" + s + "'");
        };
    }

    /** The process's CPU time in seconds; wall-clock time where the JVM cannot tell (then CPU budgets are wall budgets). */
    static double processCpuSeconds() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long nanos = os.getProcessCpuTime();
            if (nanos >= 0) {
                return nanos / 1e9;
            }
        }
        return System.nanoTime() / 1e9;
    }
}
