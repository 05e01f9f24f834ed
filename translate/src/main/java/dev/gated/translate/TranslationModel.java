package dev.gated.translate;

import dev.gated.model.GraphModel;
import java.util.List;

/**
 * What the decoders and the {@link Translator} need of an encoder–decoder, recurrent ({@link Seq2Seq}) or
 * Transformer ({@link TransformerSeq2Seq}): the graph that is trained, a decoding session, and the attention
 * weights for a plot.
 *
 * <pre>
 * training():  (source (B, S), decoder input (B, T) = START y_1 … y_{T−1}) → logits (B, T, V_t)   teacher forcing
 * begin(xs):   runs the encoder once on the sources; the session then gives next-token logits row by row
 * attention(x, y): the weights a (T+1, S) with which each output step (the T tokens of y, then END) read the source
 * </pre>
 */
public interface TranslationModel {

    ModelSpec spec();

    GraphModel training();

    /** A decoding session over {@code sources} (token ids, unpadded): the encoder runs once, here. */
    Decoding begin(List<int[]> sources);

    /**
     * The attention weights over the source (T + 1, S) when the model is fed START y_1 … y_T after {@code source}
     * (row t: the step that predicts token t + 1, the last row the one that predicts END); heads are averaged.
     * Throws for a model without attention.
     */
    double[][] attention(int[] source, int[] output);

    /** The model a spec names, with fresh weights from {@code seed}. */
    static TranslationModel create(ModelSpec spec, int sourceVocabulary, int targetVocabulary, long seed) {
        return spec.isTransformer() ? new TransformerSeq2Seq(spec, sourceVocabulary, targetVocabulary, seed)
                : new Seq2Seq(spec, sourceVocabulary, targetVocabulary, seed);
    }
}
