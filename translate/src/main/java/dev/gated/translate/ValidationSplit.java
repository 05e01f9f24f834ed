package dev.gated.translate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The validation part, carved out of the <em>training</em> sentences only (the test part never reaches
 * {@link Translator#train}), by source sentence: all translations of one English sentence are on one side.
 *
 * <pre>
 * train (N examples) ─ shuffle(java.util.Random(seed ^ 0x9E3779B97F4A7C15)) ─► first max(1, round(N · fraction)) = validation,
 *                      the rest = fit (each part back in file order); fraction 0 → validation empty, fit = train
 * </pre>
 */
public record ValidationSplit(List<Example> fit, List<Example> validation) {

    public static ValidationSplit of(List<Example> train, double fraction, long seed) {
        if (fraction == 0) {
            return new ValidationSplit(train, List.of());
        }
        int held = Math.max(1, (int) Math.round(train.size() * fraction));
        if (held >= train.size()) {
            throw new IllegalArgumentException("--validation-fraction " + fraction + " of " + train.size()
                    + " training sentences leaves none to train on — use a smaller fraction or more sentences");
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < train.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed ^ 0x9E3779B97F4A7C15L));
        List<Integer> validation = new ArrayList<>(order.subList(0, held));
        List<Integer> fit = new ArrayList<>(order.subList(held, order.size()));
        Collections.sort(validation);
        Collections.sort(fit);
        return new ValidationSplit(fit.stream().map(train::get).toList(), validation.stream().map(train::get).toList());
    }
}
