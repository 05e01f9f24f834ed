package dev.gated.interop.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gated.interop.layer.ActivationLayer;
import dev.gated.interop.layer.Masking;
import dev.gated.layer.Activation;
import dev.gated.layer.Add;
import dev.gated.layer.Attention;
import dev.gated.layer.Concatenate;
import dev.gated.layer.Dense;
import dev.gated.layer.Dropout;
import dev.gated.layer.Embedding;
import dev.gated.layer.Node;
import dev.gated.layer.Parameter;
import dev.gated.layer.RepeatVector;
import dev.gated.layer.TimeDistributed;
import dev.gated.layer.recurrent.Bidirectional;
import dev.gated.layer.recurrent.CellActivation;
import dev.gated.layer.recurrent.Recurrent;
import dev.gated.model.Model;
import dev.gated.model.Sequential;
import dev.gated.tensor.Shape;
import dev.gated.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Every exported model, run in ONNX Runtime, equals Gated's own prediction within 1e-5 (float32), on random
 * weights (biases included) and random inputs, at two sequence lengths from one exported file.
 */
class OnnxExportTest {

    static final double TOLERANCE = 1e-5;

    /** Gives every parameter random values in (−0.5, 0.5), so biases and recurrent biases are exercised too. */
    static <M extends Model> M randomised(M model, long seed) {
        model.build();
        Random random = new Random(seed);
        for (Parameter p : model.parameters()) {
            for (int i = 0; i < p.value().size(); i++) {
                p.value().set(i, random.nextDouble() - 0.5);
            }
        }
        return model;
    }

    static Tensor random(Random random, int... shape) {
        Tensor t = Tensor.zeros(dev.gated.tensor.Precision.FLOAT32, shape);
        for (int i = 0; i < t.size(); i++) {
            t.set(i, 2 * random.nextDouble() - 1);
        }
        return t;
    }

    static double maxDifference(Tensor a, Tensor b) {
        assertArrayEquals(a.shape(), b.shape(), "shapes: Gated " + a.shapeString() + " vs ONNX Runtime " + b.shapeString());
        double max = 0;
        for (int i = 0; i < a.size(); i++) {
            max = Math.max(max, Math.abs(a.get(i) - b.get(i)));
        }
        return max;
    }

    /** Exports the model, runs Gated and ONNX Runtime on (3, T, features) for T = 4 and 9, compares. */
    static void checkSequential(String label, Sequential model, int features) throws Exception {
        byte[] onnx = OnnxExport.toOnnx(model).toByteArray();
        Random random = new Random(label.hashCode());
        try (OrtRunner ort = new OrtRunner(onnx)) {
            for (int steps : new int[] {4, 9}) {
                Tensor x = random(random, 3, steps, features);
                Tensor expected = model.predict(x);
                assertTrue(varies(expected), label + ": the output differs between examples");
                Tensor actual = ort.floats("input", x).run().get(0);
                double diff = maxDifference(expected, actual);
                System.out.printf("ONNX export %-44s T=%d  max |Gated − ONNX Runtime| = %.2e%n", label, steps, diff);
                assertTrue(diff <= TOLERANCE, label + " T=" + steps + ": max difference " + diff);
            }
        }
    }

    /** Whether the first and last examples' outputs differ (the model does not ignore its input). */
    static boolean varies(Tensor y) {
        int per = y.size() / y.dim(0);
        for (int i = 0; i < per; i++) {
            if (y.get(i) != y.get(y.size() - per + i)) {
                return true;
            }
        }
        return false;
    }

    static Sequential sequence(int features, Supplier<Recurrent> layer, boolean returnSequences) {
        return Sequential.input(Shape.anyLength(features)).add(layer.get().returnSequences(returnSequences)).add(new Dense(2));
    }

    @Test
    void recurrentLayersMatchOnnxRuntime() throws Exception {
        checkSequential("lstm sequences + dense", randomised(sequence(3, () -> Recurrent.lstm(5), true), 1), 3);
        checkSequential("lstm last + dense", randomised(sequence(3, () -> Recurrent.lstm(5), false), 2), 3);
        checkSequential("gru reset-after sequences", randomised(sequence(3, () -> Recurrent.gru(4), true), 3), 3);
        checkSequential("gru reset-after last", randomised(sequence(3, () -> Recurrent.gru(4), false), 4), 3);
        checkSequential("gru reset-before sequences", randomised(sequence(2, () -> Recurrent.gruResetBefore(6), true), 5), 2);
        checkSequential("simple rnn last", randomised(sequence(2, () -> Recurrent.simpleRnn(3), false), 6), 2);
        checkSequential("lstm go backwards sequences", randomised(sequence(3, () -> Recurrent.lstm(4).goBackwards(true), true), 7), 3);
        checkSequential("gru go backwards last", randomised(sequence(3, () -> Recurrent.gru(4).goBackwards(true), false), 8), 3);
    }

