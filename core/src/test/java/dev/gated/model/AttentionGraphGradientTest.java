package dev.gated.model;

import dev.gated.gradcheck.GradientCheck;
import dev.gated.layer.Activation;
import dev.gated.layer.Add;
import dev.gated.layer.Attention;
import dev.gated.layer.Dense;
import dev.gated.layer.LayerNormalization;
import dev.gated.layer.Mode;
import dev.gated.layer.Node;
import dev.gated.layer.Parameter;
import dev.gated.layer.TimeDistributed;
import dev.gated.tensor.Precision;
import dev.gated.tensor.Shape;
import dev.gated.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The new layers wired in a graph model, checked end to end by finite differences (FLOAT64): a LayerNormalization
 * shared between two inputs, self-attention called as {@code attention.on(x, x)} (fan-out: the gradients of
 * query and value add up on one node), a residual Add, cross additive attention whose weights are a second
 * output, a TimeDistributed head; masks on both inputs flow through the graph to the attention layers.
 * L = Σ y ⊙ R + Σ A ⊙ R₂; every parameter of the model is checked.
 */
class AttentionGraphGradientTest {

    @Test
    void sharedNormSelfAndCrossAttentionWithMasks() {
        Node x = Node.input("x", Shape.anyLength(3));
        Node context = Node.input("context", Shape.anyLength(3));
        LayerNormalization norm = new LayerNormalization();
        Node nx = norm.on(x);
        Node nc = norm.on(context);
        Node self = Attention.dot(Attention.Scale.INVERSE_SQRT_DIM).on(nx, nx);
        Node residual = new Add().on(self, x);
        Node[] cross = Attention.additive().returnAttentionScores(true).onAll(residual, nc);
        Node y = new TimeDistributed(new Dense(2, Activation.TANH)).on(cross[0]);
        GraphModel model = Model.of(List.of(x, context), List.of(y, cross[1])).seed(3).precision(Precision.FLOAT64).build();

        SplittableRandom random = new SplittableRandom(4);
        for (Parameter p : model.parameters()) {   // move γ off 1 and β off 0
            for (int i = 0; i < p.value().size(); i++) {
                p.value().add(i, 0.3 * (2 * random.nextDouble() - 1));
            }
        }
        Tensor[] inputs = {uniform(random, 3, 4, 3), uniform(random, 3, 5, 3)};
        Tensor[] masks = {
            Tensor.of(new double[] {1, 1, 1, 1, 1, 0, 1, 1, 0, 1, 1, 0}, 3, 4),
            Tensor.of(new double[] {1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1}, 3, 5)};
        Graph.Outputs out = model.forward(inputs, masks, Mode.INFERENCE, null);
        Tensor[] r = {uniform(random, out.values()[0].shape()), uniform(random, out.values()[1].shape())};
        model.parameters().forEach(Parameter::zeroGrad);
        model.backward(r);
        GradientCheck.defaults().run("graph: shared LayerNorm, self-attention on(x, x), Add, additive cross-attention "
                + "(weights out), TimeDistributed(Dense), masks", () -> {
                    Tensor[] v = model.forward(inputs, masks, Mode.INFERENCE, null).values();
                    return dot(v[0], r[0]) + dot(v[1], r[1]);
                }, GradientCheck.Wrt.parameters("model", model.parameters())).assertPassed();
    }

    private static Tensor uniform(SplittableRandom random, int... shape) {
        Tensor t = Tensor.zeros(Precision.FLOAT64, shape);
        for (int i = 0; i < t.size(); i++) {
            t.set(i, 2 * random.nextDouble() - 1);
        }
        return t;
    }

    private static double dot(Tensor a, Tensor b) {
        double s = 0;
        for (int i = 0; i < a.size(); i++) {
            s += a.get(i) * b.get(i);
        }
        return s;
    }
}
