package dev.gated.experiments;

/**
 * One row of the results table, and of {@code --json}'s {@code rows} (written with snake_case names:
 * {@code test_metric}, {@code train_seconds}).
 *
 * @param task         adding, copy or first-symbol
 * @param model        rnn, lstm or gru
 * @param length       the lag parameter T
 * @param metric       the name of test_metric: mse, cross_entropy or accuracy
 * @param testMetric   the metric on the test examples
 * @param baseline     the memoryless baseline's metric on the same examples
 * @param solved       by the task's rule
 * @param trainSeconds wall time of training
 * @param epochs       epochs trained
 * @param params       trainable parameters
 */
public record MemoryRow(String task, String model, int length, String metric, double testMetric, double baseline,
                        boolean solved, double trainSeconds, int epochs, long params) {
}
