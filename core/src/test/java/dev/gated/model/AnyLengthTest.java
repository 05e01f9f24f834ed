package dev.gated.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gated.layer.Dense;
import dev.gated.layer.Embedding;
import dev.gated.layer.Mode;
import dev.gated.layer.recurrent.Recurrent;
import dev.gated.loss.Loss;
import dev.gated.optim.Adam;
import dev.gated.tensor.Shape;
import dev.gated.tensor.Tensor;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A free time axis: fitted on one length, a model runs on any other; prefixes agree bit for bit. */
class AnyLengthTest {

    static Sequential sequenceModel(Recurrent recurrent) {
        Sequential model = Sequential.input(Shape.anyLength(1)).seed(7)
                .add(recurrent.returnSequences(true))
                .add(new Dense(1));
        model.compile(new Adam(0.01), Loss.mse());
        return model;
    }

    static Tensor series(int batch, int steps, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] data = new float[batch * steps];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) Math.sin(0.3 * i + random.nextDouble());
        }
        return Tensor.of(data, batch, steps, 1);
    }

    @Test
    void fittedOnTenPredictsOnOneThirtySevenAndFiveHundredWithBitIdenticalPrefixes() {
        for (Recurrent layer : List.of(Recurrent.lstm(8), Recurrent.gru(8), Recurrent.simpleRnn(8))) {
            Sequential model = sequenceModel(layer);
            Tensor x = series(64, 10, 1);
            Tensor y = x.copy();
            model.fit(x, y, Fit.epochs(2).quiet());
            Tensor long37 = series(3, 37, 2);
            Tensor first10 = long37.timeSlice(0, 10);
            Tensor out37 = model.predict(long37);
            Tensor out10 = model.predict(first10);
            assertArrayEquals(out10.toFloatArray(), out37.timeSlice(0, 10).toFloatArray(),
                    layer.type() + ": the first 10 outputs of a T = 37 run equal a T = 10 run's, bit for bit");
            assertArrayEquals(new int[] {3, 1, 1}, model.predict(long37.timeSlice(0, 1)).shape());
            Tensor out500 = model.predict(series(2, 500, 3));
            assertArrayEquals(new int[] {2, 500, 1}, out500.shape());
            assertEquals(-1, out500.firstNonFinite());
        }
    }

    @Test
    void masksKeepWorkingAtAnyLength() {
        Sequential model = Sequential.input(Shape.anyLength()).seed(3)
                .add(new Embedding(10, 4, true))
                .add(Recurrent.gru(5))
                .add(new Dense(1));
        model.build();
        Tensor shortTokens = Tensor.of(new float[] {3, 4, 5}, 1, 3);
        Tensor paddedTokens = Tensor.of(new float[] {0, 0, 0, 0, 3, 4, 5}, 1, 7);
        assertArrayEquals(model.predict(shortTokens).toFloatArray(), model.predict(paddedTokens).toFloatArray(), 1e-6f,
                "left padding of any length leaves the final state unchanged");
    }

    @Test
    void aFixedLengthModelRefusesOtherLengthsAndSaysHowToAllowThem() {
        Sequential model = Sequential.input(10, 1).add(Recurrent.lstm(4)).add(new Dense(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.predict(series(1, 37, 1)));
        assertTrue(e.getMessage().contains("Shape.anyLength"), e.getMessage());
    }

    /**
     * The time loop allocates nothing: after a warm-up call of the same (B, T), a forward pass allocates the
     * same whether it runs 50 or 1,000 steps (outputs and per-call bookkeeping only), measured with the JVM's
     * per-thread allocation counter.
     */
    @Test
    void forwardAllocatesNothingPerStep() {
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        if (!bean.isThreadAllocatedMemorySupported()) {
            return;
        }
        Recurrent lstm = Recurrent.lstm(16);
        Sequential model = Sequential.input(Shape.anyLength(4)).add(lstm).build();
        long perCallShort = allocatedPerCall(bean, lstm, 50);
        long perCallLong = allocatedPerCall(bean, lstm, 1000);
        System.out.println("allocation per forward call (B = 8, LSTM 16): T = 50 → " + perCallShort + " B, T = 1000 → "
                + perCallLong + " B");
        assertTrue(perCallLong - perCallShort < 4096, "allocation grows with T: " + perCallShort + " B at T = 50, "
                + perCallLong + " B at T = 1000");
        assertTrue(model.parameterCount() > 0);
    }

    /** Calls of varying length reuse the buffers sized by the longest: a short call after a long one allocates no buffers. */
    @Test
    void buffersGrowToTheLongestCallAndAreReusedByShorterOnes() {
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        if (!bean.isThreadAllocatedMemorySupported()) {
            return;
        }
        Recurrent gru = Recurrent.gru(32);
        Sequential.input(Shape.anyLength(4)).add(gru).build();
        Tensor longCall = series(8, 400 * 4, 6).reshape(8, 400, 4);
        Tensor shortCall = series(8, 37 * 4, 7).reshape(8, 37, 4);
        long shortAfterLong = Long.MAX_VALUE;
        for (int rep = 0; rep < 2000 && shortAfterLong > 16_384; rep++) {    // see allocatedPerCall: wait for the JIT
            gru.forward(longCall, null, Mode.INFERENCE);
            long before = bean.getCurrentThreadAllocatedBytes();
            gru.forward(shortCall, null, Mode.INFERENCE);
            shortAfterLong = Math.min(shortAfterLong, bean.getCurrentThreadAllocatedBytes() - before);
        }
        long buffersOfShortCall = 37L * 8 * (3 * 32 + 32 + 3 * 32) * 4;   // gates, hidden and the GRU's recurrent cache
        System.out.println("a T = 37 call after a T = 400 call allocates " + shortAfterLong + " B (its buffers alone would be "
                + buffersOfShortCall + " B)");
        assertTrue(shortAfterLong < buffersOfShortCall / 4, shortAfterLong + " B allocated");
    }

    /** Reused buffers of any earlier size give exactly what fresh buffers give, forward and backward. */
    @Test
    void reusedBuffersAgreeWithFreshOnesAcrossRandomShapes() {
        for (Recurrent layer : List.of(Recurrent.lstm(6).returnSequences(true), Recurrent.gru(6).returnSequences(true),
                Recurrent.gruResetBefore(6).returnSequences(true).goBackwards(true), Recurrent.simpleRnn(6).returnSequences(true))) {
            Sequential.input(Shape.anyLength(3)).add(layer).build();
            SplittableRandom random = new SplittableRandom(17);
            for (int call = 0; call < 30; call++) {
                int batch = 1 + random.nextInt(9);
                int steps = 1 + random.nextInt(40);
                Tensor x = series(batch, steps * 3, call).reshape(batch, steps, 3);
                Recurrent fresh = layer.replica();
                Tensor reused = layer.forward(x, null, Mode.INFERENCE);
                Tensor expected = fresh.forward(x, null, Mode.INFERENCE);
                assertArrayEquals(expected.toFloatArray(), reused.toFloatArray(), layer.type() + " call " + call);
                Tensor dy = series(batch, steps * 6, 100 + call).reshape(batch, steps, 6);
                assertArrayEquals(fresh.backward(dy).toFloatArray(), layer.backward(dy).toFloatArray(),
                        layer.type() + " backward, call " + call + " (B = " + batch + ", T = " + steps + ")");
            }
        }
    }

    /**
     * The least a call of this length allocates over up to 2,000 calls: until the JIT has compiled the Vector
     * API kernels, every vector operation allocates, so early calls measure the JIT, not the engine.
     */
    private static long allocatedPerCall(com.sun.management.ThreadMXBean bean, Recurrent layer, int steps) {
        Tensor x = series(8, steps * 4, 5).reshape(8, steps, 4);
        long best = Long.MAX_VALUE;
        // at least 300 calls: the first one under 16 KB can still carry a few KB of not-yet-compiled code's garbage
        for (int rep = 0; rep < 2000 && (rep < 300 || best > 16_384); rep++) {
            long before = bean.getCurrentThreadAllocatedBytes();
            layer.forward(x, null, Mode.INFERENCE);
            best = Math.min(best, bean.getCurrentThreadAllocatedBytes() - before);
        }
        return best;
    }
}
