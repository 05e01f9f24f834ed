package dev.gated.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Corpus chrF (β = 2, character 6-grams, whitespace removed) against sacreBLEU 2.6.0's {@code CHRF()}. The Czech
 * sentence is sacreBLEU's published case ({@code test/test_chrf.py}, {@code test_sentence_level_chrf}: 39.14078509;
 * 2.6.0 prints 39.14081690316369, the digits kept here).
 */
class ChrFTest {

    @Test
    void sacreBleuPublishedSentence() {
        double score = ChrF.corpus(List.of("Co nás nejvíc trápí, protože lékaři si vybírají, kdo bude žít a kdo zemře."),
                List.of(List.of("Nejvíce smutní jsme z toho, že musíme rozhodovat o tom, kdo bude žít a kdo zemře.")));
        assertEquals(39.14081690316369, score, 1e-7);
    }

    @Test
    void corpusWithOneAndTwoReferencesMatchesSacreBleu() {
        assertEquals(97.08712119601692, ChrF.corpus(BleuTest.HYPS, BleuTest.zip(BleuTest.REFS1, BleuTest.REFS2)), 1e-9);
        assertEquals(79.90794366494663, ChrF.corpus(BleuTest.HYPS, BleuTest.zip(BleuTest.REFS1, null)), 1e-9);
    }

    @Test
    void identicalScores100AndDisjointScores0() {
        assertEquals(100, ChrF.corpus(List.of("a b c d e"), List.of(List.of("a b c d e"))), 1e-9);
        assertEquals(0, ChrF.corpus(List.of("xyz"), List.of(List.of("abc"))), 1e-12);
    }

    @Test
    void recallWeighsMoreThanPrecision() {
        // "ab" against "abcd": precision 1 at orders 1–2, recall 2/4 and 1/3 → chrP = 1, chrR = 5/12;
        // F_2 = 5 · 1 · 5/12 / (4 · 1 + 5/12) = 47.17 (order 3+ has no hypothesis n-grams and is left out)
        assertEquals(100 * 5 * (5.0 / 12) / (4 + 5.0 / 12), ChrF.corpus(List.of("ab"), List.of(List.of("abcd"))), 1e-9);
    }
}
