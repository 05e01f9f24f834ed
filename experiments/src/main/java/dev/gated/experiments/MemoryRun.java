package dev.gated.experiments;

import dev.gated.inspect.Inspection;

/**
 * One trained model on one task at one length.
 *
 * @param task                  adding, copy or first-symbol
 * @param model                 rnn, lstm or gru
 * @param length                the task's lag parameter T
 * @param metric                mse, cross_entropy or accuracy
 * @param testMetric            the metric on the test examples after training
 * @param baseline              the memoryless baseline's metric on the same test examples
 * @param solved                by the task's rule ({@link MemoryTask#solvedRule()})
 * @param trainSeconds          wall time of {@code fit}
 * @param epochs                epochs trained
 * @param params                trainable parameters
 * @param finalTrainLoss        mean training loss of the last epoch
 * @param gradientNormsInit     ‖∂L/∂h_t‖ for t = 0 … T'−1 over the probe batch, at initialisation
 * @param gradientNormsTrained  the same after training
 * @param sample                inspection of the first test example after training (null unless asked for)
 * @param sampleCues            the time steps that example's answer depends on
 */
public record MemoryRun(String task, String model, int length, String metric, double testMetric, double baseline,
                        boolean solved, double trainSeconds, int epochs, long params, double finalTrainLoss,
                        double[] gradientNormsInit, double[] gradientNormsTrained, Inspection sample,
                        int[] sampleCues) {

    /** The JSON/table row. */
    public MemoryRow row() {
        return new MemoryRow(task, model, length, metric, testMetric, baseline, solved, trainSeconds, epochs, params);
    }
}
