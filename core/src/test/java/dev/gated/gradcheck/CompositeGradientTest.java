package dev.gated.gradcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gated.layer.Activation;
import dev.gated.layer.Dense;
import dev.gated.layer.Dropout;
import dev.gated.layer.Embedding;
import dev.gated.layer.Mode;
import dev.gated.layer.recurrent.Recurrent;
import dev.gated.loss.Loss;
import dev.gated.tensor.Precision;
import dev.gated.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Layers in combination, driven as Sequential drives them: stacked recurrent layers, Embedding with
 * maskZero feeding an LSTM, Dropout in training mode with a fixed seed, and whole models under a real loss.
 */
class CompositeGradientTest {

    private static final GradientCheck CHECK = GradientCheck.defaults();

    @Test
    void stackedLstmGruDense() {
        Network net = Network.of(new int[] {4, 2}, 1,
                Recurrent.lstm(3).returnSequences(true), Recurrent.gru(3), new Dense(2)).jitter(2, 0.2);
        Tensor x = Tensors.uniform(new SplittableRandom(3), -1, 1, 3, 4, 2);
        net.checkProjection(CHECK, "stacked LSTM(seq)+GRU+Dense", x, null, Mode.INFERENCE, 4, true).assertPassed();
    }

    @Test
    void stackedReversedRnnLstmTimeDistributedDenseWithMask() {
        Network net = Network.of(new int[] {5, 2}, 5,
                Recurrent.simpleRnn(3).returnSequences(true).goBackwards(true),
                Recurrent.gruResetBefore(3).returnSequences(true),
                new Dense(2, Activation.TANH)).jitter(6, 0.2);
        Tensor x = Tensors.uniform(new SplittableRandom(7), -1, 1, 4, 5, 2);
        Tensor mask = Tensors.mixedMask(4, 5);
        GradientCheck.Result r = net.checkProjection(CHECK, "stacked SimpleRNN(rev,seq)+GRU reset-before(seq)+Dense tanh, mask",
                x, mask, Mode.INFERENCE, 8, true).assertPassed();
        RecurrentGradientTest.assertMaskedInputsGetZeroGradient("stacked masked", r, mask);
    }

    @Test
    void embeddingWithMaskZeroFeedingLstm() {
        Embedding embedding = new Embedding(6, 3, true);
        Network net = Network.of(new int[] {5}, 9, embedding, Recurrent.lstm(3), new Dense(2)).jitter(10, 0.2);
        // token 0 is padding: row 0 full, row 1 right-padded, row 2 left-padded
        Tensor tokens = Tensor.of(new double[] {
            1, 2, 3, 4, 5,
            5, 3, 1, 0, 0,
            0, 0, 2, 4, 1}, 3, 5);
        GradientCheck.Result r = net.checkProjection(CHECK, "Embedding(maskZero)+LSTM+Dense", tokens, null,
                Mode.INFERENCE, 11, false).assertPassed();
        Tensor dEmbeddings = r.analytic("0:embedding/embeddings");
        for (int j = 0; j < 3; j++) {
            assertEquals(0.0, dEmbeddings.get(j), 0.0, "the padding token's vector must get no gradient");
        }
    }

    @Test
    void embeddingWithoutMaskTimeDistributedDense() {
        Network net = Network.of(new int[] {4}, 12, new Embedding(5, 3, false), new Dense(2, Activation.SIGMOID))
                .jitter(13, 0.2);
        Tensor tokens = Tensor.of(new double[] {0, 1, 4, 1, 3, 3, 2, 0}, 2, 4);
        net.checkProjection(CHECK, "Embedding+Dense sigmoid", tokens, null, Mode.INFERENCE, 14, false).assertPassed();
    }

