package dev.gated.translate;

import dev.gated.layer.Dense;
import dev.gated.layer.Dropout;
import dev.gated.layer.Embedding;
import dev.gated.layer.LayerNormalization;
import dev.gated.layer.Mode;
import dev.gated.layer.Node;
import dev.gated.layer.PositionalEncoding;
import dev.gated.layer.TransformerBlock;
import dev.gated.model.GraphModel;
import dev.gated.model.Model;
import dev.gated.tensor.Shape;
import dev.gated.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * A small encoder–decoder Transformer (Vaswani et al. 2017) from core's public graph API, pre-norm, with the
 * graphs that decode it sharing its layers.
 *
 * <pre>
 * B batch, S source steps, T target steps, D width (the spec's embedding), N blocks, h heads, F feed-forward, p dropout
 * source (B, S) ─ Embedding(V_s, D, maskZero) ─ + P (sinusoidal positions) ─ Drop ─► (B, S, D), mask (B, S)
 *   ─ N × encoder block (core TransformerBlock: x + MHA(LN(x)), then x + FFN(LN(x))) ─ LN ─► memory (B, S, D)
 * decoder input (B, T) = START y_1 … y_{T−1} ─ Embedding(V_t, D, maskZero) ─ + P ─ Drop ─► (B, T, D)
 *   ─ N × {@link DecoderBlock} (causal self-attention, cross-attention to memory, FFN) ─ LN ─ Dense(V_t) ─► logits (B, T, V_t)
 * loss: sparse categorical cross-entropy from logits, masked at padded target steps (as the recurrent models)
 * </pre>
 * The embeddings are <b>not</b> scaled by √D (the paper scales them because it shares them with the output
 * layer; here they are separate, initialised U(−0.05, 0.05), and learn their own size). Padded source steps
 * are masked out of every attention over the source; padded target steps only ever attend to earlier steps.
 *
 * <p>Decoding: {@link #encoder()} runs once; then {@link #stepHead()} — replicas of the decoder's layers — feeds
 * one token per step, each block's self-attention keeping its keys and values in a cache ({@link CachedDecoding}:
 * O(L) positions for L tokens). {@link #decoder()} — (prefix (B, t), memory (B, S, D) + its mask) → logits
 * (B, t, V_t), made of the same layer objects — re-runs the whole prefix at every step ({@link PrefixDecoding},
 * O(L²)); it is kept to check the cache against and to measure the difference.
 */
public final class TransformerSeq2Seq implements TranslationModel {

    private final ModelSpec spec;
    private final GraphModel training;
    private final GraphModel encoder;
    private final GraphModel decoder;
    private final GraphModel attention;
    private final Head head;

    public TransformerSeq2Seq(ModelSpec spec, int sourceVocabulary, int targetVocabulary, long seed) {
        if (!spec.isTransformer()) {
            throw new IllegalArgumentException("TransformerSeq2Seq builds the transformer, not " + spec.name() + " (use Seq2Seq)");
        }
        this.spec = spec;
        TransformerShape shape = spec.transformer();
        int width = spec.embedding();
        Node source = Node.input("source", Shape.ANY);
        Node target = Node.input("target", Shape.ANY);

        Node x = positioned(new Embedding(sourceVocabulary, width, true).on(source), shape.dropout());
        for (int i = 0; i < shape.layers(); i++) {
            x = TransformerBlock.of(shape.heads(), width).feedForward(shape.feedForward()).dropout(shape.dropout()).on(x);
        }
        Node memory = new LayerNormalization().on(x);

        Head head = new Head(new Embedding(targetVocabulary, width, true), new PositionalEncoding(), new ArrayList<>(),
                new LayerNormalization(), new Dense(targetVocabulary), shape.dropout());
        for (int i = 0; i < shape.layers(); i++) {
            head.blocks().add(new DecoderBlock(width, shape));
        }
        Node[] trained = head.on(target, memory);
        training = Model.of(List.of(source, target), List.of(trained[0])).seed(seed);
        training.build();
        encoder = Model.of(List.of(source), List.of(memory));
        attention = Model.of(List.of(source, target), List.of(trained[1]));

        Node prefix = Node.input("prefix", Shape.ANY);
        Node memoryIn = Node.input("memory", Shape.anyLength(width));
        decoder = Model.of(List.of(prefix, memoryIn), List.of(head.on(prefix, memoryIn)[0]));
        this.head = head;
    }

    /** tokens embedded + sinusoidal positions, then dropout. */
    private static Node positioned(Node embedded, double dropout) {
        Node x = new PositionalEncoding().on(embedded);
        return dropout > 0 ? new Dropout(dropout).on(x) : x;
    }

    /** The decoder side, callable on the training graph and on the decoding graph's inputs. */
    private record Head(Embedding embedding, PositionalEncoding positions, List<DecoderBlock> blocks, LayerNormalization norm,
                        Dense logits, double dropout) {

        /** logits (B, T, V_t), and the last block's cross-attention weights (B, h, T, S). */
        Node[] on(Node tokens, Node memory) {
            Node placed = positions.on(embedding.on(tokens));
            Node y = dropout > 0 ? new Dropout(dropout).on(placed) : placed;
            Node weights = null;
            for (DecoderBlock block : blocks) {
                Node[] out = block.on(y, memory);
                y = out[0];
                weights = out[1];
            }
            return new Node[] {logits.on(norm.on(y)), weights};
        }
    }

    /**
     * The decoder side for decoding one token at a time with key/value caches: replicas of its layers (the same
     * weights, their own caches).
     *
     * <pre>
     * tokens (n, 1) at step t ─ Embedding ─ + P_t ─► (n, 1, D) ─ N × block step (each with its cache) ─ LN ─ Dense ─► logits (n, 1, V_t)
     * </pre>
     */
    record StepHead(Embedding embedding, PositionalEncoding positions, List<DecoderBlock.Stepper> blocks, LayerNormalization norm,
                    Dense logits) {

        /** tokens (n, 1) at step t → (n, 1, D): embedded, plus the position's encoding. */
        Tensor embed(Tensor tokens, int t) {
            return positions.forwardFrom(embedding.forward(tokens, null, Mode.INFERENCE), t);
        }

        /** the last block's output (n, 1, D) → logits (n, 1, V_t). */
        Tensor toLogits(Tensor y) {
            return logits.forward(norm.forward(y, null, Mode.INFERENCE), null, Mode.INFERENCE);
        }
    }

    /** A fresh {@link StepHead} for one decoding session. */
    StepHead stepHead() {
        return new StepHead(head.embedding().replica(), head.positions().replica(),
                head.blocks().stream().map(DecoderBlock::stepper).toList(), head.norm().replica(), head.logits().replica());
    }

    @Override
    public ModelSpec spec() {
        return spec;
    }

    @Override
    public GraphModel training() {
        return training;
    }

    /** source (B, S) → memory (B, S, D); its mask is the source's padding (token 0). */
    public GraphModel encoder() {
        return encoder;
    }

    /** (prefix (B, t), memory (B, S, D) — pass its (B, S) mask to predict —) → logits (B, t, V_t). */
    public GraphModel decoder() {
        return decoder;
    }

    /** A session with key/value caches: each step feeds only the new token ({@link CachedDecoding}). */
    @Override
    public Decoding begin(List<int[]> sources) {
        return new CachedDecoding(this, sources);
    }

    /** A session that re-runs the decoder on the whole prefix at every step ({@link PrefixDecoding}): for comparison. */
    public Decoding beginWithoutCache(List<int[]> sources) {
        return new PrefixDecoding(this, sources);
    }

    @Override
    public double[][] attention(int[] source, int[] output) {
        return AttentionMap.of(attention, source, output);
    }
}
