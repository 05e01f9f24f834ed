package dev.gated.gradcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gated.layer.Add;
import dev.gated.layer.Concatenate;
import dev.gated.layer.Dense;
import dev.gated.layer.Mode;
import dev.gated.layer.Node;
import dev.gated.layer.Parameter;
import dev.gated.layer.recurrent.Recurrent;
import dev.gated.model.Model;
import dev.gated.model.StreamState;
import dev.gated.tensor.Precision;
import dev.gated.tensor.Shape;
import dev.gated.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Graph models under finite differences: a recurrent encoder's final (h, c) wired into a decoder's initial
 * state, a layer shared between two branches (one set of weights, gradients from both calls summed),
 * Concatenate and Add, and a stateful chunk (the state carried in, not differentiated through). The loss is
 * L = Σ_k Σ output_k ⊙ R_k with fixed random R_k.
 */
class GraphGradientTest {

    private static final GradientCheck CHECK = GradientCheck.defaults();

    @Test
    void encoderStateWiredIntoDecoder() {
        for (String kind : List.of("lstm", "gru", "simple_rnn")) {
            Node source = Node.input("source", Shape.anyLength(2));
            Node target = Node.input("target", Shape.anyLength(3));
            Recurrent encoder = recurrent(kind, 4).returnState(true);
            Node[] encoded = encoder.onAll(source);
            Node[] decoderArgs = new Node[encoded.length];
            decoderArgs[0] = target;
            System.arraycopy(encoded, 1, decoderArgs, 1, encoded.length - 1);
            Node decoded = recurrent(kind, 4).returnSequences(true).on(decoderArgs);
            Model model = Model.of(List.of(source, target), List.of(new Dense(2).on(decoded))).precision(Precision.FLOAT64).seed(3).build();
            jitter(model, 4);
            Tensor x1 = uniform(5, 3, 5, 2);
            Tensor x2 = uniform(6, 3, 4, 3);
            check(model, kind + " encoder → decoder initial state", List.of(x1, x2), 7).assertPassed();
        }
    }