    @Test
    void bidirectionalEveryMergeMatchesOnnxRuntime() throws Exception {
        for (Bidirectional.Merge merge : Bidirectional.Merge.values()) {
            for (boolean sequences : new boolean[] {true, false}) {
                Sequential lstm = Sequential.input(Shape.anyLength(3))
                        .add(new Bidirectional(Recurrent.lstm(4).returnSequences(sequences), merge)).add(new Dense(2));
                checkSequential("bidirectional lstm " + merge + (sequences ? " sequences" : " last"), randomised(lstm, 10), 3);
                Sequential gru = Sequential.input(Shape.anyLength(2))
                        .add(new Bidirectional(Recurrent.gru(3).returnSequences(sequences), merge));
                checkSequential("bidirectional gru " + merge + (sequences ? " sequences" : " last"), randomised(gru, 11), 2);
            }
        }
        Sequential rnn = Sequential.input(Shape.anyLength(2)).add(new Bidirectional(Recurrent.simpleRnn(3).returnSequences(true)));
        checkSequential("bidirectional simple rnn", randomised(rnn, 12), 2);
    }

    /**
     * Weights × 3 so the hard sigmoids saturate and relu cuts at some steps, not only their linear middles;
     * fails if the output is the same for every example (every gate saturated would compare nothing).
     */
    static <M extends Model> M amplified(M model, long seed) {
        randomised(model, seed);
        for (Parameter p : model.parameters()) {
            for (int i = 0; i < p.value().size(); i++) {
                p.value().set(i, 3 * p.value().get(i));
            }
        }
        return model;
    }

    @Test
    void cellActivationsMatchOnnxRuntime() throws Exception {
        checkSequential("lstm hard_sigmoid_keras2 gates", amplified(sequence(3,
                () -> Recurrent.lstm(4).recurrentActivation(CellActivation.HARD_SIGMOID_KERAS2), true), 30), 3);
        checkSequential("lstm relu, hard_sigmoid_keras3 gates", amplified(sequence(3,
                () -> Recurrent.lstm(4).activation(CellActivation.RELU)
                        .recurrentActivation(CellActivation.HARD_SIGMOID_KERAS3), false), 31), 3);
        checkSequential("gru reset-after relu, hard_sigmoid_keras2", amplified(sequence(2,
                () -> Recurrent.gru(3).activation(CellActivation.RELU)
                        .recurrentActivation(CellActivation.HARD_SIGMOID_KERAS2), true), 32), 2);
        checkSequential("gru reset-before linear, tanh gates", randomised(sequence(2,
                () -> Recurrent.gruResetBefore(3).activation(CellActivation.LINEAR)
                        .recurrentActivation(CellActivation.TANH), false), 33), 2);
        // [Tanh, HardSigmoid, HardSigmoid] with α = [1/6, 1/6]: α is consumed only by the functions taking it
        checkSequential("lstm hard_sigmoid_keras3 activation, tanh gates", amplified(sequence(3,
                () -> Recurrent.lstm(4).activation(CellActivation.HARD_SIGMOID_KERAS3)
                        .recurrentActivation(CellActivation.TANH), true), 37), 3);
        checkSequential("simple rnn relu", amplified(sequence(2,
                () -> Recurrent.simpleRnn(3).activation(CellActivation.RELU), true), 34), 2);
        checkSequential("simple rnn hard_sigmoid_keras3", amplified(sequence(2,
                () -> Recurrent.simpleRnn(3).activation(CellActivation.HARD_SIGMOID_KERAS3), false), 35), 2);
        Sequential bi = Sequential.input(Shape.anyLength(2)).add(new Bidirectional(Recurrent.lstm(3)
                .activation(CellActivation.LINEAR).recurrentActivation(CellActivation.HARD_SIGMOID_KERAS3)
                .returnSequences(true)));
        checkSequential("bidirectional lstm linear, hard_sigmoid_keras3", amplified(bi, 36), 2);
    }

