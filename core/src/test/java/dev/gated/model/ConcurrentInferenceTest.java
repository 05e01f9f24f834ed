package dev.gated.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gated.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * One model, eight threads, 1,000 calls each: {@code predict} and {@code step} give exactly the numbers a
 * single thread gives (each call runs on a pooled layer replica sharing the weights).
 */
class ConcurrentInferenceTest {

    @Test
    void eightThreadsTimesOneThousandCallsAgreeWithOneThread() throws Exception {
        Sequential model = StreamingTest.stack();
        int threads = 8;
        int calls = 1000;
        List<Tensor> inputs = new ArrayList<>();
        List<float[]> expectedPredict = new ArrayList<>();
        List<float[]> expectedStep = new ArrayList<>();
        for (int k = 0; k < threads; k++) {
            Tensor x = AnyLengthTest.series(2, 2 * (3 + k), 100 + k).reshape(2, 3 + k, 2);   // a different length per thread
            inputs.add(x);
            expectedPredict.add(model.predict(x).toFloatArray());
            expectedStep.add(stepThrough(model, x));
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int k = 0; k < threads; k++) {
                int thread = k;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < calls; i++) {
                        Tensor x = inputs.get(thread);
                        if (i % 2 == 0) {
                            assertArrayEquals(expectedPredict.get(thread), model.predict(x).toFloatArray(), "thread " + thread + " call " + i);
                        } else {
                            assertArrayEquals(expectedStep.get(thread), stepThrough(model, x), "thread " + thread + " call " + i);
                        }
                    }
                    return calls;
                }));
            }
            int total = 0;
            for (Future<Integer> f : results) {
                total += f.get();
            }
            assertEquals(threads * calls, total);
            System.out.println("concurrent inference: " + total + " calls from " + threads
                    + " threads (predict and step alternating) matched the single-thread results bit for bit");
        } finally {
            pool.shutdownNow();
        }
    }

    /** Streams x one step at a time through a fresh state; returns the last output. */
    private static float[] stepThrough(Model model, Tensor x) {
        StreamState state = model.newState(x.dim(0));
        Tensor last = null;
        for (int t = 0; t < x.dim(1); t++) {
            last = model.step(state, x.timeSlice(t, t + 1));
        }
        return last.toFloatArray();
    }
}