    @Test
    void dropoutInTrainingMode() {
        Mode mode = Mode.training(2024);
        Network net = Network.of(new int[] {4, 2}, 15,
                Recurrent.lstm(3).returnSequences(true), new Dropout(0.4), new Dense(2)).jitter(16, 0.2);
        Tensor x = Tensors.uniform(new SplittableRandom(17), -1, 1, 3, 4, 2);
        net.checkProjection(CHECK, "LSTM(seq)+Dropout(0.4, training)+Dense", x, null, mode, 18, true).assertPassed();

        Network dense = Network.of(new int[] {5}, 19, new Dense(4, Activation.TANH), new Dropout(0.5), new Dense(2))
                .jitter(20, 0.2);
        Tensor x2 = Tensors.uniform(new SplittableRandom(21), -1, 1, 3, 5);
        dense.checkProjection(CHECK, "Dense+Dropout(0.5, training)+Dense", x2, null, mode, 22, true).assertPassed();

        // the check is only meaningful if the mask dropped something and kept something
        Dropout dropout = new Dropout(0.4);
        dropout.build(new int[] {4, 3}, null);
        Tensor ones = Tensor.zeros(Precision.FLOAT64, 3, 4, 3);
        ones.fill(1);
        Tensor y = dropout.forward(ones, null, mode);
        int dropped = 0;
        for (int i = 0; i < y.size(); i++) {
            dropped += y.get(i) == 0 ? 1 : 0;
        }
        assertTrue(dropped > 0 && dropped < y.size(), "dropout dropped " + dropped + " of " + y.size());
    }

    /** Whole models under the real losses, masked sequence loss included. */
    @Test
    void modelsUnderRealLosses() {
        SplittableRandom random = new SplittableRandom(23);

        Network classifier = Network.of(new int[] {4, 2}, 24, Recurrent.lstm(3), new Dense(3, Activation.SOFTMAX))
                .jitter(25, 0.2);
        Tensor x = Tensors.uniform(random, -1, 1, 3, 4, 2);
        Tensor oneHot = Tensor.of(new double[] {1, 0, 0, 0, 0, 1, 0, 1, 0}, 3, 3);
        checkWithLoss(classifier, "model LSTM+Dense softmax, cce", x, null, Loss.categoricalCrossEntropy(false), oneHot);

        Network tagger = Network.of(new int[] {5, 2}, 26, Recurrent.gru(3).returnSequences(true),
                new Dense(1, Activation.SIGMOID)).jitter(27, 0.2);
        Tensor xs = Tensors.uniform(random, -1, 1, 4, 5, 2);
        Tensor mask = Tensors.mixedMask(4, 5);
        Tensor labels = Tensor.zeros(Precision.FLOAT64, 4, 5, 1);
        for (int i = 0; i < labels.size(); i++) {
            labels.set(i, random.nextInt(2));
        }
        GradientCheck.Result r = checkWithLoss(tagger, "model GRU(seq)+Dense sigmoid, masked bce", xs, mask,
                Loss.binaryCrossEntropy(false), labels);
        RecurrentGradientTest.assertMaskedInputsGetZeroGradient("masked bce", r, mask);

        Network sparse = Network.of(new int[] {5, 2}, 28, Recurrent.simpleRnn(3).returnSequences(true),
                new Dense(3)).jitter(29, 0.2);
        Tensor classes = Tensor.zeros(Precision.FLOAT64, 4, 5);
        for (int i = 0; i < classes.size(); i++) {
            classes.set(i, random.nextInt(3));
        }
        checkWithLoss(sparse, "model SimpleRNN(seq)+Dense, masked sparse cce logits", xs, mask,
                Loss.sparseCategoricalCrossEntropy(true), classes);

        Network regressor = Network.of(new int[] {4, 2}, 30, Recurrent.lstm(3).goBackwards(true), new Dense(1))
                .jitter(31, 0.2);
        Tensor targets = Tensors.uniform(random, -1, 1, 3, 1);
        checkWithLoss(regressor, "model LSTM(rev)+Dense, mse", x, null, Loss.mse(), targets);
    }

    private static GradientCheck.Result checkWithLoss(Network net, String label, Tensor x, Tensor mask, Loss loss,
                                                      Tensor target) {
        Tensor y = net.forward(x, mask, Mode.INFERENCE);
        Tensor dy = y.zerosLike();
        loss.compute(y, target, lossMask(y, mask), dy);
        net.zeroGrad();
        Tensor dx = net.backward(dy);
        List<GradientCheck.Wrt> wrt = new ArrayList<>(net.parameterGradients());
        wrt.add(GradientCheck.Wrt.of("input", x, dx));
        return CHECK.run(label, () -> {
            Tensor out = net.forward(x, mask, Mode.INFERENCE);
            return loss.compute(out, target, lossMask(out, mask), null);
        }, wrt).assertPassed();
    }

    /** The sequence mask applies to the loss only when the output keeps the time axis. */
    private static Tensor lossMask(Tensor output, Tensor mask) {
        return mask != null && output.rank() == 3 ? mask : null;
    }
}