    @Test
    void stackedModelsWithEveryDenseActivationMatchOnnxRuntime() throws Exception {
        Sequential stacked = Sequential.input(Shape.anyLength(4))
                .add(Recurrent.lstm(6).returnSequences(true))
                .add(new Dropout(0.3))
                .add(new Bidirectional(Recurrent.gruResetBefore(5).returnSequences(true)))
                .add(Recurrent.simpleRnn(4).returnSequences(true))
                .add(new TimeDistributed(new Dense(5, Activation.RELU), new Dropout(0.2)))
                .add(Recurrent.gru(3))
                .add(new Dense(4, Activation.TANH))
                .add(new Dense(3, Activation.SIGMOID))
                .add(new Dense(3, Activation.SOFTMAX));
        checkSequential("stacked lstm/bi-gru/rnn/gru + dense", randomised(stacked, 20), 4);
        Sequential repeat = Sequential.input(Shape.anyLength(2))
                .add(Recurrent.lstm(4)).add(new RepeatVector(5)).add(Recurrent.gru(3).returnSequences(true)).add(new Dense(2));
        checkSequential("lstm → repeat vector → gru", randomised(repeat, 21), 2);
    }

    @Test
    void fixedLengthModelDeclaresItsTimeAxis() throws Exception {
        Sequential fixed = randomised(Sequential.input(6, 2).add(Recurrent.lstm(3)).add(new Dense(1)), 22);
        var proto = OnnxExport.toOnnx(fixed);
        var dims = proto.getGraph().getInput(0).getType().getTensorType().getShape().getDimList();
        assertEquals("batch", dims.get(0).getDimParam());
        assertEquals(6, dims.get(1).getDimValue());
        assertEquals(OnnxExport.OPSET, proto.getOpsetImport(0).getVersion());
        Random random = new Random(5);
        Tensor x = random(random, 2, 6, 2);
        try (OrtRunner ort = new OrtRunner(proto.toByteArray())) {
            assertTrue(maxDifference(fixed.predict(x), ort.floats("input", x).run().get(0)) <= TOLERANCE);
        }
    }

    /** Right-padded token ids (0 = padding), each row its own length. */
    static Tensor paddedTokens(Random random, int[] lengths, int steps, int vocabulary) {
        Tensor t = Tensor.zeros(dev.gated.tensor.Precision.FLOAT32, lengths.length, steps);
        for (int b = 0; b < lengths.length; b++) {
            for (int s = 0; s < lengths[b]; s++) {
                t.set(b * steps + s, 1 + random.nextInt(vocabulary - 1));
            }
        }
        return t;
    }

    @Test
    void embeddingMaskZeroBecomesSequenceLengths() throws Exception {
        Sequential model = randomised(Sequential.input(Shape.ANY)
                .add(new Embedding(12, 4, true))
                .add(new Bidirectional(Recurrent.lstm(5).returnSequences(true)))
                .add(Recurrent.gru(3))
                .add(new Dense(2)), 30);
        int[] lengths = {7, 3, 1, 5};
        Tensor tokens = paddedTokens(new Random(3), lengths, 7, 12);
        try (OrtRunner ort = new OrtRunner(OnnxExport.toOnnx(model).toByteArray())) {
            double diff = maxDifference(model.predict(tokens), ort.tokens("input", tokens).run().get(0));
            System.out.printf("ONNX export %-44s       max |Gated − ONNX Runtime| = %.2e%n", "embedding mask_zero → bi-lstm → gru", diff);
            assertTrue(diff <= TOLERANCE, "difference " + diff);
        }
    }

    @Test
    void maskingAndActivationLayersMatchOnnxRuntime() throws Exception {
        Sequential model = randomised(Sequential.input(Shape.anyLength(3))
                .add(new Masking(0))
                .add(Recurrent.lstm(4).returnSequences(true))
                .add(new ActivationLayer(Activation.RELU))
                .add(Recurrent.gru(3))
                .add(new ActivationLayer(Activation.SOFTMAX)), 32);
        int[] lengths = {5, 2, 4};
        Tensor x = random(new Random(11), 3, 5, 3);
        for (int b = 0; b < 3; b++) {
            x.fill((b * 5 + lengths[b]) * 3, (5 - lengths[b]) * 3, 0);
        }
        try (OrtRunner ort = new OrtRunner(OnnxExport.toOnnx(model).toByteArray())) {
            double diff = maxDifference(model.predict(x), ort.floats("input", x).run().get(0));
            System.out.printf("ONNX export %-44s       max |Gated − ONNX Runtime| = %.2e%n", "masking → lstm → relu → gru → softmax", diff);
            assertTrue(diff <= TOLERANCE, "difference " + diff);
        }
    }

