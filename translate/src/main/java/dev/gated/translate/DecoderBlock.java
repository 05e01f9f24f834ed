package dev.gated.translate;

import dev.gated.layer.Activation;
import dev.gated.layer.Add;
import dev.gated.layer.AttentionCache;
import dev.gated.layer.Dense;
import dev.gated.layer.Dropout;
import dev.gated.layer.LayerNormalization;
import dev.gated.layer.Mode;
import dev.gated.layer.MultiHeadAttention;
import dev.gated.layer.Node;
import dev.gated.tensor.Tensor;

/**
 * One pre-norm Transformer decoder block whose layers are created once and can be called on several graphs —
 * the training graph and the decoding graph share its weights. Core's {@code TransformerBlock} wires the same
 * block but makes new layers at every call, and its cross-attention gives no weights to plot; this one keeps
 * its layers and returns the cross-attention weights as a second output.
 *
 * <pre>
 * x (B, T, D), memory (B, S, D) with its padding mask; h heads of width D/h; F feed-forward width; p dropout
 * a = x + Drop(SelfMHA_causal(LN₁(x)))                       step t sees steps ≤ t only
 * b = a + Drop(MHA(LN₂(a), memory)),  weights w (B, h, T, S)   padded source steps get weight 0
 * y = b + Drop(relu(LN₃(b)·W₁ + b₁)·W₂ + b₂)                  W₁ (D, F), W₂ (F, D)
 * </pre>
 *
 * <p>{@link #stepper()} runs the same block one decoding step at a time with a key/value cache: the new step's
 * self-attention keys and values are appended to the cache and its query reads every cached step (core's
 * {@link MultiHeadAttention#forwardCached}), so step t costs O(t) attention and O(1) projections, never the prefix
 * again; the cross-attention's keys and values of the encoder memory are projected once per session
 * ({@link MultiHeadAttention#projectMemory}) and only read at each step. Inference only (no dropout).
 */
final class DecoderBlock {

    private final LayerNormalization selfNorm = new LayerNormalization();
    private final LayerNormalization crossNorm = new LayerNormalization();
    private final LayerNormalization feedForwardNorm = new LayerNormalization();
    private final MultiHeadAttention selfAttention;
    private final MultiHeadAttention crossAttention;
    private final Dense expand;
    private final Dense contract;
    private final double dropout;

    DecoderBlock(int width, TransformerShape shape) {
        int headWidth = width / shape.heads();
        this.selfAttention = MultiHeadAttention.of(shape.heads(), headWidth).causal(true);
        this.crossAttention = MultiHeadAttention.of(shape.heads(), headWidth).returnAttentionScores(true);
        this.expand = new Dense(shape.feedForward(), Activation.RELU);
        this.contract = new Dense(width);
        this.dropout = shape.dropout();
    }

    /** y (B, T, D) and the cross-attention weights (B, h, T, S). */
    Node[] on(Node x, Node memory) {
        Node normed = selfNorm.on(x);
        Node a = plus(x, selfAttention.on(normed, normed));
        Node[] cross = crossAttention.onAll(crossNorm.on(a), memory);
        Node b = plus(a, cross[0]);
        Node y = plus(b, contract.on(expand.on(feedForwardNorm.on(b))));
        return new Node[] {y, cross[1]};
    }

    /** This block's layers as replicas (the same weights, their own caches) for decoding step by step. */
    Stepper stepper() {
        return new Stepper(selfNorm.replica(), crossNorm.replica(), feedForwardNorm.replica(), selfAttention.replica(),
                crossAttention.replica(), expand.replica(), contract.replica(), selfAttention.heads() * selfAttention.keyDim(),
                selfAttention.heads() * selfAttention.valueDim());
    }

    /**
     * One step of the block for n rows, inference mode.
     *
     * <pre>
     * x (n, 1, D); cache: the self-attention's keys and values of steps 0 … t−1; memory: the cross-attention's keys
     * and values of the encoder memory (n, S, h·d) and (n, S, h·e), projected once per sentence batch ({@link #project})
     * a = x + SelfMHA(LN₁(x); cache ∪ {this step});  b = a + MHA(LN₂(a), memory);  y = b + FFN(LN₃(b))   (n, 1, D)
     * </pre>
     */
    record Stepper(LayerNormalization selfNorm, LayerNormalization crossNorm, LayerNormalization feedForwardNorm,
                   MultiHeadAttention selfAttention, MultiHeadAttention crossAttention, Dense expand, Dense contract,
                   int keyWidth, int valueWidth) {

        /** An empty key/value cache for {@code rows} rows. */
        AttentionCache newCache(int rows) {
            return new AttentionCache(rows, keyWidth, valueWidth);
        }

        /** The cross-attention's keys and values of the encoder memory (B, S, D) with its mask (B, S): once per session. */
        AttentionCache project(Tensor memory, Tensor memoryMask) {
            return crossAttention.projectMemory(memory, memoryMask);
        }

        Tensor step(Tensor x, AttentionCache memory, AttentionCache cache) {
            Tensor a = selfAttend(x, cache);
            Tensor b = sum(a, crossAttention.forwardOnMemory(crossNorm.forward(a, null, Mode.INFERENCE), null, memory)[0]);
            return feedForward(b);
        }

        /**
         * As {@link #step} but projecting the memory's keys and values again (memory (n, S, D), its mask (n, S)): the
         * way steps ran before {@link #project}, kept to check the projected memory against.
         */
        Tensor stepReprojecting(Tensor x, Tensor memory, Tensor memoryMask, AttentionCache cache) {
            Tensor a = selfAttend(x, cache);
            Tensor[] crossIn = {crossNorm.forward(a, null, Mode.INFERENCE), memory};
            Tensor b = sum(a, crossAttention.forwardAll(crossIn, new Tensor[] {null, memoryMask}, Mode.INFERENCE)[0]);
            return feedForward(b);
        }

        private Tensor selfAttend(Tensor x, AttentionCache cache) {
            return sum(x, selfAttention.forwardCached(selfNorm.forward(x, null, Mode.INFERENCE), null, cache)[0]);
        }

        private Tensor feedForward(Tensor b) {
            Tensor hidden = expand.forward(feedForwardNorm.forward(b, null, Mode.INFERENCE), null, Mode.INFERENCE);
            return sum(b, contract.forward(hidden, null, Mode.INFERENCE));
        }

        private static Tensor sum(Tensor x, Tensor y) {
            return new Add().forwardAll(new Tensor[] {x, y}, null, Mode.INFERENCE)[0];
        }
    }

    /** The residual connection: x + Drop(sublayer output). */
    private Node plus(Node x, Node sublayer) {
        return new Add().on(x, dropout > 0 ? new Dropout(dropout).on(sublayer) : sublayer);
    }
}
