package dev.gated.experiments;

import dev.gated.inspect.LayerTrace;
import java.awt.Color;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The pictures of a memory experiment, as PNG files in one folder:
 * <pre>
 * gradient-flow-{task}-T{length}.png   log10 of ‖∂L/∂h_{T'−1−k}‖ / ‖∂L/∂h_{T'−1}‖ against lag k (a log scale
 *                                      drawn as exponents, which stays legible over 40 decades): every model,
 *                                      dotted at initialisation, solid after training
 * gates-{task}-{model}-T{length}.png   one heatmap per gate: unit × time, for the first test example
 * state-{task}-{model}-T{length}.png   cell state c_t (LSTM) or hidden state h_t (GRU, RNN) of every unit over
 *                                      time, with the steps the answer depends on marked
 * gradient-flow-{task}.csv             the numbers behind the gradient-flow plots
 * </pre>
 */
public final class MemoryPlots {

    private static final Map<String, Color> COLORS = Map.of(
            "rnn", new Color(0xD6, 0x27, 0x28), "lstm", new Color(0x1F, 0x77, 0xB4), "gru", new Color(0x2C, 0xA0, 0x2C));

    private static final Map<String, String> GATE_TITLES = Map.ofEntries(
            Map.entry("lstm.i", "input gate i"), Map.entry("lstm.f", "forget gate f"),
            Map.entry("lstm.g", "candidate g (tanh)"), Map.entry("lstm.o", "output gate o"),
            Map.entry("gru.r", "reset gate r"), Map.entry("gru.z", "update gate z (1 = keep h)"),
            Map.entry("gru.n", "candidate n (tanh)"), Map.entry("simple_rnn.h", "hidden state h = tanh(…)"));

    private MemoryPlots() {
    }

    /** Writes every picture for {@code runs} into {@code dir} (created if needed) and returns the files. */
    public static List<Path> write(List<MemoryRun> runs, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        Map<Integer, List<MemoryRun>> byLength = new TreeMap<>();
        for (MemoryRun run : runs) {
            byLength.computeIfAbsent(run.length(), k -> new ArrayList<>()).add(run);
        }
        for (Map.Entry<Integer, List<MemoryRun>> e : byLength.entrySet()) {
            List<MemoryRun> group = e.getValue();
            Path file = dir.resolve("gradient-flow-" + group.get(0).task() + "-T" + e.getKey() + ".png");
            BitmapEncoder.saveBitmap(gradientFlow(group), file.toString(), BitmapFormat.PNG);
            files.add(file);
        }
        for (MemoryRun run : runs) {
            if (run.sample() == null) {
                continue;
            }
            String stem = run.task() + "-" + run.model() + "-T" + run.length() + ".png";
            List<HeatMapChart> gates = gateHeatmaps(run);
            Path gatesFile = dir.resolve("gates-" + stem);
            BitmapEncoder.saveBitmap(gates, gates.size(), 1, gatesFile.toString(), BitmapFormat.PNG);
            files.add(gatesFile);
            Path stateFile = dir.resolve("state-" + stem);
            BitmapEncoder.saveBitmap(stateTraces(run), stateFile.toString(), BitmapFormat.PNG);
            files.add(stateFile);
        }
        if (!runs.isEmpty()) {
            Path csv = dir.resolve("gradient-flow-" + runs.get(0).task() + ".csv");
            writeCsv(runs, csv);
            files.add(csv);
        }
        return files;
    }

