package dev.gated.text.lm;

import dev.gated.data.Dataset;
import dev.gated.tensor.Precision;
import dev.gated.tensor.Tensor;

/**
 * A text read as B parallel streams in consecutive chunks of T characters (char-rnn's batching; Keras's
 * {@code stateful=True}), so that a state carried from one chunk to the next has read everything before it:
 * <pre>
 *   N characters (indices),  L = ⌊(N − 1) / B⌋ characters per stream,  stream b starts at b·L
 *   chunk c (c = 0 … C−1, C = ⌈L / T⌋), T_c = min(T, L − c·T) steps:
 *     x[b, t] = text[b·L + c·T + t]          (B, T_c)
 *     y[b, t] = text[b·L + c·T + t + 1]      (B, T_c)   the next character
 * </pre>
 * Row b of chunk c + 1 continues row b of chunk c. Every character but the last (N − 1) mod B is read once
 * as an input; the last chunk may be shorter than T.
 */
public final class StreamBatches {

    private final int[] text;      // (N) character indices
    private final int streams;     // B
    private final int steps;       // T
    private final int perStream;   // L
    private final Precision precision;

    public StreamBatches(int[] text, int streams, int steps, Precision precision) {
        if (streams < 1 || steps < 1) {
            throw new IllegalArgumentException("streams and steps must be >= 1 but are " + streams + " and " + steps);
        }
        if (text.length < streams + 1) {
            throw new IllegalArgumentException("a text of " + text.length + " characters cannot be read as " + streams
                    + " streams: each needs at least one character and the next — use a smaller batch or more text");
        }
        this.text = text;
        this.streams = streams;
        this.steps = steps;
        this.perStream = (text.length - 1) / streams;
        this.precision = precision;
    }

    /** C, the number of chunks in one pass over the text. */
    public int chunks() {
        return (perStream + steps - 1) / steps;
    }

    public int streams() {
        return streams;
    }

    /** B·L: the characters predicted in one pass. */
    public long predictions() {
        return (long) streams * perStream;
    }

    /** Chunk {@code c}: x (B, T_c) and y (B, T_c) as above. */
    public Dataset chunk(int c) {
        if (c < 0 || c >= chunks()) {
            throw new IndexOutOfBoundsException("chunk " + c + " of " + chunks());
        }
        int from = c * steps;
        int length = Math.min(steps, perStream - from);
        Tensor x = Tensor.zeros(precision, streams, length);
        Tensor y = Tensor.zeros(precision, streams, length);
        for (int b = 0; b < streams; b++) {
            int start = b * perStream + from;
            for (int t = 0; t < length; t++) {
                x.set(b * length + t, text[start + t]);
                y.set(b * length + t, text[start + t + 1]);
            }
        }
        return new Dataset(x, y);
    }
}
