package dev.gated.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gated.text.BytePairEncoding.Pair;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BytePairEncodingTest {

    /** Sennrich et al.'s example: low ×5, lower ×2, newest ×6, widest ×3, each word ending in "</w>". */
    private static BytePairEncoding sennrich(int merges) {
        List<List<String>> words = new ArrayList<>();
        for (String w : List.of("low", "lower", "newest", "widest")) {
            List<String> symbols = new ArrayList<>(List.of(w.split("")));
            symbols.add("</w>");
            words.add(symbols);
        }
        return BytePairEncoding.learn(words, List.of(5, 2, 6, 3), merges);
    }

    @Test
    void learnsThePapersMergesInOrder() {
        BytePairEncoding bpe = sennrich(4);
        // e s, s t and t </w> are each seen 9 times: the first in string order wins, then es t, est </w>; then l o (7)
        assertEquals(List.of(new Pair("e", "s"), new Pair("es", "t"), new Pair("est", "</w>"), new Pair("l", "o")), bpe.merges());
        assertEquals(List.of("</w>", "d", "e", "i", "l", "n", "o", "r", "s", "t", "w", "es", "est", "est</w>", "lo"), bpe.symbols());
        assertEquals(List.of("n", "e", "w", "est</w>"), bpe.apply(List.of("n", "e", "w", "e", "s", "t", "</w>")));
        assertEquals(List.of("lo", "w", "est</w>"), bpe.apply(List.of("l", "o", "w", "e", "s", "t", "</w>")));
    }

    @Test
    void stopsWhenNoPairIsSeenTwiceAndSerialisesLosslessly() {
        BytePairEncoding bpe = BytePairEncoding.learn(List.of(List.of("a", "b", "c"), List.of("a", "b")), List.of(1, 1), 10);
        assertEquals(List.of(new Pair("a", "b")), bpe.merges());   // "ab c" is seen once: not worth a symbol
        BytePairEncoding all = sennrich(100);
        BytePairEncoding back = BytePairEncoding.parse(all.serialise());
        assertEquals(all.symbols(), back.symbols());
        assertEquals(all.merges(), back.merges());
        assertThrows(IllegalArgumentException.class, () -> BytePairEncoding.parse("61 62"));
        assertThrows(IllegalArgumentException.class, () -> BytePairEncoding.learn(List.of(), List.of(), -1));
    }
}
