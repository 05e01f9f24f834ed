package dev.gated.translate;

import java.util.List;

/**
 * BLEU, chrF and exact match of outputs against their examples' references.
 *
 * @param bleu       sacreBLEU-default corpus BLEU ({@link Bleu#corpus})
 * @param chrF       sacreBLEU-default corpus chrF, β = 2 ({@link ChrF#corpus})
 * @param exactMatch the fraction of outputs equal to one of their references (after trimming)
 */
public record Scores(double bleu, double chrF, double exactMatch) {

    public static Scores of(List<String> outputs, List<Example> examples) {
        if (outputs.size() != examples.size()) {
            throw new IllegalArgumentException(outputs.size() + " outputs for " + examples.size() + " examples");
        }
        List<List<String>> refs = examples.stream().map(Example::references).toList();
        int exact = 0;
        for (int i = 0; i < outputs.size(); i++) {
            exact += refs.get(i).contains(outputs.get(i).strip()) ? 1 : 0;
        }
        return new Scores(Bleu.corpus(outputs, refs), ChrF.corpus(outputs, refs), outputs.isEmpty() ? 0 : (double) exact / outputs.size());
    }
}
