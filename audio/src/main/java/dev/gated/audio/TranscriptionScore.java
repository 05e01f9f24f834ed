package dev.gated.audio;

import dev.gated.loss.CtcDecoder;
import java.util.List;

/**
 * How well digit strings were transcribed.
 *
 * <pre>
 * digit error rate  DER = Σ_i edit(ref_i, hyp_i) / Σ_i |ref_i|     (substitutions, insertions, deletions; can exceed 1)
 * string accuracy       = (1/N) Σ_i [hyp_i = ref_i]
 * </pre>
 * Predicting nothing gives DER = 1 exactly: every reference digit is a deletion.
 *
 * @param strings   N utterances
 * @param reference Σ |ref_i|, digits said
 * @param errors    Σ edit distances
 * @param exact     strings transcribed exactly
 */
public record TranscriptionScore(int strings, long reference, long errors, int exact) {

    /** Scores hypotheses against references, pairwise. */
    public static TranscriptionScore of(List<int[]> references, List<int[]> hypotheses) {
        if (references.size() != hypotheses.size()) {
            throw new IllegalArgumentException(references.size() + " references but " + hypotheses.size() + " transcriptions");
        }
        long digits = 0;
        long errors = 0;
        int exact = 0;
        for (int i = 0; i < references.size(); i++) {
            int e = CtcDecoder.editDistance(references.get(i), hypotheses.get(i));
            digits += references.get(i).length;
            errors += e;
            exact += e == 0 ? 1 : 0;
        }
        return new TranscriptionScore(references.size(), digits, errors, exact);
    }

    public double digitErrorRate() {
        return errors / (double) reference;
    }

    public double stringAccuracy() {
        return exact / (double) strings;
    }
}
