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

    private static long allocatedPerCall(com.sun.management.ThreadMXBean bean, Recurrent layer, int steps) {
        Tensor x = series(8, steps * 4, 5).reshape(8, steps, 4);
        long best = Long.MAX_VALUE;
        for (int rep = 0; rep < 20; rep++) {
            long before = bean.getCurrentThreadAllocatedBytes();
            layer.forward(x, null, Mode.INFERENCE);
            best = Math.min(best, bean.getCurrentThreadAllocatedBytes() - before);
        }
        return best;
    }
}
