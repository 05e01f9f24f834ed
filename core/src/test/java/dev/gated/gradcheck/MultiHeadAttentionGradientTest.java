package dev.gated.gradcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gated.layer.BuildContext;
import dev.gated.layer.Dense;
import dev.gated.layer.Embedding;
import dev.gated.layer.LayerNormalization;
import dev.gated.layer.Mode;
import dev.gated.layer.MultiHeadAttention;
import dev.gated.layer.Node;
import dev.gated.layer.PositionalEncoding;
import dev.gated.layer.TransformerBlock;
import dev.gated.model.Model;
import dev.gated.tensor.Precision;
import dev.gated.tensor.Shape;
import dev.gated.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Multi-head attention through its graph form under finite differences: heads of unequal key and value
 * width, a separate key, an output width of its own, the causal mask, padding masks on query and value, the
 * attention weights under the loss; then whole Transformer blocks (pre- and post-norm, encoder, causal decoder
 * with cross-attention to an encoder) with sinusoidal positions, as graph models. L = Σ_k output_k ⊙ R_k.
 */
class MultiHeadAttentionGradientTest {

    private static final GradientCheck CHECK = GradientCheck.defaults();

    private static GradientCheck.Result check(String label, MultiHeadAttention layer, int batch, int tq, int tv,
                                              int dq, int dv, int dk, Tensor queryMask, Tensor valueMask, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<int[]> shapes = new ArrayList<>(List.of(new int[] {Shape.ANY, dq}, new int[] {Shape.ANY, dv}));
        List<Tensor> inputs = new ArrayList<>(List.of(Tensors.uniform(random, -1, 1, batch, tq, dq),
                Tensors.uniform(random, -1, 1, batch, tv, dv)));
        if (dk > 0) {
            shapes.add(new int[] {Shape.ANY, dk});
            inputs.add(Tensors.uniform(random, -1, 1, batch, tv, dk));
        }
        layer.buildAll(shapes, new BuildContext(Precision.FLOAT64, new SplittableRandom(seed + 1)));
        Tensor[] x = inputs.toArray(Tensor[]::new);
        Tensor[] masks = dk > 0 ? new Tensor[] {queryMask, valueMask, null} : new Tensor[] {queryMask, valueMask};
        Tensor[] y = layer.forwardAll(x, masks, Mode.INFERENCE);
        Tensor[] r = new Tensor[y.length];
        for (int k = 0; k < y.length; k++) {
            r[k] = Tensors.uniform(random, -1, 1, y[k].shape());
        }
        layer.parameters().forEach(p -> p.zeroGrad());
        Tensor[] dx = layer.backwardAll(r);
        assertEquals(x.length, dx.length, "one gradient per input");
        List<GradientCheck.Wrt> wrt = new ArrayList<>(GradientCheck.Wrt.parameters("mha", layer.parameters()));
        String[] names = {"query", "value", "key"};
        for (int k = 0; k < dx.length; k++) {
            wrt.add(GradientCheck.Wrt.of(names[k], x[k], dx[k]));
        }
        return CHECK.run(label, () -> {
            Tensor[] out = layer.forwardAll(x, masks, Mode.INFERENCE);
            double sum = 0;
            for (int k = 0; k < out.length; k++) {
                sum += Tensors.dot(out[k], r[k]);
            }
            return sum;
        }, wrt).assertPassed();
    }

    @Test
    void headsOfEveryShape() {
        check("MHA 2 heads d=3, Tq=3 Tv=4", MultiHeadAttention.of(2, 3), 2, 3, 4, 4, 5, 0, null, null, 1);
        check("MHA 1 head, T=1", MultiHeadAttention.of(1, 2), 1, 1, 1, 3, 3, 0, null, null, 2);
        check("MHA 3 heads d=2 e=3, output 2, key, scores out",
                MultiHeadAttention.of(3, 2, 3, 2).returnAttentionScores(true), 2, 4, 3, 3, 4, 2, null, null, 3);
    }

