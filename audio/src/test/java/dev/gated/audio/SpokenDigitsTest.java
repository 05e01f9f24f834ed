package dev.gated.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpokenDigitsTest {

    @Test
    void theOfficialSplitIs250TestAnd2250TrainingRecordings() throws IOException {
        List<SpokenDigits.Recording> all = SpokenDigits.list(Fsdd.recordings());
        assertEquals(2500, all.size());
        assertEquals(250, all.stream().filter(SpokenDigits.Recording::isTest).count());
        SpokenDigits.Recording r = SpokenDigits.parse(Path.of("7_jackson_32.wav"));
        assertEquals(7, r.digit());
        assertEquals("jackson", r.speaker());
        assertEquals(32, r.index());
    }

    @Test
    void aNameWithoutTheDigitIsExplained() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SpokenDigits.parse(Path.of("hello.wav")));
        assertTrue(e.getMessage().contains("{digit}_{speaker}_{index}.wav"), e.getMessage());
    }
}
