package dev.gated.spark;

import dev.gated.model.Model;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Supplier;

/**
 * Models kept in an executor's JVM between tasks, keyed by the broadcast that carried their file: a model is
 * read from its bytes the first time a task of this JVM needs it, not once per task or per row.
 *
 * <p>Training (forward/backward) uses a model's own buffers, so each concurrently running task borrows its
 * own instance ({@link #borrow}, {@link #giveBack}); the pool grows to the number of task slots of the
 * executor. Inference ({@link #shared}) uses one instance for all threads: {@code Model.predict} is
 * thread-safe.
 */
public final class ExecutorModels {

    private static final Map<String, ConcurrentLinkedDeque<Model>> POOLS = new ConcurrentHashMap<>();
    private static final Map<String, Object> SHARED = new ConcurrentHashMap<>();

    private ExecutorModels() {
    }

    /** An instance for this task alone; give it back when the task's work is done. */
    public static Model borrow(String key, Supplier<byte[]> bytes) {
        Model m = POOLS.computeIfAbsent(key, k -> new ConcurrentLinkedDeque<>()).pollFirst();
        return m != null ? m : load(bytes.get(), key);
    }

    public static void giveBack(String key, Model model) {
        POOLS.computeIfAbsent(key, k -> new ConcurrentLinkedDeque<>()).offerFirst(model);
    }

    /**
     * The one instance of this JVM, made by {@code load} on first use (a model, or a forecasting model with its
     * settings), for thread-safe inference.
     */
    @SuppressWarnings("unchecked")
    public static <T> T shared(String key, Supplier<T> load) {
        return (T) SHARED.computeIfAbsent(key, k -> {
            T made = load.get();
            LOADS.merge(k, 1, Integer::sum);
            return made;
        });
    }

    /** Forgets the models of {@code key} (the job that used them is over). */
    public static void forget(String key) {
        POOLS.remove(key);
        SHARED.remove(key);
    }

    /** How many instances of {@code key} this JVM has loaded so far (tests check "once per executor"). */
    public static int loaded(String key) {
        return LOADS.getOrDefault(key, 0);
    }

    private static final Map<String, Integer> LOADS = new ConcurrentHashMap<>();

    private static Model load(byte[] bytes, String key) {
        try {
            Model m = ModelBytes.load(bytes, "the broadcast model file (" + key + ")");
            LOADS.merge(key, 1, Integer::sum);
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
