package dev.gated.layer;

/**
 * Wires one Transformer block (Vaswani et al. 2017) from the engine's layers into a graph: multi-head
 * self-attention, optionally cross-attention to an encoder's output, and a position-wise feed-forward
 * network, each with a residual connection and layer normalization. Not a layer itself: every {@code on}
 * call creates a new block with its own weights, made of {@link MultiHeadAttention}, {@link Dense},
 * {@link Dropout}, {@link LayerNormalization} and {@link Add}, so it is saved, loaded and summarised like any
 * graph.
 *
 * <pre>
 * x (B, T, D), memory (B, Tm, D); h heads of width D/h; F = feed-forward width (4·D by default); p dropout
 * FFN(z)    = relu(z·W₁ + b₁)·W₂ + b₂                            W₁ (D, F), W₂ (F, D)
 * pre-norm (default; GPT-2, nanoGPT — trains without warm-up tricks):
 *   a = x + Drop(SelfMHA(LN₁(x)))                                causal when {@code causal(true)}
 *   a = a + Drop(MHA(LN₂(a), memory))                            only with a memory (decoder of a translator)
 *   y = a + Drop(FFN(LN₃(a)))
 * post-norm (the original paper):
 *   a = LN₁(x + Drop(SelfMHA(x)))    a = LN₂(a + Drop(MHA(a, memory)))    y = LN₃(a + Drop(FFN(a)))
 * </pre>
 * A pre-norm stack wants one final {@link LayerNormalization} after its last block.
 */
public final class TransformerBlock {

    private final int heads;
    private final int width;
    private int feedForward;
    private double dropout;
    private boolean causal;
    private boolean postNorm;

    private TransformerBlock(int heads, int width) {
        this.heads = Checks.positive("TransformerBlock heads", heads);
        this.width = Checks.positive("TransformerBlock width", width);
        if (width % heads != 0) {
            throw new IllegalArgumentException("TransformerBlock: the width " + width + " must be a multiple of the "
                    + heads + " heads, since each head gets width / heads features — try width " + (width / heads + 1) * heads);
        }
        this.feedForward = 4 * width;
    }

    /** A block for inputs of {@code width} features with {@code heads} heads; feed-forward 4·width, no dropout, not causal, pre-norm. */
    public static TransformerBlock of(int heads, int width) {
        return new TransformerBlock(heads, width);
    }

    /** The hidden width F of the feed-forward network. */
    public TransformerBlock feedForward(int units) {
        this.feedForward = Checks.positive("TransformerBlock feedForward", units);
        return this;
    }

    /** Dropout p after attention and feed-forward, before each residual addition. */
    public TransformerBlock dropout(double rate) {
        this.dropout = Checks.fraction("TransformerBlock dropout", rate);
        return this;
    }

    /** Self-attention sees only earlier steps: a decoder or a language model. */
    public TransformerBlock causal(boolean value) {
        this.causal = value;
        return this;
    }

    /** Layer normalization after each residual addition (the original paper) instead of before each sub-layer. */
    public TransformerBlock postNorm(boolean value) {
        this.postNorm = value;
        return this;
    }

    /** A new encoder block (or, with causal, a decoder-only block) on {@code x} (B, T, width). */
    public Node on(Node x) {
        Node a = residual(x, z -> selfAttention().on(z, z));
        return residual(a, this::feedForwardNetwork);
    }

    /** A new decoder block on {@code x} (B, T, width) attending also to {@code memory} (B, Tm, width), an encoder's output. */
    public Node on(Node x, Node memory) {
        Node a = residual(x, z -> selfAttention().on(z, z));
        a = residual(a, z -> MultiHeadAttention.of(heads, width / heads).on(z, memory));
        return residual(a, this::feedForwardNetwork);
    }

    private MultiHeadAttention selfAttention() {
        return MultiHeadAttention.of(heads, width / heads).causal(causal);
    }

    private Node feedForwardNetwork(Node z) {
        return new Dense(width).on(new Dense(feedForward, Activation.RELU).on(z));
    }

    /** x + Drop(f(LN(x))) pre-norm, LN(x + Drop(f(x))) post-norm. */
    private Node residual(Node x, java.util.function.UnaryOperator<Node> sublayer) {
        Node in = postNorm ? x : new LayerNormalization().on(x);
        Node out = sublayer.apply(in);
        if (dropout > 0) {
            out = new Dropout(dropout).on(out);
        }
        Node sum = new Add().on(x, out);
        return postNorm ? new LayerNormalization().on(sum) : sum;
    }
}
