package dev.gated.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gated.io.ModelFileException;
import dev.gated.layer.Activation;
import dev.gated.layer.Concatenate;
import dev.gated.layer.Dense;
import dev.gated.layer.Node;
import dev.gated.layer.recurrent.Recurrent;
import dev.gated.loss.Loss;
import dev.gated.optim.RmsProp;
import dev.gated.tensor.Shape;
import dev.gated.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The functional API: Keras's lstm_seq2seq in Java, trained, saved, loaded, and decoded step by step. */
class GraphModelTest {

    static final int TOKENS = 6;      // 0 = start, 1..5 = symbols
    static final int LENGTH = 5;

    @TempDir
    Path dir;

    /** Reverse a sequence of symbols: encoder one-hot (N, 5, 6), decoder input = start + target[:-1], target one-hot. */
    static Tensor[] reversalData(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] enc = new float[n * LENGTH * TOKENS];
        float[] dec = new float[n * LENGTH * TOKENS];
        float[] target = new float[n * LENGTH * TOKENS];
        for (int i = 0; i < n; i++) {
            int[] symbols = new int[LENGTH];
            for (int t = 0; t < LENGTH; t++) {
                symbols[t] = 1 + random.nextInt(TOKENS - 1);
                enc[(i * LENGTH + t) * TOKENS + symbols[t]] = 1;
            }
            for (int t = 0; t < LENGTH; t++) {
                int out = symbols[LENGTH - 1 - t];
                target[(i * LENGTH + t) * TOKENS + out] = 1;
                int in = t == 0 ? 0 : symbols[LENGTH - t];
                dec[(i * LENGTH + t) * TOKENS + in] = 1;
            }
        }
        return new Tensor[] {Tensor.of(enc, n, LENGTH, TOKENS), Tensor.of(dec, n, LENGTH, TOKENS), Tensor.of(target, n, LENGTH, TOKENS)};
    }

    @Test
    void lstmSeq2SeqLearnsToReverseSavesLoadsAndDecodesStepByStep() throws IOException {
        // the README's example, line for line
        Node encoderInput = Node.input("encoder", Shape.anyLength(TOKENS));
        Node decoderInput = Node.input("decoder", Shape.anyLength(TOKENS));
        Node[] encoder = Recurrent.lstm(32).returnState(true).onAll(encoderInput);          // y, h_T, c_T
        Recurrent decoderLstm = Recurrent.lstm(32).returnSequences(true).returnState(true);
        Node[] decoder = decoderLstm.onAll(decoderInput, encoder[1], encoder[2]);           // starts from (h_T, c_T)
        Dense decoderDense = new Dense(TOKENS, Activation.SOFTMAX);
        Model model = Model.of(List.of(encoderInput, decoderInput), List.of(decoderDense.on(decoder[0])));
        model.compile(new RmsProp(0.01), Loss.categoricalCrossEntropy(false)).metrics(Metric.categoricalAccuracy());

        Tensor[] train = reversalData(1024, 1);
        History history = model.fit(List.of(train[0], train[1]), List.of(train[2]), Fit.epochs(12).batchSize(32).quiet());
        double[] accuracy = history.metric("categorical_accuracy");
        Tensor[] test = reversalData(200, 2);
        double testAccuracy = model.evaluateMetrics(new dev.gated.data.MultiDataset(List.of(test[0], test[1]), List.of(test[2]), null))
                .get("categorical_accuracy");
        System.out.println("seq2seq reversal: training accuracy " + accuracy[0] + " → " + accuracy[accuracy.length - 1]
                + ", teacher-forced test accuracy " + testAccuracy);
        assertTrue(testAccuracy > 0.9, "teacher-forced test accuracy " + testAccuracy);

        Path file = dir.resolve("seq2seq.gated");
        model.save(file);
        Model loaded = Model.load(file);
        assertInstanceOf(GraphModel.class, loaded);
        List<Tensor> before = model.predict(List.of(test[0], test[1]), null);
        List<Tensor> after = loaded.predict(List.of(test[0], test[1]), null);
        assertArrayEquals(before.get(0).toFloatArray(), after.get(0).toFloatArray(), "loaded model predicts bit-identically");
        assertEquals(model.history().size(), loaded.history().size());
        assertEquals(List.of("categorical_accuracy"), loaded.metrics().stream().map(Metric::name).toList());
        ModelFileException notSequential = assertThrows(ModelFileException.class, () -> Sequential.load(file));
        assertTrue(notSequential.getMessage().contains("Model.load"), notSequential.getMessage());

        // inference models sharing the trained layers (Keras: encoder_model, decoder_model)
        Model encoderModel = Model.of(List.of(encoderInput), List.of(encoder[1], encoder[2]));
        Node h = Node.input("h", 32);
        Node c = Node.input("c", 32);
        Node[] step = decoderLstm.onAll(decoderInput, h, c);
        Model decoderModel = Model.of(List.of(decoderInput, h, c), List.of(decoderDense.on(step[0]), step[1], step[2]));
        int correct = greedyDecode(encoderModel, decoderModel, test[0], test[2]);
        System.out.println("seq2seq reversal: greedy decoding, " + correct + " of " + 200 * LENGTH + " symbols right");
        assertTrue(correct > 0.85 * 200 * LENGTH, correct + " symbols right");
    }

    /** Greedy decoding one step at a time, feeding back the argmax; returns the number of correct symbols. */
    private static int greedyDecode(Model encoderModel, Model decoderModel, Tensor source, Tensor target) {
        int n = source.dim(0);
        List<Tensor> states = encoderModel.predict(List.of(source), null);
        Tensor hState = states.get(0);
        Tensor cState = states.get(1);
        float[] token = new float[n * TOKENS];
        for (int i = 0; i < n; i++) {
            token[i * TOKENS] = 1;   // start symbol
        }
        int correct = 0;
        for (int t = 0; t < LENGTH; t++) {
            List<Tensor> out = decoderModel.predict(List.of(Tensor.of(token.clone(), n, 1, TOKENS), hState, cState), null);
            Tensor probabilities = out.get(0);
            hState = out.get(1);
            cState = out.get(2);
            token = new float[n * TOKENS];
            for (int i = 0; i < n; i++) {
                int best = 0;
                for (int k = 1; k < TOKENS; k++) {
                    if (probabilities.get(i * TOKENS + k) > probabilities.get(i * TOKENS + best)) {
                        best = k;
                    }
                }
                token[i * TOKENS + best] = 1;
                correct += target.get((i * LENGTH + t) * TOKENS + best) == 1 ? 1 : 0;
            }
        }
        return correct;
    }

    @Test
    void summaryShowsConnectionsAndSharedLayers() {
        Node a = Node.input("left", Shape.anyLength(3));
        Node b = Node.input("right", Shape.anyLength(3));
        Recurrent shared = Recurrent.gru(4);
        Node joined = new Concatenate().on(shared.on(a), shared.on(b));
        Model model = Model.of(List.of(a, b), List.of(new Dense(1).on(joined)));
        String summary = model.summary();
        System.out.println(summary);
        assertTrue(summary.contains("left (Input)") && summary.contains("right (Input)"), summary);
        assertTrue(summary.contains("shared"), "the second call of the GRU is marked shared:\n" + summary);
        assertTrue(summary.contains("gru_0, gru_0"), "Concatenate reads both GRU calls:\n" + summary);
        assertTrue(summary.contains("Total params: " + model.parameterCount()), summary);
    }

    @Test
    void wiringErrorsNameBothLayers() {
        Node source = Node.input("source", Shape.anyLength(3));
        Node target = Node.input("target", Shape.anyLength(3));
        Node[] encoder = Recurrent.lstm(8).returnState(true).onAll(source);
        Node decoded = Recurrent.lstm(16).on(target, encoder[1], encoder[2]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Model.of(List.of(source, target), List.of(decoded)).build());
        assertTrue(e.getMessage().contains("lstm called on") && e.getMessage().contains("lstm output 1")
                && e.getMessage().contains("(None, 8)") && e.getMessage().contains("16"), e.getMessage());

        Node orphan = Node.input("orphan", 2);
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> Model.of(List.of(source), List.of(new Concatenate().on(new Dense(2).on(Recurrent.gru(2).on(source)), orphan))));
        assertTrue(missing.getMessage().contains("\"orphan\""), missing.getMessage());
        IllegalArgumentException sequentialState = assertThrows(IllegalArgumentException.class,
                () -> Sequential.input(4, 1).add(Recurrent.lstm(2).returnState(true)).build());
        assertTrue(sequentialState.getMessage().contains("Model.of"), sequentialState.getMessage());
    }
}
