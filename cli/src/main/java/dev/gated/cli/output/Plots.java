package dev.gated.cli.output;

import dev.gated.model.EpochRecord;
import dev.gated.timeseries.TimeAxis;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * PNG charts drawn with XChart: forecasts against the actual series with the split boundaries as dashed
 * vertical lines, and learning curves (loss and val_loss per epoch).
 */
public final class Plots {

    /** A predicted line: values at (fractional) series rows; rows may run past the end of the series. */
    public record Line(String name, double[] rows, double[] values) {
    }

    /** A prediction interval: lower and upper values at (fractional) series rows, drawn as two dotted lines. */
    public record Band(String name, double[] rows, double[] lower, double[] upper) {
    }

    /** A dashed vertical line before {@code row}, e.g. "test" at the first test row. */
    public record Boundary(String name, int row) {
    }

    private static final int WIDTH = 1100;
    private static final int HEIGHT = 520;

    private Plots() {
    }

    /**
     * Actual values of rows [fromRow, R) and the predicted lines, x = the time column when it holds dates,
     * else the row number.
     */
    public static void forecastVsActual(Path png, String title, String yLabel, TimeAxis axis, double[] actual,
                                        int fromRow, List<Line> lines, List<Boundary> boundaries) throws IOException {
        forecastVsActual(png, title, yLabel, axis, actual, fromRow, lines, List.of(), boundaries);
    }

    /** As above, with prediction intervals: each band's bounds as dotted lines of one colour, one legend entry. */
    public static void forecastVsActual(Path png, String title, String yLabel, TimeAxis axis, double[] actual,
                                        int fromRow, List<Line> lines, List<Band> bands, List<Boundary> boundaries)
            throws IOException {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(axis.hasTimes() ? "time" : "row").yAxisTitle(yLabel).build();
        style(chart);
        XAxis x = new XAxis(axis);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        List<Double> ys = new ArrayList<>();
        double[] rows = new double[actual.length - fromRow];
        for (int r = fromRow; r < actual.length; r++) {
            rows[r - fromRow] = r;
            ys.add(actual[r]);
            lo = Math.min(lo, actual[r]);
            hi = Math.max(hi, actual[r]);
        }
        line(chart.addSeries("actual", x.of(rows), ys));
        for (Line l : lines) {
            List<Double> v = new ArrayList<>();
            for (double d : l.values()) {
                v.add(d);
                lo = Math.min(lo, d);
                hi = Math.max(hi, d);
            }
            line(chart.addSeries(l.name(), x.of(l.rows()), v));
        }
        java.awt.Color[] colours = {new java.awt.Color(204, 120, 0), new java.awt.Color(0, 130, 130),
                new java.awt.Color(130, 0, 130)};
        for (int i = 0; i < bands.size(); i++) {
            Band b = bands.get(i);
            double[][] bounds = {b.upper(), b.lower()};
            for (int k = 0; k < 2; k++) {
                List<Double> v = new ArrayList<>();
                for (double d : bounds[k]) {
                    v.add(d);
                    lo = Math.min(lo, d);
                    hi = Math.max(hi, d);
                }
                XYSeries s = line(chart.addSeries(k == 0 ? b.name() : b.name() + " (lower)", x.of(b.rows()), v));
                s.setLineStyle(SeriesLines.DOT_DOT);
                s.setLineColor(colours[i % colours.length]);
                s.setShowInLegend(k == 0);
            }
        }
        for (Boundary b : boundaries) {
            XYSeries s = chart.addSeries(b.name(), x.of(new double[] {b.row() - 0.5, b.row() - 0.5}), List.of(lo, hi));
            line(s).setLineStyle(SeriesLines.DASH_DASH);
            s.setLineColor(java.awt.Color.GRAY);
        }
        save(chart, png);
    }

    /** Training loss and, when there was validation data, validation loss per epoch. */
    public static void learningCurves(Path png, String title, List<EpochRecord> history) throws IOException {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("epoch")
                .yAxisTitle("loss (MSE, scaled)").build();
        style(chart);
        List<Integer> epochs = new ArrayList<>();
        List<Double> loss = new ArrayList<>();
        List<Double> val = new ArrayList<>();
        for (EpochRecord r : history) {
            epochs.add(r.epoch() + 1);
            loss.add(r.loss());
            val.add(r.validationLoss());
        }
        line(chart.addSeries("loss", epochs, loss)).setMarker(SeriesMarkers.CIRCLE);
        if (!history.isEmpty() && history.get(0).hasValidation()) {
            line(chart.addSeries("val_loss", epochs, val)).setMarker(SeriesMarkers.CIRCLE);
        }
        save(chart, png);
    }

    static void style(XYChart chart) {
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        chart.getStyler().setTimezone(TimeZone.getTimeZone("UTC"));
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
    }

    static XYSeries line(XYSeries s) {
        s.setMarker(SeriesMarkers.NONE);
        return s;
    }

    /** Writes any XChart chart as a PNG, creating the folder. */
    static void save(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, Path png) throws IOException {
        Path parent = png.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream out = Files.newOutputStream(png)) {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        }
    }

    /** Maps series rows to x values: dates (extrapolated past the last row at the last step) or row numbers. */
    private static final class XAxis {
        private final TimeAxis axis;

        XAxis(TimeAxis axis) {
            this.axis = axis;
        }

        List<?> of(double[] rows) {
            if (!axis.hasTimes() || axis.size() < 2) {
                List<Double> out = new ArrayList<>();
                for (double r : rows) {
                    out.add(r);
                }
                return out;
            }
            int last = axis.size() - 1;
            double lastMs = millis(last);
            double step = lastMs - millis(last - 1);
            List<Date> out = new ArrayList<>();
            for (double r : rows) {
                int base = (int) Math.max(0, Math.min(last, Math.floor(r)));
                double ms = r > last ? lastMs + (r - last) * step
                        : millis(base) + (r - base) * (base < last ? millis(base + 1) - millis(base) : step);
                out.add(new Date((long) ms));
            }
            return out;
        }

        private double millis(int row) {
            return axis.time(row).toInstant(ZoneOffset.UTC).toEpochMilli();
        }
    }
}
