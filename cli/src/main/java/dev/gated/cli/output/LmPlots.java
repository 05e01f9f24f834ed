package dev.gated.cli.output;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.knowm.xchart.AnnotationText;

/**
 * PNG charts of language models, drawn with XChart: validation loss against wall-clock time for several models
 * (with dashed reference lines), and the per-character loss along a passage with each character written above
 * its point (where the model is surprised).
 */
public final class LmPlots {

    /** One model's curve: validation loss (nats/char) at each time (seconds). */
    public record Curve(String name, List<Double> seconds, List<Double> loss) {
    }

    /** A horizontal dashed line, e.g. a published reference. */
    public record Reference(String name, double loss) {
    }

    private LmPlots() {
    }

    /** Validation loss against minutes of training, one line per model, and the references dashed. */
    public static void curves(Path png, String title, String xAxis, List<Curve> curves, List<Reference> references)
            throws IOException {
        XYChart chart = new XYChartBuilder().width(1100).height(560).title(title).xAxisTitle(xAxis)
                .yAxisTitle("validation loss (nats/char)").build();
        Plots.style(chart);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        double end = 0;
        for (Curve c : curves) {
            List<Double> minutes = new ArrayList<>();
            for (double s : c.seconds()) {
                minutes.add(s / 60);
                end = Math.max(end, s / 60);
            }
            Plots.line(chart.addSeries(c.name(), minutes, c.loss())).setMarker(SeriesMarkers.CIRCLE);
        }
        for (Reference r : references) {
            XYSeries s = chart.addSeries(r.name(), List.of(0.0, Math.max(end, 1)), List.of(r.loss(), r.loss()));
            Plots.line(s).setLineStyle(SeriesLines.DASH_DASH);
            s.setLineColor(Color.GRAY);
        }
        Plots.save(chart, png);
    }

    /**
     * {@code loss[i]}: −log p of {@code predicted.charAt(i)} at position {@code first + i}; each character written
     * above its point.
     */
    public static void surprise(Path png, String title, int first, String predicted, double[] loss) throws IOException {
        int width = Math.max(1100, 12 * loss.length + 120);
        XYChart chart = new XYChartBuilder().width(width).height(460).title(title).xAxisTitle("character position in the passage")
                .yAxisTitle("loss of this character (nats)").build();
        Plots.style(chart);
        chart.getStyler().setLegendVisible(false);
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        double top = 0;
        for (int i = 0; i < loss.length; i++) {
            x.add((double) (first + i));
            y.add(loss[i]);
            top = Math.max(top, loss[i]);
        }
        Plots.line(chart.addSeries("loss", x, y)).setMarker(SeriesMarkers.CIRCLE);
        chart.getStyler().setYAxisMax(top * 1.12 + 0.1);
        for (int i = 0; i < loss.length; i++) {
            chart.addAnnotation(new AnnotationText(visible(predicted.charAt(i)), first + i, loss[i] + top * 0.05 + 0.05, false));
        }
        Plots.save(chart, png);
    }

    private static final Map<Character, String> SHOWN = new LinkedHashMap<>(Map.of('\n', "↵", ' ', "·", '\t', "→", '\r', "␍"));

    /** A character as drawn: line feed ↵, space ·, tab →. */
    public static String visible(char c) {
        return SHOWN.getOrDefault(c, String.valueOf(c));
    }

    /** The first character of {@code s} as drawn. */
    public static String visible(String s) {
        return s.isEmpty() ? s : visible(s.charAt(0));
    }
}
