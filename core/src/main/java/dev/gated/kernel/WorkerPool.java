package dev.gated.kernel;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed set of daemon threads that run the parts of one task at a time. Allocation-free per call (the task
 * is a reusable object), so it can be used inside the time loop.
 *
 * <p>Parts are claimed, not assigned: the caller and every awake worker take the next unclaimed part until
 * none is left. A worker that the operating system has not scheduled yet (a busy co-tenant on the other
 * core) therefore costs nothing — the caller runs its part too — instead of stalling every step until it
 * wakes. The caller then waits only for parts already being run elsewhere.
 *
 * <p>Workers spin briefly after each task (the next matrix multiply of a time loop follows within
 * microseconds) and then park. If the pool is already in use — by another thread, or by this one: a part
 * of a coarse task (a whole sequence for some batch rows) that calls a matrix multiply — the caller runs
 * every part itself. Callers split work so that the result does not depend on which thread runs which part.
 */
final class WorkerPool {

    /** Work split into parts; {@code run(p)} for p in [0, parts) may run on any thread, in any order. */
    interface Task {
        void run(int part);
    }

    private static final long SPIN_NANOS = 200_000;
    private static final int PART_BITS = 16;
    private static final long PART_MASK = (1L << PART_BITS) - 1;

    private final int threads;
    private final Thread[] workers;
    /** Held while a task runs; not re-entrant, so a nested call from a part runs inline. */
    private final AtomicBoolean busy = new AtomicBoolean();
    /** Parts of the current task not yet finished. */
    private final AtomicInteger remaining = new AtomicInteger();
    /** generation &lt;&lt; 16 | next unclaimed part: a claim is valid only for the generation it names. */
    private final AtomicLong claims = new AtomicLong();
    private volatile Task task;
    /** generation &lt;&lt; 16 | parts: read once by a worker, so it never mixes two calls' part counts. */
    private volatile long ticket;
    private long generation;
    private volatile Thread caller;
    private volatile Throwable failure;
    private final boolean[] sleeping;

    WorkerPool(int threads) {
        this.threads = threads;
        this.workers = new Thread[threads];
        this.sleeping = new boolean[threads];
        for (int w = 1; w < threads; w++) {
            int index = w;
            Thread t = new Thread(() -> work(index), "gated-kernels-" + w);
            t.setDaemon(true);
            workers[w] = t;
            t.start();
        }
    }

    int threads() {
        return threads;
    }

    /** Whether a task is running now (a call now would run its parts on the caller). */
    boolean inUse() {
        return busy.get();
    }

    /** Runs parts 0 … n−1 of {@code t} (n ≤ threads) and returns when all are done. */
    void run(int n, Task t) {
        if (n <= 1 || !busy.compareAndSet(false, true)) {
            for (int p = 0; p < n; p++) {
                t.run(p);
            }
            return;
        }
        try {
            task = t;
            failure = null;
            caller = Thread.currentThread();
            remaining.set(n);
            generation++;
            claims.set(generation << PART_BITS);
            ticket = generation << PART_BITS | n;
            for (int w = 1; w < n; w++) {
                if (sleepingVolatile(w)) {
                    LockSupport.unpark(workers[w]);
                }
            }
            runClaimedParts(generation, n, t);
            awaitWorkers();
            Throwable f = failure;
            if (f != null) {
                throw new IllegalStateException("a kernel worker thread failed", f);
            }
        } finally {
            task = null;
            busy.set(false);
        }
    }

    /** Claims and runs parts of generation {@code gen} until none is left (or a newer task has begun). */
    private void runClaimedParts(long gen, int n, Task t) {
        while (true) {
            long current = claims.get();
            int part = (int) (current & PART_MASK);
            if (current >>> PART_BITS != gen || part >= n) {
                return;
            }
            if (!claims.compareAndSet(current, current + 1)) {
                continue;
            }
            try {
                t.run(part);
            } catch (Throwable e) {
                failure = e;
            }
            if (remaining.decrementAndGet() == 0 && Thread.currentThread() != caller) {
                LockSupport.unpark(caller);
            }
        }
    }

    private void awaitWorkers() {
        long start = System.nanoTime();
        int spins = 0;
        while (remaining.get() > 0) {
            if (++spins < 1 << 12 || System.nanoTime() - start < SPIN_NANOS) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(this, 50_000);
            }
        }
    }

    private synchronized boolean sleepingVolatile(int w) {
        return sleeping[w];
    }

    private synchronized void setSleeping(int w, boolean value) {
        sleeping[w] = value;
    }

    private void work(int index) {
        long seen = 0;
        while (true) {
            long start = System.nanoTime();
            int spins = 0;
            long current;
            while ((current = ticket) == seen) {
                if (++spins < 1 << 10 || System.nanoTime() - start < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    setSleeping(index, true);
                    if (ticket == seen) {
                        LockSupport.park(this);
                    }
                    setSleeping(index, false);
                }
            }
            seen = current;
            int parts = (int) (current & PART_MASK);
            Task t = task;
            // a task read after its generation ended is never run: its claims carry the old generation
            if (index < parts && t != null) {
                runClaimedParts(current >>> PART_BITS, parts, t);
            }
        }
    }
}
