package dev.gated.layer.recurrent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gated.kernel.KernelProvider;
import dev.gated.kernel.Kernels;
import dev.gated.layer.BuildContext;
import dev.gated.layer.Mode;
import dev.gated.layer.Parameter;
import dev.gated.tensor.Precision;
import dev.gated.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The forward pass splits the batch into slices that run the whole sequence on different threads, and forms
 * the input projections a chunk of steps at a time. Every row must come out bit for bit as on one thread
 * and as with one projection for the whole sequence — outputs, final states, and (since backward reads what
 * forward cached) every gradient — for each cell, with masks, reversed, under recurrent and input dropout,
 * and for batches that do not divide evenly.
 */
class BatchSlicesTest {

    static final int INPUT = 5;
    static final int UNITS = 25;   // odd: flat loops over rows·H have tails, and slices must not move them
    static final int STEPS = 9;

    record Case(String cell, IntFunction<Recurrent> factory, int batch, boolean reverse, boolean masked, boolean dropout) {
        @Override
        public String toString() {
            return cell + " B=" + batch + (reverse ? " reversed" : "") + (masked ? " masked" : "") + (dropout ? " dropout" : "");
        }
    }

    static Stream<Arguments> cases() {
        List<Arguments> list = new ArrayList<>();
        List<Object[]> cells = List.of(
                new Object[] {"LSTM", (IntFunction<Recurrent>) Recurrent::lstm},
                new Object[] {"GRU", (IntFunction<Recurrent>) Recurrent::gru},
                new Object[] {"GRU reset-before", (IntFunction<Recurrent>) Recurrent::gruResetBefore},
                new Object[] {"SimpleRNN", (IntFunction<Recurrent>) Recurrent::simpleRnn});
        for (Object[] c : cells) {
            @SuppressWarnings("unchecked")
            IntFunction<Recurrent> factory = (IntFunction<Recurrent>) c[1];
            String name = (String) c[0];
            list.add(Arguments.of(new Case(name, factory, 64, false, false, false)));
            list.add(Arguments.of(new Case(name, factory, 37, true, true, false)));
            list.add(Arguments.of(new Case(name, factory, 48, false, true, true)));
        }
        return list.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void twoThreadsGiveTheBitsOfOne(Case c) {
        Kernels before = KernelProvider.get();
        try {
            KernelProvider.useThreads(1);
            Assumptions.assumeTrue(KernelProvider.get().getClass().getSimpleName().equals("VectorKernels"),
                    "the split runs on the Vector API kernels only");
            float[][] one = run(c);
            KernelProvider.useThreads(2);
            assertEquals(2, KernelProvider.get().parallelism());
            float[][] two = run(c);
            assertEquals(one.length, two.length);
            for (int i = 0; i < one.length; i++) {
                assertArrayEquals(one[i], two[i], c + ": array " + i + " differs between 1 and 2 threads");
            }
        } finally {
            KernelProvider.use(before);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void projectionsInChunksGiveTheBitsOfOneProduct(Case c) {
        // Z = X·W + b is formed a chunk of steps ahead of the steps that read it: one step per chunk, a few
        // steps, and the whole sequence at once must agree bit for bit, on one thread and on two
        Kernels before = KernelProvider.get();
        int chunkBytes = Recurrent.projectionChunkBytes;
        try {
            for (int threads = 1; threads <= 2; threads++) {
                KernelProvider.useThreads(threads);
                Recurrent.projectionChunkBytes = Integer.MAX_VALUE;
                float[][] whole = run(c);
                for (int bytes : new int[] {1, 3 * 4 * 4 * UNITS * c.batch()}) {
                    Recurrent.projectionChunkBytes = bytes;
                    float[][] chunked = run(c);
                    for (int i = 0; i < whole.length; i++) {
                        assertArrayEquals(whole[i], chunked[i], c + ", " + threads + " thread(s), chunks of " + bytes
                                + " bytes: array " + i + " differs from one projection of the whole sequence");
                    }
                }
            }
        } finally {
            Recurrent.projectionChunkBytes = chunkBytes;
            KernelProvider.use(before);
        }
    }

    /** Output, final state, ∂L/∂x and every parameter gradient, for a fixed layer, input and seed. */
    private static float[][] run(Case c) {
        Recurrent layer = c.factory().apply(UNITS).returnSequences(true).goBackwards(c.reverse());
        if (c.dropout()) {
            layer.dropout(0.2).recurrentDropout(0.3);
        }
        layer.build(new int[] {STEPS, INPUT}, new BuildContext(Precision.FLOAT32, new SplittableRandom(11)));
        SplittableRandom random = new SplittableRandom(12);
        Tensor x = uniform(random, c.batch(), STEPS, INPUT);
        Tensor mask = c.masked() ? ragged(c.batch()) : null;
        Mode mode = c.dropout() ? Mode.training(13) : Mode.INFERENCE;
        RecurrentState state = layer.call(x, mask, null, null, mode);
        List<float[]> out = new ArrayList<>();
        out.add(state.output().toFloatArray());
        out.add(state.finalHidden().toFloatArray());
        for (Parameter p : layer.parameters()) {
            p.zeroGrad();
        }
        Tensor dx = layer.backward(uniform(random, c.batch(), STEPS, UNITS));
        out.add(dx.toFloatArray());
        for (Parameter p : layer.parameters()) {
            out.add(p.grad().toFloatArray());
        }
        return out.toArray(new float[0][]);
    }

    private static Tensor uniform(SplittableRandom random, int... shape) {
        Tensor t = Tensor.zeros(Precision.FLOAT32, shape);
        for (int i = 0; i < t.size(); i++) {
            t.set(i, random.nextDouble(-1, 1));
        }
        return t;
    }

    /** Row b keeps its first STEPS − (b mod 4) steps: padded ends of different lengths in both slices. */
    private static Tensor ragged(int batch) {
        Tensor m = Tensor.zeros(Precision.FLOAT32, batch, STEPS);
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < STEPS - b % 4; t++) {
                m.set(b * STEPS + t, 1);
            }
        }
        return m;
    }
}
