package dev.gated.translate;

/**
 * The sizes of the Transformer translator beyond its width D (= the spec's embedding width): how many blocks,
 * heads, how wide the feed-forward network, how much dropout. The defaults are small enough for a 2-core CPU
 * (Vaswani et al.'s base model has N = 6, h = 8, D = 512, F = 2048, p = 0.1).
 *
 * @param layers      N, the encoder blocks and (as many) decoder blocks (default 2)
 * @param heads       h, attention heads per attention layer; D must be a multiple of h (default 4)
 * @param feedForward F, the hidden width of each block's feed-forward network (default 256 = 4·64)
 * @param dropout     p, after attention, feed-forward and the position signal (default 0.1)
 */
public record TransformerShape(int layers, int heads, int feedForward, double dropout) {

    public static TransformerShape defaults() {
        return new TransformerShape(2, 4, 256, 0.1);
    }

    public TransformerShape {
        if (layers < 1 || heads < 1 || feedForward < 1) {
            throw new IllegalArgumentException("transformer: --layers (" + layers + "), --heads (" + heads + ") and --ff ("
                    + feedForward + ") must be ≥ 1");
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("transformer: --dropout must be in [0, 1) but is " + dropout);
        }
    }

    /** Refuses a width the heads cannot share equally, naming the nearest widths that work. */
    void checkWidth(int width) {
        if (width % heads != 0) {
            int below = width / heads * heads;
            throw new IllegalArgumentException("transformer: the width (--embedding " + width + ") must be a multiple of --heads " + heads
                    + ", since each head gets width / heads features — try --embedding " + (below > 0 ? below + " or " : "") + (below + heads));
        }
    }
}
