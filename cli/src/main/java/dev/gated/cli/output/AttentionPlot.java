package dev.gated.cli.output;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;

/**
 * A translation's attention weights as a heatmap PNG drawn with XChart: source tokens across, output tokens
 * down (the first at the top), white = 0 to dark blue = 1. Each row is the distribution over the source with
 * which that output token was produced.
 */
public final class AttentionPlot {

    private AttentionPlot() {
    }

    /** Pixel width of the PNG for {@code sourceTokens} columns: 40 per token plus margins, within [480, 2400]. */
    public static int width(int sourceTokens) {
        return Math.max(480, Math.min(2400, 220 + 40 * sourceTokens));
    }

    /** Pixel height for {@code outputTokens} rows: 28 per token plus margins, within [360, 2400]. */
    public static int height(int outputTokens) {
        return Math.max(360, Math.min(2400, 160 + 28 * outputTokens));
    }

    /** weights (T, S): row t for {@code outputs.get(t)}, column s for {@code sources.get(s)}. */
    public static void write(Path png, String title, List<String> sources, List<String> outputs, double[][] weights) throws IOException {
        HeatMapChart chart = new HeatMapChartBuilder().width(width(sources.size())).height(height(outputs.size()))
                .title(title).xAxisTitle("source").yAxisTitle("output").build();
        chart.getStyler().setMin(0);
        chart.getStyler().setMax(1);
        chart.getStyler().setRangeColors(new Color[] {Color.WHITE, new Color(0x08306B)});
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setDrawBorder(false);
        chart.getStyler().setLegendVisible(true);
        chart.getStyler().setXAxisTickMarkSpacingHint(1);   // a label for every token (no setXAxisMaxLabelCount: it thins the y labels)
        chart.getStyler().setYAxisTickMarkSpacingHint(1);
        int rows = outputs.size();
        List<String> outputLabels = distinct(outputs);
        List<String> ys = new ArrayList<>();
        for (int r = rows - 1; r >= 0; r--) {
            ys.add(outputLabels.get(r));   // y grows upwards: the first output token last, so it is drawn on top
        }
        List<Number[]> heat = new ArrayList<>();
        for (int t = 0; t < rows; t++) {
            for (int s = 0; s < sources.size(); s++) {
                heat.add(new Number[] {s, rows - 1 - t, weights[t][s]});
            }
        }
        chart.addSeries("attention", distinct(sources), ys, heat);
        Plots.save(chart, png);
    }

    /** XChart merges equal category labels, so the k-th repeat of a token is labelled "token k" ("l", "l 2"). */
    private static List<String> distinct(List<String> tokens) {
        java.util.Map<String, Integer> seen = new java.util.HashMap<>();
        List<String> out = new ArrayList<>();
        for (String t : tokens) {
            int k = seen.merge(t, 1, Integer::sum);
            out.add(k == 1 ? t : t + " " + k);
        }
        return out;
    }
}
