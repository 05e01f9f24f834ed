package dev.gated.translate;

import dev.gated.layer.Activation;
import dev.gated.layer.Attention;
import dev.gated.layer.Concatenate;
import dev.gated.layer.Dense;
import dev.gated.layer.Dropout;
import dev.gated.layer.Embedding;
import dev.gated.layer.Node;
import dev.gated.layer.recurrent.Recurrent;
import dev.gated.model.GraphModel;
import dev.gated.model.Model;
import dev.gated.tensor.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * An encoder–decoder built from core's public graph API, with the inference models that share its layers
 * (Keras's {@code lstm_seq2seq}: {@code model}, {@code encoder_model}, {@code decoder_model}).
 *
 * <pre>
 * B batch, S source steps, T target steps, E embedding, H units, V_s / V_t vocabulary sizes
 * source (B, S) ─ Embedding(V_s, E, maskZero) ─► x (B, S, E), mask (B, S)
 * encoder:       RNN(H) ─► enc (B, S, H), final state s = (h_S, c_S) (c only for LSTM)
 *   bidirectional: fwd RNN(H) and bwd RNN(H, goBackwards) ─► enc = Dense(H)([enc_f ; enc_b]) (B, S, H)
 *                  h_0 = tanh(W_h [h_f ; h_b] + b_h) (B, H), c_0 = tanh(W_c [c_f ; c_b] + b_c)   (projected: 2H → H)
 * decoder input (B, T) = START, y_1 … y_{T−1}  (teacher forcing) ─ Embedding(V_t, E, maskZero) ─► (B, T, E)
 * decoder:       RNN(H) from s ─► d (B, T, H)
 * no attention:  logits = Dense(V_t)(d)                                      (B, T, V_t)
 * attention:     a = Attention(query d, value enc, value mask from source)   (B, T, H)   dot: d·encᵀ; additive: vᵀtanh(d + enc)
 *                h̃ = tanh(W_c [a ; d] + b_c)   (Luong's attentional hidden state, no input feeding)   (B, T, H)
 *                logits = Dense(V_t)(h̃)                                     (B, T, V_t)
 * loss: sparse categorical cross-entropy from logits, masked by the decoder-input padding
 * dropout p (spec's, training only): on both embeddings' outputs and on the decoder's top layer (d, or h̃ with
 *                attention) before the output projection
 * </pre>
 * "Additive" keeps Luong's layout (attention after the decoder RNN, query = the current state) and changes only
 * the score to Bahdanau's vᵀ tanh(q + k); Bahdanau's original reads the previous state and feeds the context
 * into the RNN, which needs a custom cell. Without input feeding, each decoding step needs only (token, h, c)
 * and the encoder outputs, so the step model is a plain graph.
 */
public final class Seq2Seq implements TranslationModel {

    private final ModelSpec spec;
    private final GraphModel training;
    private final GraphModel encoder;
    private final GraphModel decoderStep;
    private final GraphModel attentionWeights;   // (source, decoder input) → A (B, T, S); null without attention

    public Seq2Seq(ModelSpec spec, int sourceVocabulary, int targetVocabulary, long seed) {
        this.spec = spec;
        int h = spec.units();
        Node source = Node.input("source", Shape.ANY);
        Node target = Node.input("target", Shape.ANY);
        Node x = dropped(new Embedding(sourceVocabulary, spec.embedding(), true).on(source), spec.dropout());

        Node encoded;
        List<Node> state = new ArrayList<>();
        if (!spec.bidirectional()) {
            Node[] e = rnn(spec).returnSequences(true).returnState(true).onAll(x);
            encoded = e[0];
            for (int i = 1; i < e.length; i++) {
                state.add(e[i]);
            }
        } else {
            Node[] f = rnn(spec).returnSequences(true).returnState(true).onAll(x);
            Node[] b = rnn(spec).returnSequences(true).returnState(true).goBackwards(true).onAll(x);
            encoded = new Dense(h).on(new Concatenate().on(f[0], b[0]));
            for (int i = 1; i < f.length; i++) {
                state.add(new Dense(h, Activation.TANH).on(new Concatenate().on(f[i], b[i])));
            }
        }

        Embedding targetEmbedding = new Embedding(targetVocabulary, spec.embedding(), true);
        Recurrent decoderRnn = rnn(spec).returnSequences(true).returnState(true);
        Attention attention = switch (spec.attention()) {
            case NONE -> null;
            case DOT -> Attention.dot().returnAttentionScores(true);
            case ADDITIVE -> Attention.additive().returnAttentionScores(true);
            case MULTI_HEAD -> throw new IllegalArgumentException("Seq2Seq builds the recurrent models, not the transformer (use TransformerSeq2Seq)");
        };
        Concatenate join = new Concatenate();
        Dense combine = new Dense(h, Activation.TANH);
        Dense logits = new Dense(targetVocabulary);
        Head head = new Head(targetEmbedding, decoderRnn, attention, join, combine, logits, spec.dropout());

        Decoded trained = head.on(target, encoded, state);
        training = Model.of(List.of(source, target), List.of(trained.logits())).seed(seed);
        training.build();
        attentionWeights = attention == null ? null : Model.of(List.of(source, target), List.of(trained.weights()));

        List<Node> encoderOutputs = new ArrayList<>();
        encoderOutputs.add(encoded);
        encoderOutputs.addAll(state);
        encoder = Model.of(List.of(source), encoderOutputs);

        Node token = Node.input("token", Shape.ANY);
        Node encodedIn = Node.input("encoded", Shape.anyLength(h));
        List<Node> stateIn = new ArrayList<>();
        for (int i = 0; i < state.size(); i++) {
            stateIn.add(Node.input(i == 0 ? "h" : "c", h));
        }
        Decoded stepped = head.on(token, encodedIn, stateIn);
        List<Node> stepInputs = new ArrayList<>(List.of(token));
        if (attention != null) {
            stepInputs.add(encodedIn);   // without attention the step never reads the encoder outputs
        }
        stepInputs.addAll(stateIn);
        List<Node> stepOutputs = new ArrayList<>(List.of(stepped.logits()));
        stepOutputs.addAll(stepped.state());
        decoderStep = Model.of(stepInputs, stepOutputs);
    }

    /** The decoder side, callable twice: on the training graph and on the step graph's inputs. */
    private record Head(Embedding embedding, Recurrent rnn, Attention attention, Concatenate join, Dense combine, Dense logits, double dropout) {

        Decoded on(Node tokens, Node encoded, List<Node> initialState) {
            List<Node> in = new ArrayList<>();
            in.add(dropped(embedding.on(tokens), dropout));
            in.addAll(initialState);
            Node[] d = rnn.onAll(in.toArray(new Node[0]));
            Node top = d[0];
            Node weights = null;
            if (attention != null) {
                Node[] attended = attention.onAll(d[0], encoded);
                top = combine.on(join.on(attended[0], d[0]));
                weights = attended[1];
            }
            return new Decoded(logits.on(dropped(top, dropout)), List.of(d).subList(1, d.length), weights);
        }
    }

    /** x through Dropout(p) (the identity at inference), or x itself when p = 0. */
    private static Node dropped(Node x, double p) {
        return p > 0 ? new Dropout(p).on(x) : x;
    }

    /** The decoder's outputs: logits, its final state (h, and c for LSTM), the attention weights (null without attention). */
    private record Decoded(Node logits, List<Node> state, Node weights) {
    }

    private static Recurrent rnn(ModelSpec spec) {
        return spec.cell() == ModelSpec.Cell.LSTM ? Recurrent.lstm(spec.units()) : Recurrent.gru(spec.units());
    }

    @Override
    public Decoding begin(List<int[]> sources) {
        return new RecurrentDecoding(this, sources);
    }

    @Override
    public double[][] attention(int[] source, int[] output) {
        if (attentionWeights == null) {
            throw new IllegalArgumentException("a " + spec.name() + " model has no attention to plot — train one with attention, "
                    + "e.g. --model gru-dot, or the transformer");
        }
        return AttentionMap.of(attentionWeights, source, output);
    }

    @Override
    public ModelSpec spec() {
        return spec;
    }

    /** (source (B, S), decoder input (B, T)) → logits (B, T, V_t): what is trained. */
    @Override
    public GraphModel training() {
        return training;
    }

    /** source (B, S) → encoder outputs (B, S, H), then the decoder's initial state h (B, H) [, c (B, H)]. */
    public GraphModel encoder() {
        return encoder;
    }

    /**
     * (token (B, 1), encoder outputs (B, S, H) — with attention only —, h (B, H) [, c]) → logits (B, 1, V_t), h, [c]:
     * one decoding step. The encoder outputs' mask (B, S) must be passed with them to predict.
     */
    public GraphModel decoderStep() {
        return decoderStep;
    }

    public boolean readsEncoderOutputs() {
        return spec.attention() != ModelSpec.AttentionKind.NONE;
    }

    /** How many state tensors the decoder carries: 2 for LSTM (h, c), 1 for GRU (h). */
    public int stateCount() {
        return spec.cell() == ModelSpec.Cell.LSTM ? 2 : 1;
    }
}