    /** Relative gradient norm against lag for the runs of one length, as log10. */
    static XYChart gradientFlow(List<MemoryRun> runs) {
        MemoryRun first = runs.get(0);
        XYChart chart = new XYChartBuilder().width(900).height(560)
                .title("Gradient flow through time: " + first.task() + ", T = " + first.length()
                        + " (dotted: initialisation, solid: trained)")
                .xAxisTitle("lag k (steps back from the last step)")
                .yAxisTitle("log10( ||dL/dh(T'-1-k)|| / ||dL/dh(T'-1)|| )").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSW);
        chart.getStyler().setMarkerSize(0);
        for (MemoryRun run : runs) {
            addFlow(chart, run.model() + " init", run.gradientNormsInit(), COLORS.get(run.model()), true);
            addFlow(chart, run.model() + " trained", run.gradientNormsTrained(), COLORS.get(run.model()), false);
        }
        return chart;
    }

    private static void addFlow(XYChart chart, String name, double[] norms, Color color, boolean dashed) {
        double[][] points = relativeByLag(norms);
        if (points[0].length == 0) {
            return;
        }
        XYSeries s = chart.addSeries(name, points[0], points[1]);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setLineStyle(dashed ? SeriesLines.DASH_DASH : SeriesLines.SOLID);
    }

    /** {lags, log10 of the norms relative to lag 0}, leaving out zeros and non-finite values (no logarithm). */
    static double[][] relativeByLag(double[] norms) {
        int steps = norms.length;
        double last = norms[steps - 1];
        List<double[]> kept = new ArrayList<>();
        for (int k = 0; k < steps; k++) {
            double r = norms[steps - 1 - k] / last;
            if (Double.isFinite(r) && r > 0) {
                kept.add(new double[] {k, Math.log10(r)});
            }
        }
        double[][] out = new double[2][kept.size()];
        for (int i = 0; i < kept.size(); i++) {
            out[0][i] = kept.get(i)[0];
            out[1][i] = kept.get(i)[1];
        }
        return out;
    }

    /** One heatmap per gate of the run's inspected example: units down, time across. */
    static List<HeatMapChart> gateHeatmaps(MemoryRun run) {
        LayerTrace trace = run.sample().trace();
        List<HeatMapChart> charts = new ArrayList<>();
        for (String gate : trace.gateNames()) {
            double[][] values = trace.gate(gate);  // (T', H)
            boolean tanh = gate.equals("g") || gate.equals("n") || gate.equals("h");
            HeatMapChart chart = new HeatMapChartBuilder().width(1000).height(300)
                    .title(run.model().toUpperCase(Locale.ROOT) + " " + GATE_TITLES.getOrDefault(trace.cell() + "." + gate,
                            gate) + " — " + run.task() + ", T = " + run.length() + ", test example 0, cues at t = "
                            + cues(run.sampleCues()))
                    .xAxisTitle("time step t").yAxisTitle("unit").build();
            chart.getStyler().setMin(tanh ? -1 : 0);
            chart.getStyler().setMax(1);
            chart.getStyler().setRangeColors(tanh
                    ? new Color[] {new Color(0x2166AC), Color.WHITE, new Color(0xB2182B)}
                    : new Color[] {Color.WHITE, new Color(0x08306B)});
            chart.getStyler().setXAxisMaxLabelCount(20);
            chart.getStyler().setDrawBorder(false);
            chart.getStyler().setLegendVisible(true);
            List<Integer> xs = new ArrayList<>();
            List<Integer> ys = new ArrayList<>();
            List<Number[]> heat = new ArrayList<>();
            for (int t = 0; t < values.length; t++) {
                xs.add(t);
            }
            for (int j = 0; j < trace.units(); j++) {
                ys.add(j);
            }
            for (int t = 0; t < values.length; t++) {
                for (int j = 0; j < trace.units(); j++) {
                    heat.add(new Number[] {t, j, values[t][j]});
                }
            }
            chart.addSeries(gate, xs, ys, heat);
            charts.add(chart);
        }
        return charts;
    }

    /** c_t (LSTM) or h_t of every unit over time, the cue steps drawn as vertical lines. */
    static XYChart stateTraces(MemoryRun run) {
        LayerTrace trace = run.sample().trace();
        double[][] states = trace.cellStates() != null ? trace.cellStates() : trace.hiddenStates();
        String what = trace.cellStates() != null ? "cell state c_t" : "hidden state h_t";
        XYChart chart = new XYChartBuilder().width(1000).height(500)
                .title(run.model().toUpperCase(Locale.ROOT) + " " + what + " per unit — " + run.task() + ", T = "
                        + run.length() + ", test example 0 (grey lines: cues at t = " + cues(run.sampleCues()) + ")")
                .xAxisTitle("time step t").yAxisTitle(what).build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setMarkerSize(0);
        double[] time = new double[states.length];
        for (int t = 0; t < time.length; t++) {
            time[t] = t;
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < trace.units(); j++) {
            double[] unit = new double[states.length];
            for (int t = 0; t < states.length; t++) {
                unit[t] = states[t][j];
                lo = Math.min(lo, unit[t]);
                hi = Math.max(hi, unit[t]);
            }
            chart.addSeries("unit " + j, time, unit).setMarker(SeriesMarkers.NONE);
        }
        for (int cue : run.sampleCues()) {
            XYSeries line = chart.addSeries("cue t=" + cue, new double[] {cue, cue}, new double[] {lo, hi});
            line.setMarker(SeriesMarkers.NONE);
            line.setLineColor(Color.GRAY);
            line.setLineStyle(SeriesLines.DOT_DOT);
        }
        return chart;
    }

    private static String cues(int[] cues) {
        if (cues.length > 3) {
            return cues[0] + "…" + cues[cues.length - 1];
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cues.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(cues[i]);
        }
        return sb.toString();
    }

    /** model,length,phase,t,lag,gradient_norm — one line per step, phases init and trained. */
    static void writeCsv(List<MemoryRun> runs, Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("task,model,length,phase,t,lag,gradient_norm\n");
            for (MemoryRun run : runs) {
                Map<String, double[]> phases = new LinkedHashMap<>();
                phases.put("init", run.gradientNormsInit());
                phases.put("trained", run.gradientNormsTrained());
                for (Map.Entry<String, double[]> p : phases.entrySet()) {
                    double[] norms = p.getValue();
                    for (int t = 0; t < norms.length; t++) {
                        w.write(run.task() + "," + run.model() + "," + run.length() + "," + p.getKey() + "," + t + ","
                                + (norms.length - 1 - t) + "," + norms[t] + "\n");
                    }
                }
            }
        }
    }
}
