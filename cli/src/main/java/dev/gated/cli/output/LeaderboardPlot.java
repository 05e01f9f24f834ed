package dev.gated.cli.output;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * The leaderboard of {@code gated tune --plot} as a PNG bar chart: one bar per trial, its validation RMSE, in
 * leaderboard order (best first), labelled with its rank and settings; with successive halving, one colour per
 * rung the trial reached, so the trials cut early are told from those trained to the end.
 */
public final class LeaderboardPlot {

    /** One trial: its label (rank and settings), validation RMSE and the rung it reached (its legend group). */
    public record Bar(String label, double valRmse, String group) {
    }

    private LeaderboardPlot() {
    }

    /** Writes the chart of {@code bars} (best first) to {@code png}. */
    public static void write(Path png, String title, String yLabel, List<Bar> bars) throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(Math.max(700, 60 * bars.size() + 200)).height(560)
                .title(title).xAxisTitle("trial (rank, settings)").yAxisTitle(yLabel).build();
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setXAxisLabelRotation(90);
        chart.getStyler().setOverlapped(true);
        List<String> labels = bars.stream().map(Bar::label).toList();
        List<String> groups = bars.stream().map(Bar::group).distinct().toList();
        for (String g : groups) {
            List<Double> values = new ArrayList<>();
            for (Bar b : bars) {
                values.add(b.group().equals(g) && Double.isFinite(b.valRmse()) ? b.valRmse() : 0.0);
            }
            chart.addSeries(g, labels, values);
        }
        Plots.save(chart, png);
    }
}
