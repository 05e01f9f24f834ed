package dev.gated.studio.jobs;

import java.util.Map;

/**
 * What a finished job measured.
 *
 * @param metrics     per part ("validation", "test"): rmse, mae, mape … (null entry when the part does not exist)
 * @param predictions per part ("train", "validation", "test"): the model's forecasts in original units, (N·H)
 *                    in the layout of the part's window targets
 */
public record Evaluation(Map<String, Map<String, Double>> metrics, Map<String, double[]> predictions) {
}
