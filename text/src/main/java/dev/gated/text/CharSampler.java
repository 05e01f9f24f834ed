package dev.gated.text;

import dev.gated.model.Model;
import dev.gated.model.StreamState;
import dev.gated.tensor.Tensor;
import java.util.Random;

/**
 * Generates text from a character-level model whose output is next-character logits at every step
 * ((B, T, V), e.g. Embedding → LSTM(return sequences) → Dense(V) on input {@code Shape.anyLength()}).
 * <pre>
 *   stepped:   state = zeros;  z = step(state, prompt)           the prompt once, as one chunk
 *              repeat: c ~ softmax(z / τ);  z = step(state, c)    one character at a time, state kept
 *   windowed:  repeat: z = predict(last W characters)[W − 1];  c ~ softmax(z / τ)
 * </pre>
 * Stepping costs one time step per character and keeps the whole history in the state; the windowed form
 * (the demo's former sampler, kept to measure against) re-runs W steps per character and forgets all but the
 * last W characters.
 */
public final class CharSampler {

    private CharSampler() {
    }

    /** {@code length} characters after {@code prompt}, by stepping the model from a zero state. */
    public static String stepped(Model model, CharVocabulary vocabulary, CharSequence prompt, int length,
                                 double temperature, Random random) {
        if (prompt.length() == 0) {
            throw new IllegalArgumentException("stepped: the prompt is empty — give at least one character");
        }
        StreamState state = model.newState(1);
        double[] logits = lastLogits(model.step(state, indices(vocabulary.encode(prompt))), vocabulary.size());
        StringBuilder out = new StringBuilder(length);
        float[] one = new float[1];
        for (int i = 0; i < length; i++) {
            int c = Sampling.sample(logits, temperature, random);
            out.append(vocabulary.charAt(c));
            if (i + 1 < length) {
                one[0] = c;
                logits = lastLogits(model.step(state, Tensor.of(one, 1)), vocabulary.size()); // (B) = one step
            }
        }
        return out.toString();
    }

    /**
     * {@code length} characters after {@code prompt}, each from a full forward pass over the last
     * {@code window} characters (a shorter prompt is preceded by spaces).
     */
    public static String windowed(Model model, CharVocabulary vocabulary, CharSequence prompt, int window, int length,
                                  double temperature, Random random) {
        StringBuilder context = new StringBuilder();
        for (int i = prompt.length(); i < window; i++) {
            context.append(' ');
        }
        context.append(prompt);
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            double[] logits = lastLogits(model.predict(vocabulary.window(context, window)), vocabulary.size());
            char next = vocabulary.charAt(Sampling.sample(logits, temperature, random));
            out.append(next);
            context.append(next);
        }
        return out.toString();
    }

    /** The last step's V logits of a (1, T, V) or (1, V) output. */
    public static double[] lastLogits(Tensor y, int classes) {
        if (y.size() % classes != 0) {
            throw new IllegalArgumentException("the model gives " + y.shapeString() + " but the vocabulary has "
                    + classes + " characters — its last axis must be one logit per character");
        }
        double[] logits = new double[classes];
        int last = y.size() - classes;
        for (int c = 0; c < classes; c++) {
            logits[c] = y.get(last + c);
        }
        return logits;
    }

    private static Tensor indices(int[] encoded) {
        float[] x = new float[encoded.length];
        for (int t = 0; t < x.length; t++) {
            x[t] = encoded[t];
        }
        return Tensor.of(x, 1, x.length);
    }
}
