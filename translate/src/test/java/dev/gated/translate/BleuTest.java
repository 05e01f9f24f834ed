package dev.gated.translate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Corpus BLEU against sacreBLEU. The expected values were printed by sacreBLEU 2.6.0 ({@code BLEU().corpus_score},
 * defaults: 13a, exp smoothing) on the same strings; the "fest" case is sacreBLEU's own published test
 * ({@code test/test_bleu.py}, {@code test_raw_bleu_cases}: {@code raw_corpus_bleu(["this is a fest"], [["this is a test"]], .01)} = 0.2236…).
 */
class BleuTest {

    static final List<String> HYPS = List.of("Il fait beau aujourd'hui.", "Je suis étudiant.", "Tom a 3,5 kg de pommes!", "Où est la gare ?");
    static final List<String> REFS1 = List.of("Il fait beau aujourd'hui.", "Je suis un étudiant.", "Tom a 3,5 kg de pommes !", "Où se trouve la gare ?");
    static final List<String> REFS2 = List.of("Le temps est beau aujourd'hui.", "Je suis étudiante.", "Tom a trois kilos et demi de pommes.", "Où est la gare ?");

    static List<List<String>> zip(List<String> a, List<String> b) {
        return java.util.stream.IntStream.range(0, a.size()).mapToObj(i -> b == null ? List.of(a.get(i)) : List.of(a.get(i), b.get(i))).toList();
    }

    @Test
    void sacreBleuPublishedRawCaseWithFloorSmoothing() {
        // 1-grams 3/4, 2-grams 2/3, 3-grams 1/2, 4-grams 0/1 → floor 0.01/1; (0.75·0.667·0.5·0.01)^(1/4) = 0.2236
        Bleu.Result r = Bleu.score(List.of("this is a fest"), List.of(List.of("this is a test")), Bleu.Smoothing.FLOOR, 0.01, false);
        assertEquals(22.360679774997894, r.score(), 1e-9);
    }

    @Test
    void multipleReferencesMatchSacreBleu() {
        Bleu.Result r = Bleu.score(HYPS, zip(REFS1, REFS2), Bleu.Smoothing.EXP, 0, true);
        assertEquals(91.72589709440128, r.score(), 1e-9);
        assertArrayEquals(new double[] {100.0, 94.11764705882354, 84.61538461538461, 88.88888888888889}, r.precisions(), 1e-9);
        assertEquals(21, r.hypothesisLength());
        assertEquals(21, r.referenceLength());
    }

    @Test
    void oneReferenceWithBrevityPenaltyMatchesSacreBleu() {
        Bleu.Result r = Bleu.score(HYPS, zip(REFS1, null), Bleu.Smoothing.EXP, 0, true);
        assertEquals(70.52012104834385, r.score(), 1e-9);
        assertEquals(0.909156442876713, r.brevityPenalty(), 1e-12);   // c = 21 < r = 22: exp(1 − 22/21)
    }

    @Test
    void identicalOutputScores100AndMissingHigherOrdersScore0() {
        assertEquals(100, Bleu.corpus(List.of("a b c d e"), List.of(List.of("a b c d e"))), 1e-9);
        // two words: no 3-grams at all, so the orders from 3 on count as precision 0 and BLEU is 0 (sacreBLEU: 0.0)
        assertEquals(0, Bleu.corpus(List.of("le chat"), List.of(List.of("le chat est sur le tapis"))), 1e-12);
        assertEquals(0, Bleu.corpus(List.of("", "x"), List.of(List.of("a b"), List.of("x"))), 1e-12);
    }

    @Test
    void tokenizer13aSplitsLikeSacreBleu() {
        assertEquals("Tom a 3,5 kg de pommes !", Tokenizer13a.tokenize("Tom a 3,5 kg de pommes!"));
        assertEquals("Hello , world . 1.5 - 2 \" quoted \" ( x ) & y's", Tokenizer13a.tokenize("Hello, world. 1.5-2 \"quoted\" (x) &amp; y's"));
        assertEquals("C'est l'été . . . non ?", Tokenizer13a.tokenize("C'est l'été... non?"));
    }

    @Test
    void noBreakSpacesSeparateTokensAsInPython() {
        // French typography: U+202F before '?', U+00A0 before '!' (2,872 lines of eng-fra.tsv hold U+202F)
        List<String> hyps = List.of("Où est la gare\u202f?", "Il fait très beau aujourd'hui\u00a0!");
        List<List<String>> refs = List.of(List.of("Où est la gare ?"), List.of("Il fait beau aujourd'hui !"));
        assertEquals(63.40466277046863, Bleu.corpus(hyps, refs), 1e-9);
        assertEquals(88.10824937449468, ChrF.corpus(hyps, refs), 1e-9);
        assertEquals("la gare ?", Tokenizer13a.tokenize("la gare\u202f?"));
    }

    @Test
    void mismatchedListsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Bleu.corpus(List.of("a"), List.of()));
        assertEquals("BLEU: 1 hypotheses but 0 reference lists — give one list of references per hypothesis", e.getMessage());
    }
}
