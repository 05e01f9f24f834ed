package dev.gated.layer;

/**
 * Whether a forward pass trains or infers. Training carries a seed from which stochastic layers
 * (dropout) derive their randomness, so that a batch's masks depend only on (model seed, epoch, batch):
 * runs are reproducible and a resumed run draws the same masks as an uninterrupted one.
 *
 * @param training true while fitting
 * @param seed     the per-batch seed; unused in inference
 */
public record Mode(boolean training, long seed) {

    public static final Mode INFERENCE = new Mode(false, 0L);

    public static Mode training(long seed) {
        return new Mode(true, seed);
    }
}
