package dev.gated.translate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenizerTest {

    @Test
    void charactersRoundTripAndUnknownsAreCounted() {
        CharTokenizer t = CharTokenizer.learn(List.of("Va !", "안녕."));
        assertEquals(SymbolTokenizer.RESERVED + 7, t.size());   // ' ', '!', '.', 'V', 'a', '안', '녕'
        assertEquals("안녕 !", t.decode(t.encode("안녕 !")));
        assertEquals(1, t.unknownCount("Vaz"));
        assertEquals("Va", t.decode(new int[] {t.encode("V")[0], t.encode("a")[0], SymbolTokenizer.END, t.encode("!")[0]}));
        CharTokenizer back = (CharTokenizer) SymbolTokenizer.parse("char", t.serialise());
        assertArrayEquals(t.encode("안녕 Va!"), back.encode("안녕 Va!"));
    }

    @Test
    void bytePairsMergeFrequentPairsAndRoundTrip() {
        List<String> training = List.of("low lower lowest", "low low newer", "newest wider");
        BytePairTokenizer t = BytePairTokenizer.learn(training, 10);
        assertTrue(t.mergeCount() > 0 && t.mergeCount() <= 10);
        // "low" is frequent: after merging it is one token (l+o → lo, lo+w▁ → low▁)
        assertEquals(1, t.encode("low").length);
        assertTrue(t.encode("lowest").length < "lowest".length());
        for (String s : List.of("low lower lowest", "newer wider", "slow")) {
            assertEquals(s, t.decode(t.encode(s)));
        }
        BytePairTokenizer back = (BytePairTokenizer) SymbolTokenizer.parse("bpe", t.serialise());
        assertArrayEquals(t.encode("lowest newer"), back.encode("lowest newer"));
        assertEquals(t.size(), back.size());
        assertEquals(1, t.unknownCount("lowz"));   // 'z' unseen: the word keeps its other pieces
    }
}
