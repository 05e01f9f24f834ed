package dev.gated.layer;

import dev.gated.io.LayerFactory;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gated.layer.recurrent.Recurrent;
import dev.gated.tensor.Precision;
import dev.gated.tensor.Shape;
import dev.gated.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Contracts of Attention, LayerNormalization, RepeatVector and TimeDistributed beyond their gradients:
 * idempotent builds, replicas sharing weights, configurations that recreate the layer, any length per call,
 * Keras's masking behaviour, and errors that name both shapes.
 */
class SequenceLayersTest {

    private static BuildContext context() {
        return new BuildContext(Precision.FLOAT64, new SplittableRandom(1));
    }

    private static Tensor uniform(long seed, int... shape) {
        SplittableRandom random = new SplittableRandom(seed);
        Tensor t = Tensor.zeros(Precision.FLOAT64, shape);
        for (int i = 0; i < t.size(); i++) {
            t.set(i, 2 * random.nextDouble() - 1);
        }
        return t;
    }

    @Test
    void secondBuildCreatesNoNewWeights() {
        Attention additive = Attention.additive();
        List<int[]> shapes = List.of(new int[] {Shape.ANY, 4}, new int[] {Shape.ANY, 4});
        additive.buildAll(shapes, context());
        Parameter v = additive.parameters().get(0);
        additive.buildAll(List.of(new int[] {3, 4}, new int[] {7, 4}), context());
        assertSame(v, additive.parameters().get(0));

        LayerNormalization norm = new LayerNormalization();
        norm.build(new int[] {Shape.ANY, 5}, context());
        List<Parameter> p = norm.parameters();
        norm.build(new int[] {9, 5}, context());
        assertSame(p.get(0), norm.parameters().get(0));
        assertSame(p.get(1), norm.parameters().get(1));

        TimeDistributed td = new TimeDistributed(new Dense(3));
        td.build(new int[] {Shape.ANY, 2}, context());
        Parameter kernel = td.parameters().get(0);
        td.build(new int[] {Shape.ANY, 2}, context());
        assertSame(kernel, td.parameters().get(0));
    }

    @Test
    void replicasShareWeightsNotCaches() {
        Attention a = Attention.dot(Attention.Scale.LEARNED);
        a.buildAll(List.of(new int[] {Shape.ANY, 3}, new int[] {Shape.ANY, 3}), context());
        Attention r = a.replica();
        assertSame(a.parameters().get(0), r.parameters().get(0));
        Tensor q = uniform(2, 2, 4, 3);
        Tensor v = uniform(3, 2, 6, 3);
        Tensor y1 = a.forwardAll(new Tensor[] {q, v}, new Tensor[2], Mode.INFERENCE)[0];
        r.forwardAll(new Tensor[] {uniform(4, 1, 2, 3), uniform(5, 1, 1, 3)}, new Tensor[2], Mode.INFERENCE);
        Tensor[] d = a.backwardAll(new Tensor[] {y1.zerosLike()});
        assertArrayEquals(q.shape(), d[0].shape(), "the original keeps its own cache after the replica ran");

        LayerNormalization n = new LayerNormalization();
        n.build(new int[] {4}, context());
        assertSame(n.parameters().get(0), n.replica().parameters().get(0));
        TimeDistributed td = new TimeDistributed(new Dense(2), new LayerNormalization());
        td.build(new int[] {Shape.ANY, 3}, context());
        assertSame(td.parameters().get(2), td.replica().parameters().get(2));
        RepeatVector rv = new RepeatVector(2);
        rv.build(new int[] {3}, context());
        assertEquals(2, rv.replica().times());
    }

    @Test
    void configurationsRecreateTheLayers() {
        List<Layer> layers = List.of(Attention.dot(), Attention.dot(Attention.Scale.INVERSE_SQRT_DIM).returnAttentionScores(true),
                Attention.dot(Attention.Scale.LEARNED), Attention.additive().returnAttentionScores(true),
                new LayerNormalization(1e-5), new RepeatVector(4),
                new TimeDistributed(new Dense(3, Activation.TANH), new TimeDistributed(Recurrent.gru(2).returnSequences(true))));
        for (Layer layer : layers) {
            Layer again = LayerFactory.create(layer.type(), layer.config());
            assertEquals(layer.type(), again.type());
            assertEquals(layer.config(), again.config());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LayerFactory.create("attn", java.util.Map.of()));
        assertTrue(e.getMessage().contains("attention") && e.getMessage().contains("time_distributed"), e.getMessage());
    }