    @Test
    void maskGivenAsLengthsInputMatchesAtValidSteps() throws Exception {
        Sequential model = randomised(Sequential.input(Shape.anyLength(3))
                .add(Recurrent.lstm(4).returnSequences(true)).add(Recurrent.gru(3).goBackwards(true).returnSequences(true))
                .add(new Dense(2)), 31);
        int[] lengths = {6, 2, 4};
        Tensor x = random(new Random(8), 3, 6, 3);
        Tensor mask = Tensor.zeros(dev.gated.tensor.Precision.FLOAT32, 3, 6);
        for (int b = 0; b < 3; b++) {
            mask.fill(b * 6, lengths[b], 1);
        }
        Tensor expected = model.predict(x, mask);
        var proto = OnnxExport.toOnnx(model, OnnxExport.Options.defaults().withSequenceLengths());
        try (OrtRunner ort = new OrtRunner(proto.toByteArray())) {
            Tensor actual = ort.floats("input", x).lengths("input_lengths", lengths).run().get(0);
            double max = 0;
            for (int b = 0; b < 3; b++) {
                for (int t = 0; t < lengths[b]; t++) {
                    for (int j = 0; j < 2; j++) {
                        int i = (b * 6 + t) * 2 + j;
                        max = Math.max(max, Math.abs(expected.get(i) - actual.get(i)));
                    }
                }
            }
            System.out.printf("ONNX export %-44s       max |Gated − ONNX Runtime| = %.2e (valid steps)%n", "lengths input, lstm → reverse gru", max);
            assertTrue(max <= TOLERANCE, "difference at valid steps " + max);
        }
    }

    @Test
    void graphEncoderDecoderWithStatesMatchesOnnxRuntime() throws Exception {
        Node source = Node.input("source", Shape.anyLength(3));
        Node target = Node.input("target", Shape.anyLength(2));
        Node[] encoded = Recurrent.lstm(5).returnState(true).onAll(source);
        Node decoded = Recurrent.lstm(5).returnSequences(true).on(target, encoded[1], encoded[2]);
        Node[] bi = new Bidirectional(Recurrent.gru(5).returnSequences(true).returnState(true)).onAll(target);
        Node joined = new Concatenate().on(decoded, bi[0]);
        Node summed = new Add().on(bi[1], bi[2], encoded[1]);
        Node y = new TimeDistributed(new Dense(3, Activation.SOFTMAX)).on(joined);
        Model model = randomised(Model.of(List.of(source, target), List.of(y, summed)), 40);
        Random random = new Random(9);
        Tensor xs = random(random, 2, 7, 3);
        Tensor xt = random(random, 2, 4, 2);
        List<Tensor> expected = model.predict(List.of(xs, xt), null);
        try (OrtRunner ort = new OrtRunner(OnnxExport.toOnnx(model).toByteArray())) {
            List<Tensor> actual = ort.floats("source", xs).floats("target", xt).run();
            for (int k = 0; k < 2; k++) {
                double diff = maxDifference(expected.get(k), actual.get(k));
                System.out.printf("ONNX export %-44s       max |Gated − ONNX Runtime| = %.2e%n", "graph encoder–decoder output " + k, diff);
                assertTrue(diff <= TOLERANCE, "output " + k + " difference " + diff);
            }
        }
    }

    @Test
    void layerWithoutOnnxFormIsRefusedByName() {
        Node q = Node.input("q", Shape.anyLength(4));
        Node a = Attention.dot().on(q, q);
        Model model = Model.of(q, a);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OnnxExport.toOnnx(model));
        assertTrue(e.getMessage().contains("attention") && e.getMessage().contains("no ONNX form"), e.getMessage());
        assertTrue(Arrays.asList(e.getMessage().split(" ")).contains("export:"), e.getMessage());
    }
}