    @Test
    void bidirectionalEncoderStatesStartADecoder() {
        for (String kind : List.of("lstm", "gru")) {
            Node source = Node.input("source", Shape.anyLength(2));
            Node target = Node.input("target", Shape.anyLength(3));
            Node[] encoded = new dev.gated.layer.recurrent.Bidirectional(recurrent(kind, 3).returnState(true)).onAll(source);
            boolean lstm = kind.equals("lstm");
            assertEquals(lstm ? 5 : 3, encoded.length, "y, h_fwd[, c_fwd], h_bwd[, c_bwd]");
            Node h = new Dense(4).on(new Concatenate().on(encoded[1], encoded[lstm ? 3 : 2]));
            Node decoded = lstm
                    ? recurrent(kind, 4).returnSequences(true).on(target, h, new Dense(4).on(new Concatenate().on(encoded[2], encoded[4])))
                    : recurrent(kind, 4).returnSequences(true).on(target, h);
            Model model = Model.of(List.of(source, target), List.of(new Dense(2).on(decoded), encoded[0]))
                    .precision(Precision.FLOAT64).seed(21).build();
            jitter(model, 22);
            List<Tensor> inputs = List.of(uniform(23, 2, 5, 2), uniform(24, 2, 3, 3));
            check(model, "bidirectional " + kind + " encoder states → decoder, with the encoder output as a 2nd output",
                    inputs, 25).assertPassed();
            try {
                java.nio.file.Path file = java.nio.file.Files.createTempFile("bidirectional-state", ".gated");
                model.save(file);
                Model loaded = Model.load(file);
                java.nio.file.Files.delete(file);
                org.junit.jupiter.api.Assertions.assertArrayEquals(model.predict(inputs, null).get(0).toDoubleArray(),
                        loaded.predict(inputs, null).get(0).toDoubleArray(), "saved and loaded with its state outputs");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> dev.gated.model.Sequential.input(4, 2)
                        .add(new dev.gated.layer.recurrent.Bidirectional(Recurrent.lstm(2).returnState(true))).build());
        assertTrue(e.getMessage().contains("Model.of"), e.getMessage());
    }

    @Test
    void sharedLayerGetsGradientFromBothCallsAndMergesSplitIt() {
        Node a = Node.input("a", Shape.anyLength(3));
        Node b = Node.input("b", Shape.anyLength(3));
        Recurrent shared = Recurrent.gru(4);              // one set of weights, called on both inputs
        Node ha = shared.on(a);
        Node hb = shared.on(b);
        Dense head = new Dense(2);
        Node joined = new Concatenate().on(ha, hb);
        Node sum = new Add().on(head.on(ha), head.on(hb));
        Model model = Model.of(List.of(a, b), List.of(new Dense(3).on(joined), sum)).precision(Precision.FLOAT64).seed(5).build();
        jitter(model, 6);
        assertEquals(5, model.layers().size(), "GRU, Dense(2), Concatenate, Dense(3) and Add: the shared ones once");
        long gruParams = 3 * (3 * 4 + 4 * 4 + 4 + 4);
        assertEquals(gruParams + (4 * 2 + 2) + (8 * 3 + 3), model.parameterCount(), "shared layers counted once");
        GradientCheck.Result r = check(model, "shared GRU and Dense, Concatenate, Add, two outputs",
                List.of(uniform(8, 2, 4, 3), uniform(9, 2, 6, 3)), 10).assertPassed();
        assertTrue(r.elements() > 0);
    }

    @Test
    void statefulChunkStartsFromCarriedState() {
        Node x = Node.input("x", Shape.anyLength(2));
        Node y = new Dense(1).on(Recurrent.lstm(3).returnSequences(true).on(Recurrent.gru(3).returnSequences(true).on(x)));
        Model model = Model.of(x, y).precision(Precision.FLOAT64).seed(11).build();
        jitter(model, 12);
        StreamState state = model.newState(2);
        model.forward(List.of(uniform(13, 2, 4, 2)), null, Mode.INFERENCE, state);   // chunk 1: fills the state
        StreamState afterFirst = state.copy();
        Tensor chunk2 = uniform(14, 2, 3, 2);
        Tensor r = uniform(15, 2, 3, 1);
        zeroGrad(model);
        StreamState s = afterFirst.copy();
        Tensor out = model.forward(List.of(chunk2), null, Mode.INFERENCE, s).outputs().get(0);
        model.backward(List.of(r));
        List<GradientCheck.Wrt> wrt = new ArrayList<>(GradientCheck.Wrt.parameters("model", model.parameters()));
        CHECK.run("stateful chunk 2 of an LSTM over a GRU", () -> {
            StreamState fresh = afterFirst.copy();
            return Tensors.dot(model.forward(List.of(chunk2), null, Mode.INFERENCE, fresh).outputs().get(0), r);
        }, wrt).assertPassed();
        assertTrue(Tensors.dot(out, r) != 0);
    }

    static GradientCheck.Result check(Model model, String label, List<Tensor> inputs, long rSeed) {
        Model.Pass pass = model.forward(inputs, null, Mode.INFERENCE, null);
        List<Tensor> rs = new ArrayList<>();
        for (int k = 0; k < pass.outputs().size(); k++) {
            rs.add(Tensors.uniform(new SplittableRandom(rSeed + k), -1, 1, pass.outputs().get(k).shape()));
        }
        zeroGrad(model);
        List<Tensor> dInputs = model.backward(rs);
        List<GradientCheck.Wrt> wrt = new ArrayList<>(GradientCheck.Wrt.parameters("model", model.parameters()));
        for (int k = 0; k < inputs.size(); k++) {
            wrt.add(GradientCheck.Wrt.of("input " + k, inputs.get(k), dInputs.get(k)));
        }
        return CHECK.run(label, () -> {
            List<Tensor> outs = model.forward(inputs, null, Mode.INFERENCE, null).outputs();
            double loss = 0;
            for (int k = 0; k < outs.size(); k++) {
                loss += Tensors.dot(outs.get(k), rs.get(k));
            }
            return loss;
        }, wrt);
    }

    static Recurrent recurrent(String kind, int units) {
        return switch (kind) {
            case "lstm" -> Recurrent.lstm(units);
            case "gru" -> Recurrent.gru(units);
            default -> Recurrent.simpleRnn(units);
        };
    }

    static void zeroGrad(Model model) {
        for (Parameter p : model.parameters()) {
            p.zeroGrad();
        }
    }

    /** Moves every weight off its initial value so that no special value hides a wrong term. */
    static void jitter(Model model, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (Parameter p : model.parameters()) {
            for (int i = 0; i < p.value().size(); i++) {
                p.value().add(i, 0.2 * (2 * random.nextDouble() - 1));
            }
        }
    }

    static Tensor uniform(long seed, int... shape) {
        return Tensors.uniform(new SplittableRandom(seed), -1, 1, shape);
    }
}
