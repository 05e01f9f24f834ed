package dev.gated.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Progress for the steps of a command that are not training epochs (reading and typing a large file, fitting the
 * scaler, evaluating, the baselines, saving): a step still running after a second is announced on standard
 * error, again every ten seconds, and its time is given when it ends. Quick steps print nothing; piped output
 * too shows it (a silent minute is what made users kill runs), and {@code --quiet} or {@code --json} silence it.
 * <pre>
 *   gated: computing the baselines (period detection on 1,000,000 rows)… 1 s
 *   gated: computing the baselines (period detection on 1,000,000 rows)… 11 s
 *   gated: computing the baselines (period detection on 1,000,000 rows): done in 14.2 s
 * </pre>
 * A step that fails ends with "stopped after N s" instead, and the error line follows.
 */
final class SlowSteps {

    /** Milliseconds a step runs before it is announced (a system property, so that tests can lower it to 0). */
    static final String AFTER_PROPERTY = "gated.progress.afterMillis";
    static final long AFTER_MILLIS = 1000;
    static final long EVERY_MILLIS = 10_000;

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "gated-progress");
        t.setDaemon(true);
        return t;
    });

    /** A step's work. */
    interface Step<T> {
        T run() throws Exception;
    }

    /** A step's work without a result. */
    interface Action {
        void run() throws Exception;
    }

    private final PrintStream err;
    private final boolean on;

    SlowSteps(PrintStream err, boolean on) {
        this.err = err;
        this.on = on;
    }

    /** Runs {@code step}, announcing it as {@code what} ("reading sales.csv") if it takes more than a second. */
    <T> T run(String what, Step<T> step) throws Exception {
        if (!on) {
            return step.run();
        }
        long after = Long.getLong(AFTER_PROPERTY, AFTER_MILLIS);
        long start = System.nanoTime();
        Announcer a = new Announcer(what, start);
        ScheduledFuture<?> timer = null;
        if (after <= 0) {
            a.announce();
        } else {
            timer = TIMER.scheduleAtFixedRate(a::announce, after, EVERY_MILLIS, TimeUnit.MILLISECONDS);
        }
        boolean done = false;
        try {
            T result = step.run();
            done = true;
            return result;
        } finally {
            if (timer != null) {
                timer.cancel(false);
            }
            a.finish(done);
        }
    }

    /** As {@link #run(String, Step)} for a step without a result. */
    void run(String what, Action action) throws Exception {
        run(what, () -> {
            action.run();
            return null;
        });
    }

    /** Prints the lines of one step; the timer thread and the step's thread take turns under its lock. */
    private final class Announcer {
        private final String what;
        private final long start;
        private boolean announced;
        private boolean finished;

        Announcer(String what, long start) {
            this.what = what;
            this.start = start;
        }

        synchronized void announce() {
            if (!finished) {
                err.printf(Locale.ROOT, "gated: %s… %d s%n", what, Math.round(seconds()));
                err.flush();
                announced = true;
            }
        }

        synchronized void finish(boolean done) {
            finished = true;
            if (announced) {
                err.printf(Locale.ROOT, "gated: %s: %s %.1f s%n", what, done ? "done in" : "stopped after",
                        seconds());
                err.flush();
            }
        }

        private double seconds() {
            return (System.nanoTime() - start) / 1e9;
        }
    }
}
