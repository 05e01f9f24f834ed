package dev.gated.studio.web;

import dev.gated.studio.spec.ModelSpec;
import java.util.List;

/**
 * {@code POST /api/memory}: a memory-lab run.
 *
 * @param task     adding (default), copy or first-symbol
 * @param length   the lag T (default 50)
 * @param examples training examples (default 1000)
 * @param seed     data seed (default 1)
 * @param models   the networks; units, epochs, batch, lr and seed are used
 */
public record MemoryRequest(String task, Integer length, Integer examples, Long seed, List<ModelSpec> models) {

    public MemoryRequest {
        task = task == null || task.isBlank() ? "adding" : task;
        length = length == null ? 50 : length;
        examples = examples == null ? 1000 : examples;
        seed = seed == null ? 1L : seed;
    }
}
