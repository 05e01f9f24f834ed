package dev.gated.layer;

import dev.gated.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.gated.tensor.Shape;

/**
 * Looks up a learned vector for each token index: (B, T) indices → (B, T, E) vectors.
 *
 * <pre>
 * y[b, t, :] = E[x[b, t], :]        E (V, E) ~ U(−0.05, 0.05)
 * ∂L/∂E[v, :] += Σ_{b,t : x[b,t] = v} ∂L/∂y[b, t, :]
 * </pre>
 * With {@code maskZero}, index 0 is padding: the layer emits a (B, T) mask that recurrent layers use to
 * skip padded steps (and the vocabulary must reserve 0 for it).
 */
public final class Embedding implements Layer {

    private final int vocabularySize;
    private final int dimension;
    private final boolean maskZero;
    private int steps;
    private Parameter embeddings; // E (V, E)
    private Tensor indices;       // last input (B, T)

    public Embedding(int vocabularySize, int dimension, boolean maskZero) {
        this.vocabularySize = Checks.positive("Embedding vocabularySize", vocabularySize);
        this.dimension = Checks.positive("Embedding dimension", dimension);
        this.maskZero = maskZero;
    }

    @Override
    public String type() {
        return "embedding";
    }

    @Override
    public int[] build(int[] inputShape, BuildContext context) {
        if (inputShape.length != 1) {
            throw new IllegalArgumentException("Embedding: expected input of shape (batch, time) holding token "
                    + "indices but the model's input shape has " + (inputShape.length + 1) + " axes");
        }
        if (embeddings != null) {
            return new int[] {inputShape[0], dimension};
        }
        steps = inputShape[0];
        embeddings = Parameter.zeros("embeddings", context.precision(), vocabularySize, dimension);
        dev.gated.init.Initializer.uniform(0.05).fill(embeddings.value(), 0, vocabularySize, dimension, context.random());
        return new int[] {steps, dimension};
    }

    @Override
    public Embedding replica() {
        Embedding r = new Embedding(vocabularySize, dimension, maskZero);
        r.steps = steps;
        r.embeddings = embeddings;
        return r;
    }

    @Override
    public Tensor forward(Tensor x, Tensor mask, Mode mode) {
        Checks.inputShape("Embedding", new int[] {Shape.ANY}, x.shape());
        indices = x;
        int batch = x.dim(0);
        int steps = x.dim(1);
        Tensor y = Tensor.zeros(x.precision(), batch, steps, dimension);
        for (int i = 0; i < batch * steps; i++) {
            y.copyFrom(embeddings.value(), index(x, i) * dimension, i * dimension, dimension);
        }
        return y;
    }

    private int index(Tensor x, int i) {
        double v = x.get(i);
        int idx = (int) v;
        if (idx != v || idx < 0 || idx >= vocabularySize) {
            throw new IllegalArgumentException("Embedding: token index at " + x.indexOf(i) + " is " + v
                    + " but must be an integer in [0, " + vocabularySize + ") — is vocabularySize large enough?");
        }
        return idx;
    }

    @Override
    public Tensor backward(Tensor dOutput) {
        for (int i = 0; i < indices.size(); i++) {
            int row = index(indices, i) * dimension;
            for (int j = 0; j < dimension; j++) {
                embeddings.grad().add(row + j, dOutput.get(i * dimension + j));
            }
        }
        return null;
    }

    @Override
    public Tensor outputMask(Tensor inputMask) {
        if (!maskZero) {
            return inputMask;
        }
        Tensor mask = Tensor.zeros(indices.precision(), indices.shape());
        for (int i = 0; i < mask.size(); i++) {
            mask.set(i, indices.get(i) != 0 ? 1 : 0);
        }
        return mask;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(embeddings);
    }

    @Override
    public Map<String, String> config() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("vocabulary_size", Integer.toString(vocabularySize));
        c.put("dimension", Integer.toString(dimension));
        c.put("mask_zero", Boolean.toString(maskZero));
        return c;
    }
}
