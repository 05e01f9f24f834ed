package dev.gated.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gated.data.Dataset;
import dev.gated.data.MultiDataset;
import dev.gated.layer.Activation;
import dev.gated.layer.Dense;
import dev.gated.layer.recurrent.Recurrent;
import dev.gated.loss.Loss;
import dev.gated.optim.Adam;
import dev.gated.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Metrics in compile: hand-computed values, masks, History, progress and evaluate. */
class MetricsTest {

    private static double measure(Metric metric, Tensor p, Tensor y, Tensor mask) {
        Metric.Tally tally = new Metric.Tally();
        metric.update(tally, p, y, mask);
        return metric.result(tally);
    }

    @Test
    void valuesMatchHandComputation() {
        Tensor probabilities = Tensor.of(new float[] {0.9f, 0.2f, 0.6f, 0.4f}, 4, 1);
        Tensor labels = Tensor.of(new float[] {1, 0, 0, 0}, 4, 1);
        assertEquals(0.75, measure(Metric.binaryAccuracy(), probabilities, labels, null), 1e-12);
        Tensor scores = Tensor.of(new float[] {0.1f, 0.7f, 0.2f, 0.5f, 0.3f, 0.2f, 0.3f, 0.3f, 0.4f}, 3, 3);
        Tensor sparse = Tensor.of(new float[] {1, 1, 1}, 3);   // row 2: a tie with class 0 counts against class 1
        assertEquals(1.0 / 3, measure(Metric.sparseCategoricalAccuracy(), scores, sparse, null), 1e-12);
        assertEquals(2.0 / 3, measure(Metric.sparseTopKAccuracy(2), scores, sparse, null), 1e-12);
        Tensor oneHot = Tensor.of(new float[] {0, 1, 0, 0, 1, 0, 1, 0, 0}, 3, 3);
        assertEquals(1.0 / 3, measure(Metric.categoricalAccuracy(), scores, oneHot, null), 1e-12);
        Tensor p = Tensor.of(new float[] {1, 2, 3, 4}, 4, 1);
        Tensor y = Tensor.of(new float[] {1, 1, 1, 1}, 4, 1);
        assertEquals((0 + 1 + 2 + 3) / 4.0, measure(Metric.mae(), p, y, null), 1e-12);
        assertEquals((0 + 1 + 4 + 9) / 4.0, measure(Metric.mse(), p, y, null), 1e-12);
        assertEquals(Math.sqrt(14 / 4.0), measure(Metric.rmse(), p, y, null), 1e-12);
    }

    @Test
    void maskedStepsDoNotCountAndRmseIsTakenOverAllBatches() {
        Tensor p = Tensor.of(new float[] {1, 5, 2, 7}, 2, 2, 1);
        Tensor y = Tensor.of(new float[] {1, 0, 1, 0}, 2, 2, 1);
        Tensor mask = Tensor.of(new float[] {1, 0, 1, 0}, 2, 2);
        assertEquals(0.5, measure(Metric.mae(), p, y, mask), 1e-12);
        Metric rmse = Metric.rmse();
        Metric.Tally tally = new Metric.Tally();
        rmse.update(tally, Tensor.of(new float[] {3}, 1, 1), Tensor.of(new float[] {0}, 1, 1), null);
        rmse.update(tally, Tensor.of(new float[] {1}, 1, 1), Tensor.of(new float[] {0}, 1, 1), null);
        assertEquals(Math.sqrt(5), rmse.result(tally), 1e-12, "√(mean of squares), not the mean of per-batch roots");
    }

    @Test
    void reportedInProgressHistoryAndEvaluate() {
        float[] x = new float[200 * 4];
        float[] y = new float[200];
        for (int i = 0; i < 200; i++) {
            double sum = 0;
            for (int t = 0; t < 4; t++) {
                x[i * 4 + t] = (float) Math.sin(i * 1.7 + t);
                sum += x[i * 4 + t];
            }
            y[i] = sum > 0 ? 1 : 0;
        }
        Dataset data = new Dataset(Tensor.of(x, 200, 4, 1), Tensor.of(y, 200, 1));
        Sequential model = Sequential.input(4, 1).add(Recurrent.gru(8)).add(new Dense(1, Activation.SIGMOID))
                .compile(new Adam(0.02), Loss.binaryCrossEntropy(false))
                .metrics(Metric.binaryAccuracy(), Metric.mse());
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        History history = model.fit(data, Fit.epochs(15).validationSplit(0.25).progress(new PrintStream(text, true, StandardCharsets.UTF_8)));
        String progress = text.toString(StandardCharsets.UTF_8);
        assertTrue(progress.contains(" - binary_accuracy: ") && progress.contains(" - val_binary_accuracy: ")
                && progress.contains(" - mse: "), progress);
        double[] accuracy = history.metric("binary_accuracy");
        double[] validation = history.metric("val_binary_accuracy");
        assertEquals(15, accuracy.length);
        assertTrue(accuracy[14] > 0.85, "final training accuracy " + accuracy[14]);
        Map<String, Double> evaluated = model.evaluateMetrics(MultiDataset.of(data.splitLast(0.25)[1]));
        assertEquals(validation[14], evaluated.get("binary_accuracy"), 1e-12, "evaluate = the last epoch's validation");
        assertEquals(history.validationLoss()[14], evaluated.get("loss"), 1e-6);
        assertThrows(IllegalArgumentException.class, () -> Metric.parse("accuracy_please"));
        assertEquals("sparse_top_5_accuracy", Metric.parse("sparse_top_5_accuracy").name());
    }
}
