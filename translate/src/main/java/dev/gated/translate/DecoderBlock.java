package dev.gated.translate;

import dev.gated.layer.Activation;
import dev.gated.layer.Add;
import dev.gated.layer.Dense;
import dev.gated.layer.Dropout;
import dev.gated.layer.LayerNormalization;
import dev.gated.layer.MultiHeadAttention;
import dev.gated.layer.Node;

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

    /** The residual connection: x + Drop(sublayer output). */
    private Node plus(Node x, Node sublayer) {
        return new Add().on(x, dropout > 0 ? new Dropout(dropout).on(sublayer) : sublayer);
    }
}
