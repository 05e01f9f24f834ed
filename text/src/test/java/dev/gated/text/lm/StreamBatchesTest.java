package dev.gated.text.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gated.data.Dataset;
import dev.gated.tensor.Precision;
import org.junit.jupiter.api.Test;

/** B streams in chunks of T: each row continues where it left off, targets are the inputs shifted by one. */
class StreamBatchesTest {

    @Test
    void rowsContinueTheirStreamFromChunkToChunk() {
        int[] text = new int[23]; // N = 23, B = 3: L = 7 per stream; T = 3: chunks of 3, 3, 1
        for (int i = 0; i < text.length; i++) {
            text[i] = i;
        }
        StreamBatches batches = new StreamBatches(text, 3, 3, Precision.FLOAT64);
        assertEquals(3, batches.chunks());
        assertEquals(21, batches.predictions());
        int[] lengths = {3, 3, 1};
        for (int c = 0; c < 3; c++) {
            Dataset d = batches.chunk(c);
            assertEquals(lengths[c], d.x().dim(1));
            for (int b = 0; b < 3; b++) {
                for (int t = 0; t < lengths[c]; t++) {
                    int position = b * 7 + c * 3 + t;
                    assertEquals(position, d.x().get(b * lengths[c] + t), "x row " + b + " chunk " + c + " step " + t);
                    assertEquals(position + 1, d.y().get(b * lengths[c] + t), "y row " + b + " chunk " + c + " step " + t);
                }
            }
        }
    }

    @Test
    void tooShortATextForTheStreamsIsRefusedWithTheFix() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new StreamBatches(new int[4], 4, 2, Precision.FLOAT32));
        assertEquals("a text of 4 characters cannot be read as 4 streams: each needs at least one character and the next "
                + "— use a smaller batch or more text", e.getMessage());
    }
}