    @Test
    void causalAndPadded() {
        check("MHA causal T=5", MultiHeadAttention.of(2, 2).causal(true), 2, 5, 5, 4, 4, 0, null, null, 4);
        GradientCheck.Result r = check("MHA value and query masks, scores out", MultiHeadAttention.of(2, 2).returnAttentionScores(true),
                4, 5, 5, 3, 3, 0, Tensors.gappedMask(4, 5), Tensors.mixedMask(4, 5), 5);
        Tensor valueMask = Tensors.mixedMask(4, 5);
        Tensor dValue = r.analytic("value");
        for (int b = 0; b < 4; b++) {
            for (int t = 0; t < 5; t++) {
                if (valueMask.get(b * 5 + t) == 0) {
                    for (int f = 0; f < 3; f++) {
                        assertEquals(0, dValue.get((b * 5 + t) * 3 + f), "a padded value step gets no gradient");
                    }
                }
            }
        }
        check("MHA causal with masks", MultiHeadAttention.of(1, 3).causal(true), 4, 5, 5, 2, 2, 0,
                Tensors.gappedMask(4, 5), Tensors.mixedMask(4, 5), 6);
    }

    @Test
    void transformerBlocksAsGraphs() {
        for (boolean postNorm : new boolean[] {false, true}) {
            Node x = Node.input("x", Shape.anyLength(3));
            Node h = new Dense(4).on(x);
            h = new PositionalEncoding().on(h);
            h = TransformerBlock.of(2, 4).feedForward(6).causal(true).postNorm(postNorm).on(h);
            Node y = new Dense(2).on(new LayerNormalization().on(h));
            Model model = Model.of(List.of(x), List.of(y)).precision(Precision.FLOAT64).seed(7).build();
            GraphGradientTest.jitter(model, 8);
            GraphGradientTest.check(model, (postNorm ? "post" : "pre") + "-norm causal Transformer block",
                    List.of(GraphGradientTest.uniform(9, 2, 4, 3)), 10).assertPassed();
        }
    }

    @Test
    void encoderDecoderWithCrossAttentionAndPaddedTokens() {
        Node source = Node.input("source", Shape.anyLength(2));
        Node target = Node.input("target", Shape.anyLength(3));
        Node memory = TransformerBlock.of(2, 4).feedForward(5).on(new PositionalEncoding().on(new Dense(4).on(source)));
        Node decoded = TransformerBlock.of(2, 4).feedForward(5).causal(true)
                .on(new PositionalEncoding().on(new Dense(4).on(target)), memory);
        Model model = Model.of(List.of(source, target), List.of(new Dense(3).on(decoded))).precision(Precision.FLOAT64).seed(11).build();
        GraphGradientTest.jitter(model, 12);
        GraphGradientTest.check(model, "Transformer encoder → causal decoder with cross-attention",
                List.of(GraphGradientTest.uniform(13, 2, 5, 2), GraphGradientTest.uniform(14, 2, 3, 3)), 15).assertPassed();

        Node tokens = Node.input("tokens", Shape.ANY);
        Node embedded = new PositionalEncoding().on(new Embedding(6, 4, true).on(tokens));
        Node encoded = TransformerBlock.of(2, 4).on(embedded);
        Model padded = Model.of(List.of(tokens), List.of(new Dense(2).on(encoded))).precision(Precision.FLOAT64).seed(16).build();
        GraphGradientTest.jitter(padded, 17);
        List<Tensor> ids = List.of(Tensor.of(new double[] {1, 2, 3, 0, 0, 4, 5, 1, 2, 3}, 2, 5));
        Tensor r = GraphGradientTest.uniform(18, 2, 5, 2);
        GraphGradientTest.zeroGrad(padded);
        padded.forward(ids, null, Mode.INFERENCE, null);
        padded.backward(List.of(r));
        CHECK.run("Transformer block over padded tokens (mask_zero)",
                () -> Tensors.dot(padded.forward(ids, null, Mode.INFERENCE, null).outputs().get(0), r),
                GradientCheck.Wrt.parameters("model", padded.parameters())).assertPassed();
    }
}
