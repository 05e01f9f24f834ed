package dev.gated.translate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A seeded split of a corpus <em>by source sentence</em>: every translation of one English sentence lands on
 * the same side, so no test sentence was seen in training with another of its translations.
 *
 * <pre>
 * examples (one per distinct source) ─ filter(max source/target characters) ─ shuffle(java.util.Random(seed))
 *   ─► last round(n · testFraction) examples = test, the rest = train (then each part sorted back into file order)
 * </pre>
 * The length filter keeps a small compute budget honest: it applies to both parts, and a source counts as too
 * long when it or its <em>first</em> reference exceeds the limit.
 */
public record CorpusSplit(List<Example> train, List<Example> test) {

    public static CorpusSplit of(List<Example> examples, double testFraction, long seed, int maxSourceChars, int maxTargetChars) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("test fraction must be in (0, 1) but is " + testFraction);
        }
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            Example e = examples.get(i);
            if (e.source().length() <= maxSourceChars && e.reference().length() <= maxTargetChars) {
                kept.add(i);
            }
        }
        if (kept.size() < 2) {
            throw new IllegalArgumentException("only " + kept.size() + " of " + examples.size() + " sentences are at most "
                    + maxSourceChars + " characters (source) and " + maxTargetChars + " (target) — raise the length limits");
        }
        Collections.shuffle(kept, new Random(seed));
        int testSize = Math.max(1, (int) Math.round(kept.size() * testFraction));
        List<Integer> testIdx = new ArrayList<>(kept.subList(kept.size() - testSize, kept.size()));
        List<Integer> trainIdx = new ArrayList<>(kept.subList(0, kept.size() - testSize));
        Collections.sort(testIdx);
        Collections.sort(trainIdx);
        return new CorpusSplit(pick(examples, trainIdx), pick(examples, testIdx));
    }

    private static List<Example> pick(List<Example> examples, List<Integer> indices) {
        List<Example> out = new ArrayList<>(indices.size());
        for (int i : indices) {
            out.add(examples.get(i));
        }
        return List.copyOf(out);
    }

    /** The first {@code n} examples of a seeded shuffle of {@code examples} (a smaller budget, same seed, same subset). */
    public static List<Example> sample(List<Example> examples, int n, long seed) {
        if (n >= examples.size()) {
            return examples;
        }
        List<Example> copy = new ArrayList<>(examples);
        Collections.shuffle(copy, new Random(seed ^ 0x5DEECE66DL));
        return List.copyOf(copy.subList(0, n));
    }
}