    @Test
    void attentionTakesAnyLengthsAndMasksAsKeras() {
        Attention a = Attention.dot().returnAttentionScores(true);
        a.buildAll(List.of(new int[] {Shape.ANY, 2}, new int[] {Shape.ANY, 2}), context());
        for (int[] lengths : new int[][] {{1, 1}, {1, 9}, {7, 2}}) {
            Tensor[] y = a.forwardAll(new Tensor[] {uniform(6, 2, lengths[0], 2), uniform(7, 2, lengths[1], 2)},
                    new Tensor[2], Mode.INFERENCE);
            assertArrayEquals(new int[] {2, lengths[0], 2}, y[0].shape());
            assertArrayEquals(new int[] {2, lengths[0], lengths[1]}, y[1].shape());
        }
        // query mask zeroes output rows; value mask gives masked steps weight 0; a row with no valid value is 0
        Tensor queryMask = Tensor.of(new double[] {1, 0, 1}, 1, 3);
        Tensor valueMask = Tensor.of(new double[] {1, 0, 1, 1}, 1, 4);
        Tensor[] y = a.forwardAll(new Tensor[] {uniform(8, 1, 3, 2), uniform(9, 1, 4, 2)},
                new Tensor[] {queryMask, valueMask}, Mode.INFERENCE);
        for (int f = 0; f < 2; f++) {
            assertEquals(0.0, y[0].get(2 + f), 0.0, "masked query step 1 must give a zero output row");
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(0.0, y[1].get(i * 4 + 1), 0.0, "masked value step 1 must get weight 0");
            double sum = 0;
            for (int j = 0; j < 4; j++) {
                sum += y[1].get(i * 4 + j);
            }
            assertEquals(1.0, sum, 1e-12, "weights of a row sum to 1");
        }
        Tensor[] none = a.forwardAll(new Tensor[] {uniform(8, 1, 3, 2), uniform(9, 1, 4, 2)},
                new Tensor[] {null, Tensor.zeros(Precision.FLOAT64, 1, 4)}, Mode.INFERENCE);
        for (int i = 0; i < none[0].size(); i++) {
            assertEquals(0.0, none[0].get(i), 0.0, "no valid value step: output 0");
        }
        assertSame(queryMask, a.outputMasks(new Tensor[] {queryMask, valueMask})[0], "the query mask is passed on");
    }

    @Test
    void errorsNameBothShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Attention.dot()
                .buildAll(List.of(new int[] {Shape.ANY, 4}, new int[] {Shape.ANY, 3}), context()));
        assertTrue(e.getMessage().contains("(None, None, 4)") && e.getMessage().contains("(None, None, 3)"), e.getMessage());

        Attention built = Attention.dot();
        built.buildAll(List.of(new int[] {Shape.ANY, 2}, new int[] {Shape.ANY, 2}), context());
        e = assertThrows(IllegalArgumentException.class, () -> built.forwardAll(
                new Tensor[] {uniform(1, 2, 3, 2), uniform(2, 3, 4, 2)}, new Tensor[2], Mode.INFERENCE));
        assertTrue(e.getMessage().contains("[2, 3, 2]") && e.getMessage().contains("[3, 4, 2]"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> Attention.dot()
                .buildAll(List.of(new int[] {Shape.ANY, 2}), context()));
        assertTrue(e.getMessage().contains("attention.on(x, x)"), e.getMessage());

        LayerNormalization norm = new LayerNormalization();
        norm.build(new int[] {Shape.ANY, 5}, context());
        e = assertThrows(IllegalArgumentException.class, () -> norm.build(new int[] {Shape.ANY, 6}, context()));
        assertTrue(e.getMessage().contains("5") && e.getMessage().contains("(None, None, 6)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> norm.forward(uniform(3, 2, 4, 6), null, Mode.INFERENCE));
        assertTrue(e.getMessage().contains("None, 5") && e.getMessage().contains("2, 4, 6"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> new RepeatVector(3).build(new int[] {4, 2}, context()));
        assertTrue(e.getMessage().contains("(None, 4, 2)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new TimeDistributed(new Dense(2)).build(new int[] {3}, context()));
        assertTrue(e.getMessage().contains("(None, 3)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LayerNormalization(0));
        assertThrows(IllegalArgumentException.class, () -> new RepeatVector(0));
        assertThrows(IllegalArgumentException.class, TimeDistributed::new);
    }

    @Test
    void timeDistributedRunsTheStackOnEveryStep() {
        Dense dense = new Dense(2, Activation.TANH);
        TimeDistributed td = new TimeDistributed(dense);
        td.build(new int[] {Shape.ANY, 3}, context());
        Tensor x = uniform(10, 2, 5, 3);
        Tensor y = td.forward(x, null, Mode.INFERENCE);
        assertArrayEquals(new int[] {2, 5, 2}, y.shape());
        Tensor row = Tensor.zeros(Precision.FLOAT64, 1, 3);
        for (int step = 0; step < 10; step++) {   // each (b, t) on its own through the wrapped Dense
            row.copyFrom(x, step * 3, 0, 3);
            Tensor alone = dense.forward(row, null, Mode.INFERENCE);
            for (int u = 0; u < 2; u++) {
                assertEquals(alone.get(u), y.get(step * 2 + u), 0.0);
            }
        }
    }
}
