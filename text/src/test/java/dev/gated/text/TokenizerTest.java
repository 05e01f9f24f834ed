package dev.gated.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenizerTest {

    @Test
    void lowerCasesAndSplitsOnNonLettersAndDigits() {
        assertEquals(List.of("it's", "great", "10", "10"), Tokenizer.tokenize("It's GREAT!!  10/10"));
        assertEquals(List.of("a", "b", "c"), Tokenizer.tokenize("a-b_c"));
    }

    @Test
    void keepsApostrophesOnlyInsideWords() {
        assertEquals(List.of("rock'n'roll", "ok"), Tokenizer.tokenize("rock'n'roll -- 'ok'"));
        assertEquals(List.of("the", "dogs", "bone"), Tokenizer.tokenize("the dogs' bone"));
        assertEquals(List.of("don't"), Tokenizer.tokenize("Don\u2019t"));
        assertEquals(List.of("it", "s"), Tokenizer.tokenize("it''s"));
    }

    @Test
    void handlesEmptyPunctuationAndUnicode() {
        assertEquals(List.of(), Tokenizer.tokenize(""));
        assertEquals(List.of(), Tokenizer.tokenize(" ...!? ' "));
        assertEquals(List.of("café", "naïve"), Tokenizer.tokenize("Café\u0085NAÏVE"));
    }
}
