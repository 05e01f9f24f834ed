package dev.gated.gradcheck;

import dev.gated.layer.Activation;
import dev.gated.layer.Dense;
import dev.gated.layer.Dropout;
import dev.gated.layer.Embedding;
import dev.gated.layer.LayerNormalization;
import dev.gated.layer.Mode;
import dev.gated.layer.RepeatVector;
import dev.gated.layer.TimeDistributed;
import dev.gated.layer.recurrent.Recurrent;
import dev.gated.tensor.Shape;
import dev.gated.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** LayerNormalization, RepeatVector and TimeDistributed, alone and in the stacks they are used in. */
class SequenceLayersGradientTest {

    private static final GradientCheck CHECK = GradientCheck.defaults();

    @Test
    void layerNormalization() {
        Network net = Network.of(new int[] {Shape.ANY, 5}, 1, new LayerNormalization()).jitter(2, 0.3);
        Tensor x = Tensors.uniform(new SplittableRandom(3), -1, 1, 3, 4, 5);
        net.checkProjection(CHECK, "LayerNormalization eps=1e-3 (B,T,F)", x, null, Mode.INFERENCE, 4, true).assertPassed();

        Network pytorchEps = Network.of(new int[] {4}, 5, new LayerNormalization(1e-5)).jitter(6, 0.3);
        Tensor x2 = Tensors.uniform(new SplittableRandom(7), -2, 2, 1, 4);
        pytorchEps.checkProjection(CHECK, "LayerNormalization eps=1e-5 (B,F) B=1", x2, null, Mode.INFERENCE, 8, true)
                .assertPassed();

        Network stack = Network.of(new int[] {4, 2}, 9, Recurrent.lstm(4).returnSequences(true),
                new LayerNormalization(), new Dense(2, Activation.TANH)).jitter(10, 0.3);
        Tensor x3 = Tensors.uniform(new SplittableRandom(11), -1, 1, 4, 4, 2);
        Tensor mask = Tensors.mixedMask(4, 4);
        stack.checkProjection(CHECK, "LSTM(seq)+LayerNormalization+Dense, mask", x3, mask, Mode.INFERENCE, 12, true)
                .assertPassed();
    }

    @Test
    void repeatVector() {
        Network net = Network.of(new int[] {3}, 13, new Dense(4, Activation.TANH), new RepeatVector(3),
                Recurrent.gru(2).returnSequences(true)).jitter(14, 0.3);
        Tensor x = Tensors.uniform(new SplittableRandom(15), -1, 1, 2, 3);
        net.checkProjection(CHECK, "Dense+RepeatVector(3)+GRU(seq)", x, null, Mode.INFERENCE, 16, true).assertPassed();

        Network one = Network.of(new int[] {4}, 17, new RepeatVector(1), new Dense(2)).jitter(18, 0.3);
        Tensor x1 = Tensors.uniform(new SplittableRandom(19), -1, 1, 1, 4);
        one.checkProjection(CHECK, "RepeatVector(1)+Dense B=1", x1, null, Mode.INFERENCE, 20, true).assertPassed();
    }

    @Test
    void timeDistributedStack() {
        Network net = Network.of(new int[] {Shape.ANY, 3}, 21, new TimeDistributed(new Dense(4, Activation.TANH),
                new Dropout(0.3), new Dense(2))).jitter(22, 0.3);
        Tensor x = Tensors.uniform(new SplittableRandom(23), -1, 1, 2, 5, 3);
        net.checkProjection(CHECK, "TimeDistributed(Dense tanh, Dropout 0.3 training, Dense)", x, null,
                Mode.training(7), 24, true).assertPassed();
    }

    @Test
    void timeDistributedRecurrentOverCharacters() {
        // (B, words, chars, F) → per word an LSTM over its characters → (B, words, H) → GRU over words
        Network net = Network.of(new int[] {Shape.ANY, 4, 2}, 25, new TimeDistributed(Recurrent.lstm(3)),
                Recurrent.gru(2)).jitter(26, 0.2);
        Tensor x = Tensors.uniform(new SplittableRandom(27), -1, 1, 2, 3, 4, 2);
        net.checkProjection(CHECK, "TimeDistributed(LSTM)+GRU (B,words,chars,F)", x, null, Mode.INFERENCE, 28, true)
                .assertPassed();
        Tensor x1 = Tensors.uniform(new SplittableRandom(29), -1, 1, 1, 1, 4, 2);
        net.checkProjection(CHECK, "TimeDistributed(LSTM)+GRU B=1 words=1", x1, null, Mode.INFERENCE, 30, true)
                .assertPassed();
    }

    @Test
    void timeDistributedEmbeddingWithMaskZero() {
        // (B, words, chars) token indices; the Embedding's mask drives the LSTM inside the wrapper
        Network net = Network.of(new int[] {Shape.ANY, 4}, 31,
                new TimeDistributed(new Embedding(6, 3, true), Recurrent.lstm(3)), new Dense(2)).jitter(32, 0.2);
        Tensor tokens = Tensor.of(new double[] {
            1, 2, 3, 4,   5, 3, 0, 0,
            0, 2, 4, 1,   3, 0, 0, 0}, 2, 2, 4);
        net.checkProjection(CHECK, "TimeDistributed(Embedding maskZero, LSTM)+Dense", tokens, null, Mode.INFERENCE, 33, false)
                .assertPassed();
    }
}
