package dev.gated.cli.output;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * One PNG of what a speech model saw and said, three XChart panels stacked: the waveform, the log-mel spectrogram
 * (frames × mel bands, dB), and the model's per-frame class probabilities (a classifier's belief after each frame,
 * or a CTC model's posteriors with the blank, whose spikes are the CTC path).
 */
public final class SpeechPlot {

    private static final int WIDTH = 1100;
    private static final int PANEL = 300;
    private static final int MAX_WAVE_POINTS = 4000;

    private SpeechPlot() {
    }

    /**
     * @param samples       x (N) at {@code rate}
     * @param logMel        (T, M) dB
     * @param hopSeconds    seconds between frames
     * @param probabilities (T', K) per frame, T' ≤ T frames (a stream's frames)
     * @param classes       K names, e.g. "blank", "0" … "9"
     */
    public static void write(Path png, String title, float[] samples, int rate, double[][] logMel, double hopSeconds,
                             double[][] probabilities, String probabilityTitle, List<String> classes) throws IOException {
        BufferedImage wave = BitmapEncoder.getBufferedImage(waveform(title, samples, rate));
        BufferedImage mel = BitmapEncoder.getBufferedImage(spectrogram(logMel));
        BufferedImage prob = BitmapEncoder.getBufferedImage(posteriors(probabilities, hopSeconds, probabilityTitle, classes));
        BufferedImage all = new BufferedImage(WIDTH, 3 * PANEL, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = all.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, 3 * PANEL);
        g.drawImage(wave, 0, 0, null);
        g.drawImage(mel, 0, PANEL, null);
        g.drawImage(prob, 0, 2 * PANEL, null);
        g.dispose();
        Path parent = png.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        ImageIO.write(all, "png", png.toFile());
    }

    /** {@code plot} itself for one input; for several, {@code plot}'s name with "-" and the WAV's name added. */
    public static Path pathFor(Path plot, Path wav, boolean several) {
        if (!several) {
            return plot;
        }
        String name = plot.getFileName().toString();
        String stem = name.toLowerCase(java.util.Locale.ROOT).endsWith(".png") ? name.substring(0, name.length() - 4) : name;
        String wavName = wav.getFileName().toString().replaceFirst("(?i)\\.wav$", "");
        return plot.resolveSibling(stem + "-" + wavName + ".png");
    }

    private static XYChart waveform(String title, float[] x, int rate) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(PANEL).title(title).xAxisTitle("seconds").yAxisTitle("amplitude").build();
        style(chart);
        chart.getStyler().setLegendVisible(false);
        int step = Math.max(1, x.length / MAX_WAVE_POINTS);
        List<Double> t = new ArrayList<>();
        List<Double> v = new ArrayList<>();
        for (int i = 0; i < x.length; i += step) {
            float lo = x[i];
            float hi = x[i];
            for (int j = i; j < Math.min(x.length, i + step); j++) {
                lo = Math.min(lo, x[j]);
                hi = Math.max(hi, x[j]);
            }
            t.add(i / (double) rate);
            v.add((double) lo);
            t.add(i / (double) rate);
            v.add((double) hi);
        }
        chart.addSeries("waveform", t, v).setMarker(SeriesMarkers.NONE);
        return chart;
    }

    private static HeatMapChart spectrogram(double[][] logMel) {
        HeatMapChart chart = new HeatMapChartBuilder().width(WIDTH).height(PANEL).title("log-mel spectrogram (dB), frame × mel band").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setXAxisTicksVisible(false);
        chart.getStyler().setYAxisTicksVisible(false);
        chart.getStyler().setLegendVisible(true);
        chart.getStyler().setRangeColors(new Color[] {new Color(10, 10, 40), new Color(120, 30, 120), new Color(240, 120, 40), new Color(255, 255, 180)});
        int frames = logMel.length;
        int bands = frames == 0 ? 0 : logMel[0].length;
        int[] xs = new int[frames];
        int[] ys = new int[bands];
        int[][] heat = new int[frames][bands];
        for (int t = 0; t < frames; t++) {
            xs[t] = t;
            for (int m = 0; m < bands; m++) {
                heat[t][m] = (int) Math.round(Math.max(-100, logMel[t][m]));
            }
        }
        for (int m = 0; m < bands; m++) {
            ys[m] = m;
        }
        chart.addSeries("dB", xs, ys, heat);
        return chart;
    }

    private static XYChart posteriors(double[][] p, double hop, String title, List<String> classes) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(PANEL).title(title)
                .xAxisTitle("seconds (frame start)").yAxisTitle("probability").build();
        style(chart);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        List<Double> t = new ArrayList<>();
        for (int f = 0; f < p.length; f++) {
            t.add(f * hop);
        }
        for (int k = 0; k < classes.size(); k++) {
            List<Double> v = new ArrayList<>();
            for (double[] row : p) {
                v.add(row[k]);
            }
            XYSeries s = chart.addSeries(classes.get(k), t, v);
            s.setMarker(SeriesMarkers.NONE);
            if (classes.get(k).equals("blank")) {
                s.setLineColor(Color.BLACK);
            }
        }
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(1.0);
        return chart;
    }

    private static void style(XYChart chart) {
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    }
}
