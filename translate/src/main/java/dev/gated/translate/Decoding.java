package dev.gated.translate;

import dev.gated.tensor.Tensor;

/**
 * One decoding session: the encoder has run on some sources; each call feeds one more token per row and
 * returns the logits of the token after it. Rows may be reordered, dropped or duplicated between calls (beam
 * search keeps the k best continuations), so each call says which row of the previous call a row continues.
 *
 * <pre>
 * call 1:   rows[i] = the source sentence of row i,    tokens[i] = START
 * call t:   rows[i] = the row of call t−1 it extends,   tokens[i] = the token chosen for it at call t−1
 * returns   logits (n, 1, V_t) of the next token, n = tokens.length
 * </pre>
 */
public interface Decoding {

    Tensor next(float[] tokens, int[] rows);

    /** rows = 0, 1, …, n−1: every row continues itself (greedy decoding). */
    static int[] identity(int n) {
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        return rows;
    }

    /** Rows {@code rows} of {@code t} (n, …) as a new tensor (rows.length, …). */
    static Tensor gather(Tensor t, int[] rows) {
        int[] shape = t.shape();
        int row = t.size() / shape[0];
        shape[0] = rows.length;
        Tensor out = Tensor.zeros(t.precision(), shape);
        for (int i = 0; i < rows.length; i++) {
            out.copyFrom(t, rows[i] * row, i * row, row);
        }
        return out;
    }

    /** The source sentence of each new row: {@code sources[rows[i]]}. */
    static int[] follow(int[] sources, int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = sources[rows[i]];
        }
        return out;
    }
}
